using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>
/// One operation of a chaos history, invocation and completion together, with exactly the
/// fields of the shared history format (one JSON Lines object per operation).
/// </summary>
/// <param name="Client">The logical client (worker) that issued the operation.</param>
/// <param name="Op">The operation name: get, put, append, cas, add, delete, sadd, smembers, lpush, lrange.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">put: the value; append: the suffix; cas: the new value (null = delete); add: the delta; sadd/lpush: the element.</param>
/// <param name="Expected">cas only: the compare value; null = the key must be absent.</param>
/// <param name="Output">get: the value read; add: the new value; smembers/lrange: a JSON array of strings.</param>
/// <param name="Ok">true: took effect once; false: certainly did not (cas: compare failed); null: indeterminate.</param>
/// <param name="Call">Shared monotonic clock, read just before sending.</param>
/// <param name="Return">The same clock, read just after the response; null = indeterminate.</param>
/// <param name="Meta">Free-form diagnostics, ignored by checkers.</param>
internal sealed record Operation(
    long Client,
    string Op,
    string Key,
    string? Value,
    string? Expected,
    string? Output,
    bool? Ok,
    long Call,
    long? Return,
    JsonElement? Meta = null)
{
    /// <summary>The parsed operation name; throws for a name outside the format.</summary>
    public OpKind Kind => OpKinds.Parse(Op);

    /// <summary>True when the operation's outcome is unknown (Jepsen's :info): it may have taken effect after <see cref="Call"/>, or never.</summary>
    public bool IsIndeterminate => Return is null;

    /// <summary>True when the operation completed and took effect (a read read <see cref="Output"/>).</summary>
    public bool IsOk => Return is not null && Ok == true;

    /// <summary>True when the operation completed and certainly did not take effect (a failed cas compared unequal).</summary>
    public bool IsFailed => Return is not null && Ok == false;

    /// <summary>The same operation made indeterminate: its response is forgotten.</summary>
    public Operation AsIndeterminate() => this with { Ok = null, Return = null, Output = null };
}

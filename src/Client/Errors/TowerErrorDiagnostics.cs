using System.Globalization;
using System.Text;

namespace RaftTower.Client;

/// <summary>What the client knew when an operation failed; every field is explained in <c>docs/errors.md</c>.</summary>
/// <param name="Operation">The client method, e.g. <c>AddIntAsync</c>.</param>
/// <param name="Key">The key (cut to 100 characters), when the operation has one.</param>
/// <param name="Endpoint">The last endpoint an attempt went to.</param>
/// <param name="LeaderHint">The leader's client URL the cluster last named, if any.</param>
/// <param name="Term">The Raft term the last node error carried (0 when none did).</param>
/// <param name="Elapsed">Time from the call to the failure, including retries and backoff.</param>
/// <param name="Attempts">How many times the request was sent (or a connection attempted).</param>
/// <param name="Redirects">How many NOT_LEADER answers were followed.</param>
/// <param name="ClientId">The client's exactly-once session id (hex).</param>
/// <param name="Sequence">The request's sequence number in that session (0 for reads, which carry no session).</param>
public sealed record TowerErrorDiagnostics(
    string Operation,
    string? Key,
    Uri? Endpoint,
    string? LeaderHint,
    ulong Term,
    TimeSpan Elapsed,
    int Attempts,
    int Redirects,
    ulong ClientId,
    ulong Sequence)
{
    /// <summary>The diagnostics as <c>name=value</c> pairs, as appended to exception messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "op", Operation);
        Append(text, "key", Key);
        Append(text, "endpoint", Endpoint?.ToString());
        Append(text, "leader-hint", LeaderHint);
        Append(text, "term", Term == 0 ? null : Term.ToString(CultureInfo.InvariantCulture));
        Append(text, "elapsed", ((long)Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
        Append(text, "attempts", Attempts.ToString(CultureInfo.InvariantCulture));
        Append(text, "redirects", Redirects.ToString(CultureInfo.InvariantCulture));
        Append(text, "client", ClientId.ToString("x16", CultureInfo.InvariantCulture));
        Append(text, "seq", Sequence == 0 ? null : Sequence.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(name).Append('=').Append(value);
    }
}

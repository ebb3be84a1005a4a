namespace RaftTower.Chaos.History;

/// <summary>Maps <see cref="OpKind"/> to and from the names written in history files.</summary>
internal static class OpKinds
{
    /// <summary>Every name the format allows, for error messages.</summary>
    public const string AllNames = "get, put, append, cas, add, delete, sadd, smembers, lpush, lrange";

    /// <summary>Parses an operation name, or returns false for a name outside the format.</summary>
    public static bool TryParse(string? name, out OpKind kind)
    {
        kind = name switch
        {
            "get" => OpKind.Get,
            "put" => OpKind.Put,
            "append" => OpKind.Append,
            "cas" => OpKind.Cas,
            "add" => OpKind.Add,
            "delete" => OpKind.Delete,
            "sadd" => OpKind.SetAdd,
            "smembers" => OpKind.SetMembers,
            "lpush" => OpKind.ListPush,
            "lrange" => OpKind.ListRange,
            _ => (OpKind)(-1),
        };
        return kind >= 0;
    }

    /// <summary>Parses an operation name that is known to be valid.</summary>
    public static OpKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new ArgumentException($"unknown operation '{name}' (expected one of {AllNames})", nameof(name));

    /// <summary>The name written in history files.</summary>
    public static string Name(this OpKind kind) => kind switch
    {
        OpKind.Get => "get",
        OpKind.Put => "put",
        OpKind.Append => "append",
        OpKind.Cas => "cas",
        OpKind.Add => "add",
        OpKind.Delete => "delete",
        OpKind.SetAdd => "sadd",
        OpKind.SetMembers => "smembers",
        OpKind.ListPush => "lpush",
        OpKind.ListRange => "lrange",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for operations of the register model (checked for linearizability).</summary>
    public static bool IsRegisterOp(this OpKind kind) => kind <= OpKind.Delete;
}

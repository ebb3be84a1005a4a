namespace RaftTower.Chaos.History;

/// <summary>The operation names of the history format.</summary>
internal enum OpKind
{
    /// <summary><c>get</c>: read the register.</summary>
    Get,

    /// <summary><c>put</c>: blind write.</summary>
    Put,

    /// <summary><c>append</c>: string concatenation (absent counts as "").</summary>
    Append,

    /// <summary><c>cas</c>: compare-and-set.</summary>
    Cas,

    /// <summary><c>add</c>: integer counter increment by a signed delta.</summary>
    Add,

    /// <summary><c>delete</c>: make the key absent.</summary>
    Delete,

    /// <summary><c>sadd</c>: add an element to a set.</summary>
    SetAdd,

    /// <summary><c>smembers</c>: read a whole set.</summary>
    SetMembers,

    /// <summary><c>lpush</c>: push an element on the right of a list (PushRight).</summary>
    ListPush,

    /// <summary><c>lrange</c>: read a whole list.</summary>
    ListRange,
}

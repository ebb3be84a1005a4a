namespace RaftTower.StateMachine.Model;

/// <summary>The outcome of a command or query; the errors match the client's <c>TowerErrorCode</c> (SPEC §3).</summary>
/// <remarks>Every status other than <see cref="Ok"/> means nothing changed.</remarks>
public enum ResultStatus : byte
{
    /// <summary>Success; the result value is meaningful.</summary>
    Ok = 0,

    /// <summary>The key holds a value of another type.</summary>
    WrongType = 1,

    /// <summary>An argument is out of its domain or over a limit.</summary>
    InvalidArgument = 2,

    /// <summary>Division or modulo by zero.</summary>
    DivideByZero = 3,

    /// <summary>The result does not fit its type.</summary>
    Overflow = 4,

    /// <summary>An index or position is outside the collection or the type's range.</summary>
    OutOfRange = 5,

    /// <summary>The thing to create exists already with another shape.</summary>
    AlreadyExists = 6,

    /// <summary>The key or element the operation needs does not exist.</summary>
    NotFound = 7,

    /// <summary>A retried request whose sequence is below the client's acknowledged watermark and whose recorded
    /// result was therefore dropped; it was not applied again.</summary>
    StaleSequence = 8,
}

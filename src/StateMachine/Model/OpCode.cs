namespace RaftTower.StateMachine.Model;

/// <summary>The operation of a command or query; the numeric values are part of the wire and log format.</summary>
/// <remarks>Argument shapes and whether an operation is a write (through the log) or a query live in <see cref="OperationInfo"/>.</remarks>
public enum OpCode : byte
{
    /// <summary>Write: Deletes a key of any type; result Bool (whether it existed).</summary>
    Delete = 0x01,

    /// <summary>Query: Whether the key exists; result Bool.</summary>
    Exists = 0x02,

    /// <summary>Query: The key's type; result Int (a TowerType) or null.</summary>
    TypeOf = 0x03,

    /// <summary>Write: Sets the expiry to an absolute UTC time; result Bool (false for a missing key).</summary>
    SetTtlAt = 0x04,

    /// <summary>Write: Sets the expiry to the entry's timestamp plus a duration; result Bool.</summary>
    SetTtlFor = 0x05,

    /// <summary>Write: Removes the expiry; result Bool (whether one was removed).</summary>
    RemoveTtl = 0x06,

    /// <summary>Query: Time left before expiry; result Duration or null.</summary>
    GetTtl = 0x07,

    /// <summary>Write: Internal: the leader's batch of due expirations; result Int (keys deleted).</summary>
    ExpireKeys = 0x08,

    /// <summary>Write: set string.</summary>
    SetString = 0x10,

    /// <summary>Query: get string.</summary>
    GetString = 0x11,

    /// <summary>Write: append string.</summary>
    AppendString = 0x12,

    /// <summary>Write: prepend string.</summary>
    PrependString = 0x13,

    /// <summary>Write: Replaces every occurrence (ordinal).</summary>
    ReplaceString = 0x14,

    /// <summary>Query: contains string.</summary>
    ContainsString = 0x15,

    /// <summary>Query: starts with string.</summary>
    StartsWithString = 0x16,

    /// <summary>Query: ends with string.</summary>
    EndsWithString = 0x17,

    /// <summary>Query: Length in UTF-16 code units, as .NET's string.Length.</summary>
    LengthString = 0x18,

    /// <summary>Query: Start and length in UTF-16 code units.</summary>
    SubstringString = 0x19,

    /// <summary>Query: Ordinal comparison: -1, 0 or 1.</summary>
    CompareString = 0x1A,

    /// <summary>Query: equal string.</summary>
    EqualString = 0x1B,

    /// <summary>Write: Stores and returns the invariant upper case.</summary>
    UpperString = 0x1C,

    /// <summary>Write: Stores and returns the invariant lower case.</summary>
    LowerString = 0x1D,

    /// <summary>Write: Expected null = must be absent; value null = delete on success; result Bool.</summary>
    CompareAndSetString = 0x1E,

    /// <summary>Write: set int.</summary>
    SetInt = 0x20,

    /// <summary>Query: get int.</summary>
    GetInt = 0x21,

    /// <summary>Write: add int.</summary>
    AddInt = 0x22,

    /// <summary>Write: sub int.</summary>
    SubInt = 0x23,

    /// <summary>Write: mul int.</summary>
    MulInt = 0x24,

    /// <summary>Write: div int.</summary>
    DivInt = 0x25,

    /// <summary>Write: mod int.</summary>
    ModInt = 0x26,

    /// <summary>Write: inc int.</summary>
    IncInt = 0x27,

    /// <summary>Write: dec int.</summary>
    DecInt = 0x28,

    /// <summary>Write: neg int.</summary>
    NegInt = 0x29,

    /// <summary>Write: abs int.</summary>
    AbsInt = 0x2A,

    /// <summary>Write: Result: the old value.</summary>
    SwapInt = 0x2B,

    /// <summary>Write: and int.</summary>
    AndInt = 0x2C,

    /// <summary>Write: or int.</summary>
    OrInt = 0x2D,

    /// <summary>Write: xor int.</summary>
    XorInt = 0x2E,

    /// <summary>Write: not int.</summary>
    NotInt = 0x2F,

    /// <summary>Write: Bits 0..63.</summary>
    ShiftLeftInt = 0x30,

    /// <summary>Write: Arithmetic shift, bits 0..63.</summary>
    ShiftRightInt = 0x31,

    /// <summary>Query: compare int.</summary>
    CompareInt = 0x32,

    /// <summary>Write: set int if greater.</summary>
    SetIntIfGreater = 0x33,

    /// <summary>Write: set int if less.</summary>
    SetIntIfLess = 0x34,

    /// <summary>Write: Min and max; min greater than max is InvalidArgument.</summary>
    ClampInt = 0x35,

    /// <summary>Write: set float.</summary>
    SetFloat = 0x40,

    /// <summary>Query: get float.</summary>
    GetFloat = 0x41,

    /// <summary>Write: add float.</summary>
    AddFloat = 0x42,

    /// <summary>Write: sub float.</summary>
    SubFloat = 0x43,

    /// <summary>Write: mul float.</summary>
    MulFloat = 0x44,

    /// <summary>Write: div float.</summary>
    DivFloat = 0x45,

    /// <summary>Write: neg float.</summary>
    NegFloat = 0x46,

    /// <summary>Write: abs float.</summary>
    AbsFloat = 0x47,

    /// <summary>Write: set bool.</summary>
    SetBool = 0x50,

    /// <summary>Query: get bool.</summary>
    GetBool = 0x51,

    /// <summary>Write: The key is the destination; arguments are the two operand keys.</summary>
    AndBool = 0x52,

    /// <summary>Write: or bool.</summary>
    OrBool = 0x53,

    /// <summary>Write: xor bool.</summary>
    XorBool = 0x54,

    /// <summary>Write: not bool.</summary>
    NotBool = 0x55,

    /// <summary>Write: toggle bool.</summary>
    ToggleBool = 0x56,

    /// <summary>Query: equal bool.</summary>
    EqualBool = 0x57,

    /// <summary>Write: Expected, value; result the value now stored.</summary>
    SetBoolIfEqual = 0x58,

    /// <summary>Write: set timestamp.</summary>
    SetTimestamp = 0x60,

    /// <summary>Query: get timestamp.</summary>
    GetTimestamp = 0x61,

    /// <summary>Write: add timestamp.</summary>
    AddTimestamp = 0x62,

    /// <summary>Write: sub timestamp.</summary>
    SubTimestamp = 0x63,

    /// <summary>Query: before timestamp.</summary>
    BeforeTimestamp = 0x64,

    /// <summary>Query: after timestamp.</summary>
    AfterTimestamp = 0x65,

    /// <summary>Write: set duration.</summary>
    SetDuration = 0x68,

    /// <summary>Query: get duration.</summary>
    GetDuration = 0x69,

    /// <summary>Write: add duration.</summary>
    AddDuration = 0x6A,

    /// <summary>Write: sub duration.</summary>
    SubDuration = 0x6B,

    /// <summary>Write: set uuid.</summary>
    SetUuid = 0x70,

    /// <summary>Query: get uuid.</summary>
    GetUuid = 0x71,

    /// <summary>Write: The UUID is chosen by the leader before the command is appended.</summary>
    GenerateUuid = 0x72,

    /// <summary>Query: equal uuid.</summary>
    EqualUuid = 0x73,

    /// <summary>Query: compare uuid.</summary>
    CompareUuid = 0x74,

    /// <summary>Write: set binary.</summary>
    SetBinary = 0x78,

    /// <summary>Query: get binary.</summary>
    GetBinary = 0x79,

    /// <summary>Write: Result: the new length.</summary>
    AppendBinary = 0x7A,

    /// <summary>Write: set big int.</summary>
    SetBigInt = 0x80,

    /// <summary>Query: get big int.</summary>
    GetBigInt = 0x81,

    /// <summary>Write: add big int.</summary>
    AddBigInt = 0x82,

    /// <summary>Write: sub big int.</summary>
    SubBigInt = 0x83,

    /// <summary>Write: mul big int.</summary>
    MulBigInt = 0x84,

    /// <summary>Write: div big int.</summary>
    DivBigInt = 0x85,

    /// <summary>Write: mod big int.</summary>
    ModBigInt = 0x86,

    /// <summary>Write: neg big int.</summary>
    NegBigInt = 0x87,

    /// <summary>Write: abs big int.</summary>
    AbsBigInt = 0x88,

    /// <summary>Query: cmp big int.</summary>
    CmpBigInt = 0x89,

    /// <summary>Write: set decimal.</summary>
    SetDecimal = 0x90,

    /// <summary>Query: get decimal.</summary>
    GetDecimal = 0x91,

    /// <summary>Write: add decimal.</summary>
    AddDecimal = 0x92,

    /// <summary>Write: sub decimal.</summary>
    SubDecimal = 0x93,

    /// <summary>Write: mul decimal.</summary>
    MulDecimal = 0x94,

    /// <summary>Write: Divisor and result scale.</summary>
    DivDecimal = 0x95,

    /// <summary>Query: cmp decimal.</summary>
    CmpDecimal = 0x96,

    /// <summary>Write: Double and scale.</summary>
    SetDecimalFromFloat = 0x97,

    /// <summary>Query: get decimal as float.</summary>
    GetDecimalAsFloat = 0x98,

    /// <summary>Write: create list.</summary>
    CreateList = 0xA0,

    /// <summary>Query: list exists.</summary>
    ListExists = 0xA1,

    /// <summary>Query: list length.</summary>
    ListLength = 0xA2,

    /// <summary>Write: push left.</summary>
    PushLeft = 0xA3,

    /// <summary>Write: push right.</summary>
    PushRight = 0xA4,

    /// <summary>Write: pop left.</summary>
    PopLeft = 0xA5,

    /// <summary>Write: pop right.</summary>
    PopRight = 0xA6,

    /// <summary>Query: list index.</summary>
    ListIndex = 0xA7,

    /// <summary>Query: list range.</summary>
    ListRange = 0xA8,

    /// <summary>Write: list set.</summary>
    ListSet = 0xA9,

    /// <summary>Write: list trim.</summary>
    ListTrim = 0xAA,

    /// <summary>Write: delete list.</summary>
    DeleteList = 0xAB,

    /// <summary>Write: create map.</summary>
    CreateMap = 0xB0,

    /// <summary>Query: map exists.</summary>
    MapExists = 0xB1,

    /// <summary>Query: map length.</summary>
    MapLength = 0xB2,

    /// <summary>Write: Result: the size after.</summary>
    MapSet = 0xB3,

    /// <summary>Query: map get.</summary>
    MapGet = 0xB4,

    /// <summary>Query: map keys.</summary>
    MapKeys = 0xB5,

    /// <summary>Query: map values.</summary>
    MapValues = 0xB6,

    /// <summary>Write: Result: the size after.</summary>
    MapDelete = 0xB7,

    /// <summary>Write: clear map.</summary>
    ClearMap = 0xB8,

    /// <summary>Write: delete map.</summary>
    DeleteMap = 0xB9,

    /// <summary>Write: create set.</summary>
    CreateSet = 0xC0,

    /// <summary>Query: set exists.</summary>
    SetExists = 0xC1,

    /// <summary>Query: set cardinality.</summary>
    SetCardinality = 0xC2,

    /// <summary>Write: set add.</summary>
    SetAdd = 0xC3,

    /// <summary>Write: set remove.</summary>
    SetRemove = 0xC4,

    /// <summary>Query: set is member.</summary>
    SetIsMember = 0xC5,

    /// <summary>Query: set members.</summary>
    SetMembers = 0xC6,

    /// <summary>Write: clear set.</summary>
    ClearSet = 0xC7,

    /// <summary>Write: delete set.</summary>
    DeleteSet = 0xC8,

    /// <summary>Write: time series create.</summary>
    TimeSeriesCreate = 0xD0,

    /// <summary>Query: time series exists.</summary>
    TimeSeriesExists = 0xD1,

    /// <summary>Write: Replaces a point at the same time; result the point count.</summary>
    TimeSeriesAdd = 0xD2,

    /// <summary>Query: time series get.</summary>
    TimeSeriesGet = 0xD3,

    /// <summary>Query: time series range.</summary>
    TimeSeriesRange = 0xD4,

    /// <summary>Write: time series remove.</summary>
    TimeSeriesRemove = 0xD5,

    /// <summary>Write: delete time series.</summary>
    DeleteTimeSeries = 0xD6,

    /// <summary>Write: Hash slots: 0 means the default (3), else 1..32.</summary>
    CreateBloomFilter = 0xE0,

    /// <summary>Write: Result: whether the item was new to the filter.</summary>
    BloomFilterAdd = 0xE1,

    /// <summary>Query: bloom filter contains.</summary>
    BloomFilterContains = 0xE2,

    /// <summary>Query: bloom filter count.</summary>
    BloomFilterCount = 0xE3,

    /// <summary>Write: bloom filter clear.</summary>
    BloomFilterClear = 0xE4,

    /// <summary>Write: delete bloom filter.</summary>
    DeleteBloomFilter = 0xE5,
}

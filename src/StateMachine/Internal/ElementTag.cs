namespace RaftTower.StateMachine.Internal;

/// <summary>The kind of a collection element record (the byte after the collection id).</summary>
internal enum ElementTag : byte
{
    /// <summary>List element by position.</summary>
    ListItem = (byte)'L',

    /// <summary>Map field or set member → slot (and the map value).</summary>
    Field = (byte)'F',

    /// <summary>Slot → map field or set member (for O(1) swap-remove and enumeration).</summary>
    Slot = (byte)'S',

    /// <summary>Time-series points (a sorted index).</summary>
    TimeSeries = (byte)'T',

    /// <summary>A 64-byte chunk of a bloom filter's bitmap.</summary>
    BloomChunk = (byte)'B',
}

using System.Globalization;

namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// Segment file names: <c>{sequence:x16}-{firstIndex:x16}.wal</c> (etcd's scheme). Sequences are consecutive
/// from the oldest kept segment to the newest, so a missing file shows as a gap.
/// </summary>
internal static class SegmentName
{
    public const string Extension = ".wal";

    public static string Format(long sequence, long firstIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence:x16}-{firstIndex:x16}{Extension}");

    public static bool TryParse(string fileName, out long sequence, out long firstIndex)
    {
        sequence = 0;
        firstIndex = 0;
        if (fileName.Length != 33 + Extension.Length || !fileName.EndsWith(Extension, StringComparison.Ordinal) || fileName[16] != '-')
        {
            return false;
        }

        return long.TryParse(fileName.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence)
            && long.TryParse(fileName.AsSpan(17, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out firstIndex)
            && sequence >= 0 && firstIndex >= 1;
    }
}

using System.Buffers.Binary;

namespace RaftTower.Raft.Core;

/// <summary>Binary encoding of <see cref="ConfigChangePayload"/>: version, kind, node id, voters, learners (little-endian).</summary>
public static class ConfigChangeCodec
{
    private const byte Version = 1;

    /// <summary>Encodes <paramref name="payload"/>.</summary>
    public static byte[] Encode(ConfigChangePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var config = payload.Config;
        var buffer = new byte[1 + 1 + 8 + 4 + (8 * config.Voters.Count) + 4 + (8 * config.Learners.Count)];
        var span = buffer.AsSpan();
        span[0] = Version;
        span[1] = (byte)payload.Change.Kind;
        BinaryPrimitives.WriteUInt64LittleEndian(span[2..], payload.Change.NodeId);
        var offset = WriteIds(span, 10, config.Voters);
        WriteIds(span, offset, config.Learners);
        return buffer;
    }

    /// <summary>Decodes a payload; <see cref="InvalidDataException"/> when the bytes are not one (a corrupt log).</summary>
    public static ConfigChangePayload Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 18 || data[0] != Version || data[1] > (byte)MembershipChangeKind.Remove)
        {
            throw new InvalidDataException($"Not a configuration change payload (length {data.Length}).");
        }

        var change = new MembershipChange((MembershipChangeKind)data[1], BinaryPrimitives.ReadUInt64LittleEndian(data[2..]));
        var voters = ReadIds(data, 10, out var offset);
        var learners = ReadIds(data, offset, out offset);
        if (offset != data.Length)
        {
            throw new InvalidDataException($"Configuration change payload has {data.Length - offset} trailing bytes.");
        }

        return new ConfigChangePayload(change, new ConfigState(voters, learners));
    }

    private static int WriteIds(Span<byte> span, int offset, IReadOnlyList<ulong> ids)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], ids.Count);
        offset += 4;
        foreach (var id in ids)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], id);
            offset += 8;
        }

        return offset;
    }

    private static ulong[] ReadIds(ReadOnlySpan<byte> data, int offset, out int end)
    {
        if (data.Length - offset < 4)
        {
            throw new InvalidDataException("Configuration change payload is truncated.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        if (count < 0 || (long)count * 8 > data.Length - offset)
        {
            throw new InvalidDataException($"Configuration change payload claims {count} ids.");
        }

        var ids = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt64LittleEndian(data[(offset + (8 * i))..]);
        }

        end = offset + (8 * count);
        return ids;
    }
}

using System.Numerics;
using System.Text;
using Google.Protobuf;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>
/// Client-side checks of obviously bad arguments, before anything is sent: a failed check throws
/// <see cref="TowerErrorCode.InvalidArgument"/> and nothing reaches the cluster.
/// </summary>
public sealed partial class TowerClient
{
    private string CheckKey(string? key, string operation, string name = "key")
    {
        if (key is null)
        {
            throw TowerErrors.InvalidArgument(operation, null, $"{name} is null");
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > _options.MaxKeyBytes)
        {
            throw TowerErrors.InvalidArgument(operation, key, $"{name} is {bytes} bytes in UTF-8; the limit is {_options.MaxKeyBytes}");
        }

        return key;
    }

    private string CheckText(string? value, string operation, string key, string name = "value")
    {
        if (value is null)
        {
            throw TowerErrors.InvalidArgument(operation, key, $"{name} is null");
        }

        CheckSize(Encoding.UTF8.GetByteCount(value), operation, key, name);
        return value;
    }

    private ByteString CheckBytes(ReadOnlyMemory<byte> value, string operation, string key)
    {
        CheckSize(value.Length, operation, key, "value");
        return ByteString.CopyFrom(value.Span);
    }

    private Wire.Value CheckValue(TowerValue value, string operation, string key, string name = "value")
    {
        var size = value.Type switch
        {
            TowerType.String => Encoding.UTF8.GetByteCount(value.AsString()),
            TowerType.Binary => value.AsBytes().Length,
            _ => 0,
        };
        CheckSize(size, operation, key, name);
        return WireValues.ToWire(value);
    }

    /// <summary>The node's limit on big integers and decimal coefficients: 8 KiB of two's complement (docs/wire-protocol.md).</summary>
    internal const int MaxBigNumberBytes = 8 * 1024;

    // Checked before formatting: .NET turns a big integer into decimal text in quadratic time.
    private static BigInteger CheckBigNumber(BigInteger value, string operation, string key)
    {
        var bytes = value.GetByteCount();
        return bytes <= MaxBigNumberBytes
            ? value
            : throw TowerErrors.InvalidArgument(operation, key, $"the number is {bytes} bytes; big integers and decimal coefficients are limited to {MaxBigNumberBytes}");
    }

    private void CheckSize(long bytes, string operation, string key, string name)
    {
        if (bytes > _options.MaxValueBytes)
        {
            throw TowerErrors.InvalidArgument(operation, key, $"{name} is {bytes} bytes; the limit is {_options.MaxValueBytes}");
        }
    }

    private static void Require(bool condition, string operation, string? key, string detail)
    {
        if (!condition)
        {
            throw TowerErrors.InvalidArgument(operation, key, detail);
        }
    }
}

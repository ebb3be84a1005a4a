using System.Buffers.Binary;
using Google.Protobuf;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>Seeded generators of bad input: the same seed gives the same bytes, so a failure names its case.</summary>
internal static class FuzzInputs
{
    /// <summary>The HTTP/2 client connection preface.</summary>
    public static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static byte[] RandomBytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(1, maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The gRPC prefix (flag + big-endian length) followed by <paramref name="payload"/>.</summary>
    public static byte[] GrpcMessage(byte flag, uint declaredLength, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[GrpcFrame.HeaderSize + payload.Length];
        bytes[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), declaredLength);
        payload.CopyTo(bytes.AsSpan(GrpcFrame.HeaderSize));
        return bytes;
    }

    /// <summary>
    /// A request body for Execute of one of four kinds: raw random bytes; a correct prefix around random bytes; a
    /// random prefix; a correct prefix around a valid request with a few bits flipped.
    /// </summary>
    public static byte[] GrpcBody(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return RandomBytes(random, 64);
            case 1:
                var payload = RandomBytes(random, 256);
                return GrpcMessage(0, (uint)payload.Length, payload);
            case 2:
                return GrpcMessage((byte)random.Next(3), (uint)random.NextInt64(0, uint.MaxValue + 1L), RandomBytes(random, 64));
            default:
                var valid = ValidRequest(random).ToByteArray();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    valid[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                }

                return GrpcMessage(0, (uint)valid.Length, valid);
        }
    }

    /// <summary>
    /// Bytes for the peer port: pure noise, or a frame header (length and kind plausible or not) with noise after it.
    /// </summary>
    public static byte[] PeerBytes(Random random)
    {
        if (random.Next(2) == 0)
        {
            return RandomBytes(random, 512);
        }

        var payload = RandomBytes(random, 256);
        var bytes = new byte[5 + payload.Length];
        var length = random.Next(3) switch
        {
            0 => (uint)payload.Length + 1,
            1 => (uint)random.Next(0, 1024),
            _ => (uint)random.NextInt64(0, uint.MaxValue + 1L),
        };
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, length);
        bytes[4] = (byte)random.Next(4);
        payload.CopyTo(bytes.AsSpan(5));
        return bytes;
    }

    /// <summary>A well-formed Execute request on a <c>fuzz:</c> key, before mutation.</summary>
    /// <summary>A batch of 1 to 5 valid requests with one to three bits flipped, framed as one gRPC message.</summary>
    public static byte[] GrpcBatchBody(Random random)
    {
        var batch = new ExecuteBatchRequest();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            batch.Requests.Add(ValidRequest(random));
        }

        var bytes = batch.ToByteArray();
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return GrpcMessage(0, (uint)bytes.Length, bytes);
    }

    private static ExecuteRequest ValidRequest(Random random)
    {
        var key = "fuzz:" + random.Next(16);
        return random.Next(4) switch
        {
            0 => new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = "v" + random.Next(100) } },
            1 => new ExecuteRequest { Int = new IntOp { Op = IntOpCode.Add, Key = key + ":i", Operand = random.Next(100) } },
            2 => new ExecuteRequest { List = new ListOp { Op = ListOpCode.PushRight, Key = key + ":l", Value = new Value { Int = 7 } } },
            _ => new ExecuteRequest { Key = new KeyOp { Op = KeyOpCode.Exists, Key = key } },
        };
    }
}

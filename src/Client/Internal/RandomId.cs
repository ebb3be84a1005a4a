using System.Security.Cryptography;

namespace RaftTower.Client.Internal;

/// <summary>Random non-zero 64-bit ids (0 means "none" on the wire: no session, no read confirmation).</summary>
internal static class RandomId
{
    public static ulong NonZero()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToUInt64(bytes);
        }
        while (id == 0);
        return id;
    }
}

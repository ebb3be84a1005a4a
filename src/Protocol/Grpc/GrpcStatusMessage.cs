using System.Text;

namespace RaftTower.Protocol.Grpc;

/// <summary>
/// Percent-encoding of the <c>grpc-message</c> trailer: UTF-8 bytes below 0x20, above 0x7E and '%' are escaped
/// (HTTP/2 header values must be ASCII; Kestrel rejects anything else).
/// </summary>
public static class GrpcStatusMessage
{
    /// <summary>The status header name.</summary>
    public const string StatusHeader = "grpc-status";

    /// <summary>The message header name.</summary>
    public const string MessageHeader = "grpc-message";

    /// <summary>Encodes <paramref name="message"/> for the header.</summary>
    public static string Encode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a header value; malformed escapes are kept as they are.</summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%', StringComparison.Ordinal))
        {
            return value ?? string.Empty;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(Convert.FromHexString(value.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The gRPC status implied by an HTTP status other than 200 (gRPC's http-grpc-status-mapping).</summary>
    public static GrpcStatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        200 => GrpcStatusCode.Ok,
        400 => GrpcStatusCode.Internal,
        401 => GrpcStatusCode.Unauthenticated,
        403 => GrpcStatusCode.PermissionDenied,
        404 => GrpcStatusCode.Unimplemented,
        429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}

using Google.Protobuf;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>One unary call to make, the same for every attempt: the method path, the request, and how to read the answer.</summary>
/// <param name="Method">The gRPC path, e.g. <c>/rafttower.v1.Tower/Execute</c>.</param>
/// <param name="Request">The request message (with its exactly-once header already set, for writes).</param>
/// <param name="Parser">The response parser.</param>
/// <param name="ErrorOf">The node's error in a response, or null on success.</param>
internal readonly record struct Rpc<TResponse>(string Method, IMessage Request, MessageParser<TResponse> Parser, Func<TResponse, Wire.Error?> ErrorOf)
    where TResponse : IMessage<TResponse>;

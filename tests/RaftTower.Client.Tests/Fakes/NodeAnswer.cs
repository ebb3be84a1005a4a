using RaftTower.Protocol.Grpc;

namespace RaftTower.Client.Tests.Fakes;

/// <summary>What the fake node does with one request: reply, fail the call with a gRPC status, or drop the connection.</summary>
public readonly record struct NodeAnswer<T>(T? Message, GrpcStatusCode Status, bool DropConnection);

/// <summary>Constructors for <see cref="NodeAnswer{T}"/>.</summary>
public static class NodeAnswer
{
    public static NodeAnswer<T> Reply<T>(T message) => new(message, GrpcStatusCode.Ok, false);

    public static NodeAnswer<T> Fail<T>(GrpcStatusCode status) => new(default, status, false);

    public static NodeAnswer<T> Drop<T>() => new(default, GrpcStatusCode.Ok, true);
}

using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>A successful Execute answer, with what is needed to complain if its result has the wrong shape.</summary>
internal readonly record struct Reply(Wire.Result? Result, string Operation, bool IsWrite);

namespace RaftTower.Protocol.Grpc;

/// <summary>The outcome of reading a gRPC message prefix.</summary>
public enum FrameHeaderStatus
{
    /// <summary>A valid, uncompressed prefix within the size limit.</summary>
    Ok,

    /// <summary>Fewer than five bytes are available.</summary>
    Incomplete,

    /// <summary>The compressed flag is set; RaftTower never negotiates compression.</summary>
    Compressed,

    /// <summary>The flag byte is neither 0 nor 1.</summary>
    InvalidFlag,

    /// <summary>The declared length exceeds the configured maximum.</summary>
    TooLarge,
}

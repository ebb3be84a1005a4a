namespace RaftTower.Chaos.Backends;

/// <summary>The docker backend cannot run here (no engine, not root, no image and no way to build it); the message says what to do.</summary>
internal sealed class DockerSetupException : Exception
{
    public DockerSetupException()
    {
    }

    public DockerSetupException(string message)
        : base(message)
    {
    }

    public DockerSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace RaftTower.Chaos.Backends;

/// <summary>One node of the docker backend: its container's name, fixed address, data directory on the host, and what the nemesis did to it.</summary>
internal sealed class DockerNode(ulong id, string container, string dataDir, string logPath)
{
    public const int ClientPort = 7101;
    public const int PeerPort = 7201;
    public const int AdminPort = 7301;

    public ulong Id { get; } = id;

    /// <summary>The container's name (also what the Engine API paths use).</summary>
    public string Container { get; } = container;

    /// <summary>The absolute host path bind-mounted at /data.</summary>
    public string DataDir { get; } = dataDir;

    /// <summary>Where the container's output is appended when it is removed.</summary>
    public string LogPath { get; } = logPath;

    /// <summary>The address on the run's network; set once the network exists.</summary>
    public string Ip { get; set; } = string.Empty;

    /// <summary>True once the container exists (until removed).</summary>
    public bool Created { get; set; }

    /// <summary>True while the container runs (started and not killed).</summary>
    public bool Running { get; set; }

    /// <summary>True while docker-paused.</summary>
    public bool Paused { get; set; }

    public string ClientUrl => $"http://{Ip}:{ClientPort}";

    public string AdminUrl => $"http://{Ip}:{AdminPort}";

    public string PeerAddress => $"{Ip}:{PeerPort}";
}

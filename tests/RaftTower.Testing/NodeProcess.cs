using System.Diagnostics;

using RaftTower.Chaos.Backends;

namespace RaftTower.Testing;

/// <summary>One <c>rafttower-node</c> process started by a <see cref="TestCluster"/>, with its output captured to a log file.</summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly KeyValuePair<string, string>[] InformationLogs = [new("Logging__LogLevel__Default", "Information")];
    private readonly object _gate = new();
    private Process? _process;
    private StreamWriter? _log;

    internal NodeProcess(ulong id, string host, int clientPort, int peerPort, int adminPort, string dataDir, string logPath)
    {
        Id = id;
        Host = host;
        ClientPort = clientPort;
        PeerPort = peerPort;
        AdminPort = adminPort;
        DataDir = dataDir;
        LogPath = logPath;
    }

    /// <summary>The node id.</summary>
    public ulong Id { get; }

    /// <summary>The loopback address it listens on.</summary>
    public string Host { get; }

    /// <summary>Client API port.</summary>
    public int ClientPort { get; }

    /// <summary>Peer port.</summary>
    public int PeerPort { get; }

    /// <summary>Admin HTTP port.</summary>
    public int AdminPort { get; }

    /// <summary>Data directory.</summary>
    public string DataDir { get; }

    /// <summary>Where its stdout and stderr go.</summary>
    public string LogPath { get; }

    /// <summary>Client URL.</summary>
    public string ClientUrl => $"http://{Host}:{ClientPort}";

    /// <summary>Peer address (host:port).</summary>
    public string PeerAddress => $"{Host}:{PeerPort}";

    /// <summary>Admin URL.</summary>
    public string AdminUrl => $"http://{Host}:{AdminPort}";

    /// <summary>True while the process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>The OS process id (0 when not running).</summary>
    public int Pid
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } p ? p.Id : 0;
            }
        }
    }

    internal void Start(string nodeDll, string members, IEnumerable<string> extraArgs)
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                throw new InvalidOperationException($"node {Id} is already running");
            }

            _process?.Dispose();
            _log ??= new StreamWriter(LogPath, append: true) { AutoFlush = true };
            var arguments = NodeProcessControl.Arguments(Id, DataDir, ClientUrl, PeerAddress, AdminUrl, members);
            var process = NodeProcessControl.Start(nodeDll, arguments.Concat(extraArgs), InformationLogs, Write);
            _process = process;
        }
    }

    /// <summary>kill -9: the process dies at once, losing whatever it had not fsynced.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (NodeProcessControl.Kill(_process))
            {
                _log?.WriteLine($"==== killed (SIGKILL) {DateTime.UtcNow:O}");
            }
        }
    }

    /// <summary>SIGTERM and wait for a clean exit (SIGKILL after <paramref name="timeout"/>).</summary>
    public void Stop(TimeSpan? timeout = null)
    {
        lock (_gate)
        {
            if (_process is not { HasExited: false } p)
            {
                return;
            }

            Signal("TERM");
            if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(20)))
            {
                NodeProcessControl.Kill(p);
            }

            _log?.WriteLine($"==== stopped {DateTime.UtcNow:O}");
        }
    }

    /// <summary>SIGSTOP: the process freezes (a long GC pause, a VM stall).</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>The captured output so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        lock (_gate)
        {
            _process?.Dispose();
            _log?.Dispose();
            _log = null;
        }
    }

    private void Signal(string signal)
    {
        var pid = Pid;
        if (pid == 0)
        {
            return;
        }

        NodeProcessControl.Signal(pid, signal);
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log?.WriteLine(line);
        }
    }
}

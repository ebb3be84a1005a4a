using System.Diagnostics;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// One <c>rafttower-node</c> process of the local backend: its addresses, data directory and log, and the signals the
/// nemesis sends it (SIGKILL, SIGSTOP/SIGCONT). Restarting keeps the data directory, as a machine rebooting would.
/// </summary>
internal sealed class LocalNode : IDisposable
{
    private static readonly KeyValuePair<string, string>[] QuietAspNetCore = [new("Logging__LogLevel__Microsoft.AspNetCore", "Warning")];
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<string> _arguments;
    private readonly StreamWriter _log;
    private Process? _process;

    public LocalNode(ulong id, string host, int clientPort, int peerPort, int adminPort, string dataDir, string logPath, IReadOnlyList<string> arguments)
    {
        Id = id;
        Host = host;
        ClientPort = clientPort;
        PeerPort = peerPort;
        AdminPort = adminPort;
        DataDir = dataDir;
        _arguments = arguments;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public ulong Id { get; }

    public string Host { get; }

    public int ClientPort { get; }

    public int PeerPort { get; }

    public int AdminPort { get; }

    public string DataDir { get; }

    public string ClientUrl => $"http://{Host}:{ClientPort}";

    public string AdminUrl => $"http://{Host}:{AdminPort}";

    /// <summary>True while SIGSTOPped.</summary>
    public bool IsPaused { get; private set; }

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

    /// <summary>Starts the process (the node dll under <c>dotnet</c>) with <paramref name="members"/> as its member list (none when empty: a joiner).</summary>
    public void Start(string nodeDll, string members)
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            var arguments = NodeProcessControl.Arguments(Id, DataDir, ClientUrl, $"{Host}:{PeerPort}", AdminUrl, members);
            var process = NodeProcessControl.Start(nodeDll, arguments.Concat(_arguments), QuietAspNetCore, Write);
            _process = process;
            IsPaused = false;
        }
    }

    /// <summary>SIGKILL: the node dies at once, losing whatever it had not fsynced.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (NodeProcessControl.Kill(_process))
            {
                _log.WriteLine($"==== killed (SIGKILL) {DateTime.UtcNow:O}");
            }

            IsPaused = false;
        }
    }

    /// <summary>SIGSTOP: the process freezes, as in a long GC pause or a stalled VM.</summary>
    public void Pause()
    {
        if (Signal("STOP"))
        {
            IsPaused = true;
            Write($"==== paused (SIGSTOP) {DateTime.UtcNow:O}");
        }
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        if (IsPaused && Signal("CONT"))
        {
            Write($"==== resumed (SIGCONT) {DateTime.UtcNow:O}");
        }

        IsPaused = false;
    }

    /// <summary>SIGTERM and a short wait for a clean exit, then SIGKILL.</summary>
    public void Stop()
    {
        Resume();
        if (Signal("TERM"))
        {
            lock (_gate)
            {
                if (_process is { } process && !process.WaitForExit(10_000))
                {
                    NodeProcessControl.Kill(process);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        lock (_gate)
        {
            _process?.Dispose();
            _log.Dispose();
        }
    }

    private bool Signal(string signal)
    {
        int pid;
        lock (_gate)
        {
            if (_process is not { HasExited: false } process)
            {
                return false;
            }

            pid = process.Id;
        }

        return NodeProcessControl.Signal(pid, signal);
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}

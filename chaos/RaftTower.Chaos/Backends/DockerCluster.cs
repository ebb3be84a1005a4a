using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// The docker backend: one container of the node image per node on an <c>--internal</c> network of the run's own
/// (<c>rtchaos-PID</c>, a free 172.29.X.0/24), node i at .(10+i) with its data directory bind-mounted from
/// DIR/data/n&lt;i&gt;. Kill, restart, pause and resume go through the Engine API; partitions are iptables rules in
/// the containers' network namespaces (<see cref="DockerFirewall"/>). The host reaches every container on its address,
/// so the workload's clients and the status probes connect directly.
/// </summary>
/// <remarks>
/// The nemesis and the runner call one operation at a time; a gate serializes them anyway. Containers and the network
/// are removed by <see cref="StopAsync"/>, by <see cref="DisposeAsync"/> (a failed run), and on SIGINT/SIGTERM; a run
/// that was SIGKILLed leaves them, and the next run removes every container and network whose owner pid is gone.
/// </remarks>
internal sealed class DockerCluster : IChaosCluster
{
    /// <summary>The label on every container and network of a run; its value is the harness's pid.</summary>
    public const string RunLabel = "rafttower.chaos.run";

    private readonly DockerEngine _engine = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<DockerNode> _nodes = [];
    private readonly IReadOnlyList<string> _nodeArguments;
    private readonly TextWriter _log;
    private readonly string _network;
    private readonly string _image = DockerImage.Tag;
    private readonly Dictionary<string, string> _labels;
    private readonly List<PosixSignalRegistration> _signals = [];
    private Func<ulong, ulong, bool> _connected = AllConnected;
    private bool _cut;
    private bool _networkCreated;
    private readonly Lock _tearDownGate = new();
    private Task? _tearDown;
    private int _signalled;

    private DockerCluster(int size, string root, IReadOnlyList<string> nodeArguments, TextWriter log)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _network = $"rtchaos-{pid}";
        _labels = new() { [RunLabel] = pid };
        _nodeArguments = nodeArguments;
        _log = log;
        var logs = Directory.CreateDirectory(Path.Combine(root, "logs")).FullName;
        for (var i = 1; i <= size; i++)
        {
            _nodes.Add(new DockerNode((ulong)i, $"{_network}-n{i}", Path.GetFullPath(Path.Combine(root, "data", $"n{i}")), Path.Combine(logs, $"n{i}.log")));
        }
    }

    public IReadOnlyList<ulong> Ids => [.. _nodes.Select(n => n.Id)];

    public IReadOnlyList<string> ClientUrls => [.. _nodes.Select(n => n.ClientUrl)];

    /// <summary>A cluster of <paramref name="size"/> nodes under <paramref name="root"/>; nothing is created before <see cref="StartAsync"/>.</summary>
    public static DockerCluster Create(int size, string root, IReadOnlyList<string> nodeArguments, TextWriter log) => new(size, root, nodeArguments, log);

    private DockerNode this[ulong id] => _nodes.Single(n => n.Id == id);

    /// <summary>
    /// Checks the host (root, engine, nsenter and iptables), makes sure the image exists, creates the network and the
    /// containers and waits for a leader. <see cref="DockerSetupException"/> when the host cannot run the backend.
    /// </summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        try
        {
            await SetUpAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or UnauthorizedAccessException)
        {
            throw new DockerSetupException($"could not set up the docker cluster: {e.Message}", e);
        }

        if (await LeaderAsync(timeout).ConfigureAwait(false) is null)
        {
            throw new TimeoutException($"no leader within {timeout.TotalSeconds:0} s; see the nodes' logs");
        }
    }

    private async Task SetUpAsync()
    {
        await CheckHostAsync().ConfigureAwait(false);
        await DockerImage.EnsureAsync(_engine, _image, _log).ConfigureAwait(false);
        await RemoveOrphansAsync().ConfigureAwait(false);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        var subnet = await CreateNetworkAsync().ConfigureAwait(false);
        foreach (var node in _nodes)
        {
            node.Ip = DockerSubnet.Address(subnet, 10 + (int)node.Id);
        }

        var members = string.Join(',', _nodes.Select(n => $"{n.Id}={n.PeerAddress}"));
        foreach (var node in _nodes)
        {
            await CreateAndStartAsync(node, members).ConfigureAwait(false);
        }

        _log.WriteLine($"docker: {_nodes.Count} containers of {_image} on network {_network} ({subnet}): {string.Join(' ', _nodes.Select(n => $"n{n.Id}={n.Ip}"))}");
    }

    /// <inheritdoc />
    public Task<ulong?> LeaderAsync(TimeSpan timeout) => LeaderProbe.AgreedLeaderAsync(
        () => _nodes.Where(n => n.Running && !n.Paused).Select(n => (n.Id, n.AdminUrl)), _nodes.Count, timeout);

    private const int PauseAttempts = 5;

    /// <inheritdoc />
    public Task KillAsync(ulong id) => Gated(() => KillNodeAsync(this[id]));

    /// <inheritdoc />
    public Task RestartAsync(ulong id) => Gated(() => RestartNodeAsync(this[id]));

    /// <inheritdoc />
    public Task PauseAsync(ulong id) => Gated(async () =>
    {
        var node = this[id];
        if (node.Running && !node.Paused)
        {
            // The cgroup freezer gives up when a task does not freeze in time ("OCI runtime pause failed: unable to
            // freeze"), which a loaded machine provokes now and then; runc thaws what it froze, so trying again is safe.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _engine.PauseAsync(node.Container).ConfigureAwait(false);
                    break;
                }
                catch (InvalidOperationException) when (attempt < PauseAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
                }
            }

            node.Paused = true;
        }
    });

    /// <inheritdoc />
    public Task ResumeAsync(ulong id) => Gated(() => ResumeNodeAsync(this[id]));

    /// <inheritdoc />
    public Task PartitionAsync(Func<ulong, ulong, bool> connected) => Gated(() => SetLinksAsync(connected, cut: true));

    /// <inheritdoc />
    public Task HealLinksAsync() => Gated(() => SetLinksAsync(AllConnected, cut: false));

    /// <inheritdoc />
    public Task HealAllAsync() => Gated(async () =>
    {
        await SetLinksAsync(AllConnected, cut: false).ConfigureAwait(false);
        foreach (var node in _nodes)
        {
            await ResumeNodeAsync(node).ConfigureAwait(false);
            if (node.Running && node.Created && !(await _engine.StateAsync(node.Container).ConfigureAwait(false)).Running)
            {
                // Not killed by the nemesis: the node exited by itself (a crash is worth a look in its log).
                _log.WriteLine($"docker: n{node.Id}'s container had exited on its own; starting it again (see {node.LogPath})");
                node.Running = false;
            }

            await RestartNodeAsync(node).ConfigureAwait(false);
        }
    });

    /// <inheritdoc />
    public string PeerAddressOf(ulong id) => this[id].PeerAddress;

    /// <inheritdoc />
    public Task ResetAsJoinerAsync(ulong id) => Gated(async () =>
    {
        var node = this[id];
        await KillNodeAsync(node).ConfigureAwait(false);
        await SaveLogsAsync(node).ConfigureAwait(false);
        await _engine.RemoveContainerAsync(node.Container).ConfigureAwait(false);
        node.Created = false;
        Directory.Delete(node.DataDir, recursive: true);
        await CreateAndStartAsync(node, members: null).ConfigureAwait(false);
        if (_cut)
        {
            await ApplyLinksAsync(node).ConfigureAwait(false);
        }
    });

    /// <summary>Stops every container at once (SIGTERM, SIGKILL after 10 s), saves their logs, removes them and the network.</summary>
    public Task StopAsync() => Gated(() => TearDownAsync());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await TearDownAsync().ConfigureAwait(false);
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _engine.Dispose();
        _gate.Dispose();
    }

    private static bool AllConnected(ulong from, ulong to) => true;

    /// <summary>Ctrl-C or SIGTERM (e.g. from <c>timeout</c>): remove the containers and the network, then exit 128+signal as the shell expects.</summary>
    private void OnSignal(PosixSignalContext context)
    {
        // `timeout` signals the whole process group and `dotnet run` forwards the signal too: only the first one acts
        // (two handlers both calling Environment.Exit hung the process).
        context.Cancel = true;
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return;
        }

        _log.WriteLine($"docker: {context.Signal}; removing the run's containers and network");

        // Let an operation in flight (which may be creating a container) finish first; the gate stays taken, so no
        // later one starts. The process exits without giving it back.
        try
        {
            _ = _gate.Wait(TimeSpan.FromSeconds(15));
        }
        catch (ObjectDisposedException)
        {
            // The run had ended and disposed the cluster: its teardown is done or under way.
        }

        TearDownAsync().Wait(TimeSpan.FromSeconds(30));
        Environment.Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }

    private async Task CheckHostAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new DockerSetupException("the docker backend must run as root: it enters the containers' network namespaces with nsenter for "
                + "partitions, and its containers write root-owned data directories");
        }

        if (!File.Exists(_engine.SocketPath) || !await _engine.PingAsync().ConfigureAwait(false))
        {
            throw new DockerSetupException($"the Docker engine does not answer on {_engine.SocketPath}; start it with deploy/ensure-dockerd.sh");
        }

        foreach (var tool in new[] { "nsenter", "iptables", "iptables-restore" })
        {
            if (!OnPath(tool))
            {
                throw new DockerSetupException($"{tool} is not on PATH; the docker backend needs it for partitions (deploy/ensure-dockerd.sh installs iptables)");
            }
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Removes the containers and networks of earlier runs whose harness process is gone (a run that was SIGKILLed).</summary>
    private async Task RemoveOrphansAsync()
    {
        static bool Orphan(string pid) => pid.Length > 0 && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture) && !Directory.Exists($"/proc/{pid}");
        foreach (var (container, pid) in await _engine.ContainersLabelledAsync(RunLabel).ConfigureAwait(false))
        {
            if (Orphan(pid))
            {
                _log.WriteLine($"docker: removing container {container[..12]} left by run {pid}");
                await _engine.RemoveContainerAsync(container).ConfigureAwait(false);
            }
        }

        foreach (var (network, pid) in await _engine.NetworksLabelledAsync(RunLabel).ConfigureAwait(false))
        {
            if (Orphan(pid))
            {
                _log.WriteLine($"docker: removing network {network} left by run {pid}");
                await _engine.RemoveNetworkAsync(network).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the run's network on the first free candidate subnet; another run may take one meanwhile, so a refused subnet moves on.</summary>
    private async Task<IPNetwork> CreateNetworkAsync()
    {
        var used = DockerSubnet.ParseAll(await _engine.NetworkSubnetsAsync().ConfigureAwait(false)).Concat(DockerSubnet.HostRoutes()).ToList();
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var subnet = DockerSubnet.Pick(Environment.ProcessId + attempt, used)
                ?? throw new DockerSetupException("no free 172.29.X.0/24 subnet for the run's network");
            if (await _engine.CreateInternalNetworkAsync(_network, subnet.ToString(), DockerSubnet.Address(subnet, 1), _labels).ConfigureAwait(false))
            {
                _networkCreated = true;
                return subnet;
            }

            used.Add(subnet);
        }

        throw new DockerSetupException("the engine refused 16 subnets as overlapping; remove unused networks (docker network prune)");
    }

    /// <summary>Creates <paramref name="node"/>'s container (a joiner when <paramref name="members"/> is null) with an empty or kept data directory, and starts it.</summary>
    private async Task CreateAndStartAsync(DockerNode node, string? members)
    {
        Directory.CreateDirectory(node.DataDir);
        string[] own =
        [
            "--id", node.Id.ToString(CultureInfo.InvariantCulture), "--data-dir", "/data", "--client-url", node.ClientUrl,
            "--peer-url", $"tcp://{node.PeerAddress}", "--http-url", node.AdminUrl,
        ];
        var arguments = own.Concat(members is null ? [] : ["--members", members]).Concat(_nodeArguments);
        var body = DockerRequests.Container(_image, arguments, node.DataDir, _network, node.Ip, _labels);
        await _engine.RemoveContainerAsync(node.Container).ConfigureAwait(false);
        await _engine.CreateContainerAsync(node.Container, body).ConfigureAwait(false);
        node.Created = true;
        await _engine.StartAsync(node.Container).ConfigureAwait(false);
        (node.Running, node.Paused) = (true, false);
    }

    private async Task KillNodeAsync(DockerNode node)
    {
        if (!node.Running)
        {
            return;
        }

        // A frozen container's processes cannot take the signal until thawed.
        await ResumeNodeAsync(node).ConfigureAwait(false);
        await _engine.KillAsync(node.Container).ConfigureAwait(false);

        // Wait until it has exited, so that a restart right after starts it again rather than finding it running.
        for (var i = 0; i < 100 && (await _engine.StateAsync(node.Container).ConfigureAwait(false)).Running; i++)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        node.Running = false;
    }

    private async Task RestartNodeAsync(DockerNode node)
    {
        if (node.Running || !node.Created)
        {
            return;
        }

        await _engine.StartAsync(node.Container).ConfigureAwait(false);
        (node.Running, node.Paused) = (true, false);

        // The restarted container has a fresh network namespace with no rules; a partition still in force must cover it.
        if (_cut)
        {
            await ApplyLinksAsync(node).ConfigureAwait(false);
        }
    }

    private async Task ResumeNodeAsync(DockerNode node)
    {
        if (node.Paused)
        {
            await _engine.UnpauseAsync(node.Container).ConfigureAwait(false);
            node.Paused = false;
        }
    }

    /// <summary>Rewrites every running node's chains for <paramref name="connected"/>; killed nodes get theirs when restarted.</summary>
    private async Task SetLinksAsync(Func<ulong, ulong, bool> connected, bool cut)
    {
        if (!cut && !_cut)
        {
            return;
        }

        (_connected, _cut) = (connected, cut);
        foreach (var node in _nodes.Where(n => n.Running))
        {
            await ApplyLinksAsync(node).ConfigureAwait(false);
        }
    }

    private async Task ApplyLinksAsync(DockerNode node)
    {
        var (pid, running, _) = await _engine.StateAsync(node.Container).ConfigureAwait(false);
        if (running && pid > 0)
        {
            await DockerFirewall.ApplyAsync(pid, DockerFirewall.Script(node.Id, _nodes.ToDictionary(n => n.Id, n => n.Ip), _connected)).ConfigureAwait(false);
        }
    }

    /// <summary>Appends the container's output to the node's log file.</summary>
    private async Task SaveLogsAsync(DockerNode node)
    {
        if (!node.Created)
        {
            return;
        }

        var output = await _engine.LogsAsync(node.Container).ConfigureAwait(false);
        var log = new FileStream(node.LogPath, FileMode.Append, FileAccess.Write);
        await using (log.ConfigureAwait(false))
        {
            var header = System.Text.Encoding.UTF8.GetBytes($"==== container {node.Container} (docker backend), saved {DateTime.UtcNow:O}\n");
            await log.WriteAsync(header).ConfigureAwait(false);
            await log.WriteAsync(output).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the containers (SIGTERM, then SIGKILL), saves their logs, removes them and the network; once, every caller
    /// (stop, dispose, a signal) awaiting the same teardown. Errors are reported, not thrown, so cleanup goes on.
    /// </summary>
    private Task TearDownAsync()
    {
        lock (_tearDownGate)
        {
            return _tearDown ??= Task.Run(TearDownOnceAsync);
        }
    }

    private async Task TearDownOnceAsync()
    {
        await Task.WhenAll(_nodes.Where(n => n.Created).Select(async node =>
        {
            await Report($"stop {node.Container}", async () =>
            {
                await ResumeNodeAsync(node).ConfigureAwait(false);
                await _engine.StopAsync(node.Container, graceSeconds: 10).ConfigureAwait(false);
                node.Running = false;
            }).ConfigureAwait(false);
            await Report($"save the logs of {node.Container}", () => SaveLogsAsync(node)).ConfigureAwait(false);

            await Report($"remove {node.Container}", () => _engine.RemoveContainerAsync(node.Container)).ConfigureAwait(false);
            node.Created = false;
        })).ConfigureAwait(false);
        if (_networkCreated)
        {
            await Report($"remove network {_network}", () => _engine.RemoveNetworkAsync(_network)).ConfigureAwait(false);
            _networkCreated = false;
        }
    }

    private async Task Report(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException)
        {
            _log.WriteLine($"docker: could not {what}: {e.Message}");
        }
    }

    private async Task Gated(Func<Task> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // After the teardown began (a signal, or a stop) nothing is created, started or changed any more.
            if (_tearDown is null)
            {
                await action().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// The few Docker Engine API calls (version 1.41, Debian's docker.io 20.10) the docker backend makes, as plain HTTP over
/// the engine's unix socket. Answers the engine treats as "already so" (304 on start/stop, 404 on removal, 409 on
/// kill/pause of a container in the wrong state) are not errors: every call is idempotent.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    /// <summary>Where dockerd listens by default.</summary>
    public const string DefaultSocket = "/var/run/docker.sock";

    private readonly HttpClient _http;

    /// <summary>An engine client on <paramref name="socketPath"/>, by default <c>$DOCKER_HOST</c> when it names a unix socket, else <see cref="DefaultSocket"/>.</summary>
    public DockerEngine(string? socketPath = null)
    {
        socketPath ??= Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : DefaultSocket;
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/v1.41/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string SocketPath { get; }

    /// <summary>True when the engine answers <c>/_ping</c>.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var response = await _http.GetAsync("_ping").ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>True when the image <paramref name="image"/> (name:tag) is present.</summary>
    public async Task<bool> ImageExistsAsync(string image)
    {
        using var response = await _http.GetAsync($"images/{Uri.EscapeDataString(image)}/json").ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, "inspect image " + image).ConfigureAwait(false);
        return true;
    }

    /// <summary>The IPv4 subnets (CIDR) of every network the engine has.</summary>
    public async Task<IReadOnlyList<string>> NetworkSubnetsAsync()
    {
        using var response = await _http.GetAsync("networks").ConfigureAwait(false);
        var networks = JsonNode.Parse(await EnsureAsync(response, "list networks").ConfigureAwait(false))?.AsArray() ?? [];
        return [.. networks
            .SelectMany(n => n?["IPAM"]?["Config"]?.AsArray() ?? [])
            .Select(c => c?["Subnet"]?.GetValue<string>())
            .OfType<string>()];
    }

    /// <summary>Creates an <c>--internal</c> bridge network; false when the engine refuses the subnet as overlapping another.</summary>
    public async Task<bool> CreateInternalNetworkAsync(string name, string subnet, string gateway, IReadOnlyDictionary<string, string> labels)
    {
        using var response = await PostJsonAsync("networks/create", DockerRequests.InternalNetwork(name, subnet, gateway, labels)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (body.Contains("overlap", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            throw Failure(response, "create network " + name, body);
        }

        return true;
    }

    /// <summary>Removes a network (no error when it is gone).</summary>
    public async Task RemoveNetworkAsync(string name)
    {
        using var response = await _http.DeleteAsync($"networks/{Uri.EscapeDataString(name)}").ConfigureAwait(false);
        await EnsureAsync(response, "remove network " + name, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>Creates a container from <paramref name="body"/> (see <see cref="DockerRequests.Container"/>); returns its id.</summary>
    public async Task<string> CreateContainerAsync(string name, JsonObject body)
    {
        using var response = await PostJsonAsync($"containers/create?name={Uri.EscapeDataString(name)}", body).ConfigureAwait(false);
        var created = JsonNode.Parse(await EnsureAsync(response, "create container " + name).ConfigureAwait(false));
        return created?["Id"]?.GetValue<string>() ?? throw new InvalidOperationException($"docker: create container {name} answered no Id");
    }

    public Task StartAsync(string container) => PostAsync($"containers/{container}/start", "start " + container);

    /// <summary>Sends <paramref name="signal"/> (no error when the container is not running).</summary>
    public Task KillAsync(string container, string signal = "KILL") =>
        PostAsync($"containers/{container}/kill?signal={signal}", "kill " + container, HttpStatusCode.Conflict);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="graceSeconds"/>.</summary>
    public Task StopAsync(string container, int graceSeconds) => PostAsync($"containers/{container}/stop?t={graceSeconds}", "stop " + container);

    public Task PauseAsync(string container) => PostAsync($"containers/{container}/pause", "pause " + container, HttpStatusCode.Conflict);

    public Task UnpauseAsync(string container) => PostAsync($"containers/{container}/unpause", "unpause " + container, HttpStatusCode.Conflict);

    /// <summary>Removes a container, running or not (no error when it is gone).</summary>
    public async Task RemoveContainerAsync(string container)
    {
        using var response = await _http.DeleteAsync($"containers/{container}?force=1").ConfigureAwait(false);
        await EnsureAsync(response, "remove " + container, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>The container's state: its main process id on the host (0 when not running), running, paused.</summary>
    public async Task<(int Pid, bool Running, bool Paused)> StateAsync(string container)
    {
        using var response = await _http.GetAsync($"containers/{container}/json").ConfigureAwait(false);
        var state = JsonNode.Parse(await EnsureAsync(response, "inspect " + container).ConfigureAwait(false))?["State"]
            ?? throw new InvalidOperationException($"docker: inspect {container} answered no State");
        return (state["Pid"]?.GetValue<int>() ?? 0, state["Running"]?.GetValue<bool>() ?? false, state["Paused"]?.GetValue<bool>() ?? false);
    }

    /// <summary>Everything the container wrote to stdout and stderr, in order (the stream's frame headers removed).</summary>
    public async Task<byte[]> LogsAsync(string container)
    {
        using var response = await _http.GetAsync($"containers/{container}/logs?stdout=1&stderr=1").ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, "logs of " + container, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        }

        return DockerLogStream.Demultiplex(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
    }

    /// <summary>The ids of every container carrying label <paramref name="label"/>, running or not, with the label's value.</summary>
    public Task<IReadOnlyList<(string Id, string LabelValue)>> ContainersLabelledAsync(string label) => LabelledAsync("containers/json?all=1&", "Id", label);

    /// <summary>The names of every network carrying label <paramref name="label"/>, with the label's value.</summary>
    public Task<IReadOnlyList<(string Id, string LabelValue)>> NetworksLabelledAsync(string label) => LabelledAsync("networks?", "Name", label);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The <paramref name="key"/> field and label value of each object a list call (<paramref name="list"/>, ending in ? or &amp;) returns for <paramref name="label"/>.</summary>
    private async Task<IReadOnlyList<(string Id, string LabelValue)>> LabelledAsync(string list, string key, string label)
    {
        var filters = Uri.EscapeDataString(new JsonObject { ["label"] = new JsonArray(label) }.ToJsonString());
        using var response = await _http.GetAsync($"{list}filters={filters}").ConfigureAwait(false);
        var items = JsonNode.Parse(await EnsureAsync(response, "list " + list).ConfigureAwait(false))?.AsArray() ?? [];
        return [.. items.Select(i => (i?[key]?.GetValue<string>() ?? string.Empty, i?["Labels"]?[label]?.GetValue<string>() ?? string.Empty))
            .Where(i => i.Item1.Length > 0)];
    }

    private async Task PostAsync(string path, string what, HttpStatusCode? tolerated = null)
    {
        using var response = await _http.PostAsync(path, content: null).ConfigureAwait(false);
        await EnsureAsync(response, what, tolerated).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _http.PostAsync(path, content).ConfigureAwait(false);
    }

    /// <summary>The body of a 2xx or 304 answer (or of <paramref name="tolerated"/>); otherwise throws with the engine's message.</summary>
    private static async Task<string> EnsureAsync(HttpResponseMessage response, string what, HttpStatusCode? tolerated = null)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified || response.StatusCode == tolerated
            ? body
            : throw Failure(response, what, body);
    }

    private static InvalidOperationException Failure(HttpResponseMessage response, string what, string body)
    {
        string message;
        try
        {
            message = JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            message = body;
        }

        return new InvalidOperationException($"docker: {what} failed ({(int)response.StatusCode}): {message.Trim()}");
    }
}

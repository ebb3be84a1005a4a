using FASTER.core;
using RaftTower.StateMachine.Faster.Internal;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Faster;

/// <summary>
/// The production <see cref="IKeyValueStore"/>: a FASTER 2.6.5 hybrid log of byte keys and values that may be
/// far larger than its memory budget (older records live on disk and are read back on demand), with local
/// checkpoints so that a restarted replica resumes from its last checkpoint instead of replaying everything.
/// </summary>
/// <remarks>
/// <para>
/// Single-threaded like its interface: one FASTER session serves every call; a read whose record is on disk goes
/// pending and is completed before the call returns, so operations apply strictly in call order (the FASTER notes'
/// ordering rule for a deterministic state machine).
/// </para>
/// <para>
/// Durability is by <see cref="Checkpoint"/> only: after a crash, opening the directory again yields exactly the
/// state of the last checkpoint (whatever the apply layer stored, its applied index included). Opening a directory
/// without a checkpoint starts empty and discards any log files there. A checkpoint that cannot be recovered stops
/// the open with <see cref="InvalidDataException"/> and deletes nothing.
/// </para>
/// <para>
/// FASTER keys are <c>00·key</c> for records and <c>01·…</c> for the store's own metadata (the record count and
/// live-byte estimate, written at each checkpoint), so user keys never collide with it.
/// </para>
/// </remarks>
public sealed partial class FasterKeyValueStore : IKeyValueStore
{
    /// <summary>The longest accepted key: a 64 KiB user key plus a small prefix (the <see cref="IKeyValueStore"/> contract).</summary>
    public const int MaxKeyLength = 65_600;

    private readonly FasterStoreOptions _options;
    private readonly StoreFunctions _functions = new();
    private readonly string _logDirectory;
    private readonly string _checkpointDirectory;
    private IDevice? _device;
    private FasterKV<SpanByte, SpanByte>? _store;
    private ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions>? _session;
    private long _count;
    private long _liveBytes;
    private bool _disposed;

    /// <summary>Opens (and recovers, when it holds a checkpoint) the store in <see cref="FasterStoreOptions.DataDirectory"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidDataException">The directory holds a checkpoint that cannot be recovered.</exception>
    public FasterKeyValueStore(FasterStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var root = Path.GetFullPath(options.DataDirectory);
        _logDirectory = Path.Combine(root, "log");
        _checkpointDirectory = Path.Combine(root, "checkpoints");
        Open();
    }

    /// <inheritdoc />
    public long Count
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _count;
        }
    }

    /// <summary>True when the store was opened from a checkpoint rather than empty.</summary>
    public bool Recovered { get; private set; }

    /// <summary>Bytes between the log's begin and tail: what compaction reclaims when it is far above <see cref="LiveBytes"/>.</summary>
    public long LogBytes => Store.Log.TailAddress - Store.Log.BeginAddress;

    /// <summary>An estimate of the bytes the live records take in the log (keys, values and record headers).</summary>
    public long LiveBytes => _liveBytes;

    private FasterKV<SpanByte, SpanByte> Store
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _store!;
        }
    }

    private ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions> Session
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _session!;
        }
    }

    /// <summary>
    /// Removes every record by discarding the log and its checkpoints and starting an empty store. Until the next
    /// <see cref="Checkpoint"/>, a crash reopens empty (never half of a later restore).
    /// </summary>
    /// <exception cref="InvalidOperationException">A <see cref="Freeze"/> view is still open.</exception>
    public void Clear()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFrozen("clear");
        Close();
        DeleteFiles();
        Open();
    }

    /// <summary>Disposes the session, the store and then the device (the order FASTER needs); no checkpoint is taken.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Close();
    }

    private void Open()
    {
        var cprDirectory = Path.Combine(_checkpointDirectory, "cpr-checkpoints");
        var hasCheckpoint = Directory.Exists(cprDirectory) && Directory.EnumerateDirectories(cprDirectory).Any();
        if (!hasCheckpoint)
        {
            // Log files without a checkpoint hold nothing recoverable; start from clean files.
            DeleteFiles();
        }

        Directory.CreateDirectory(_logDirectory);
        Directory.CreateDirectory(_checkpointDirectory);
        _device = Devices.CreateLogDevice(Path.Combine(_logDirectory, "hlog"), preallocateFile: false, deleteOnClose: false);
        _store = new FasterKV<SpanByte, SpanByte>(
            _options.IndexBuckets,
            new LogSettings
            {
                LogDevice = _device,
                PageSizeBits = _options.PageSizeBits,
                MemorySizeBits = _options.MemorySizeBits,
                SegmentSizeBits = _options.SegmentSizeBits,
            },
            new CheckpointSettings { CheckpointDir = _checkpointDirectory, RemoveOutdated = true });
        _count = 0;
        _liveBytes = 0;
        _indexCheckpointTail = -1;
        Recovered = false;
        if (hasCheckpoint)
        {
            try
            {
                _store.Recover();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Close();
                throw new InvalidDataException(
                    $"Cannot recover the FASTER checkpoint in '{_checkpointDirectory}' ({e.GetType().Name}: {e.Message}). Nothing was deleted.", e);
            }

            Recovered = true;
        }

        _session = _store.For(_functions).NewSession<StoreFunctions>();
        if (hasCheckpoint)
        {
            try
            {
                ReadMeta();
            }
            catch (InvalidDataException)
            {
                Close();
                throw;
            }
        }
    }

    private void Close()
    {
        _session?.Dispose();
        _store?.Dispose();
        _device?.Dispose();
        (_session, _store, _device) = (null, null, null);
    }

    private void DeleteFiles()
    {
        foreach (var directory in new[] { _logDirectory, _checkpointDirectory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

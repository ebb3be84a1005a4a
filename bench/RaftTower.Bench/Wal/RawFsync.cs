namespace RaftTower.Bench.Wal;

/// <summary>One benchmark operation: write a record to the end of a plain file and fsync it, the floor for any log that fsyncs per batch.</summary>
internal sealed class RawFsync : IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly byte[] _record;

    public RawFsync(string path, int recordBytes)
    {
        _path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        _record = new byte[recordBytes];
    }

    public void WriteAndSync()
    {
        _file.Write(_record);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _file.Dispose();
        File.Delete(_path);
    }
}

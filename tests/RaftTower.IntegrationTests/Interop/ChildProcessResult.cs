namespace RaftTower.IntegrationTests.Interop;

/// <summary>How an external program ended: its exit code and everything it printed (stdout and stderr interleaved).</summary>
internal readonly record struct ChildProcessResult(int ExitCode, string Output);

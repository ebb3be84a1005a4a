using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RaftTower.Client.Tests.Fakes;

/// <summary>Keeps every log event (id and formatted message) for assertions.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(Events);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<(int, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue((eventId.Id, formatter(state, exception)));
    }
}

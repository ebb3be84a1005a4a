using RaftTower.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

return await CliApplication.RunAsync(
    args,
    Console.Out,
    Console.Error,
    Environment.GetEnvironmentVariable("RAFTTOWER_ENDPOINTS"),
    terminal: !Console.IsOutputRedirected,
    interrupt.Token);

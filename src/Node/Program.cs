using RaftTower.Node.Hosting;

return await NodeProgram.RunAsync(args).ConfigureAwait(false);

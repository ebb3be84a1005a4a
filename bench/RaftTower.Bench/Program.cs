using RaftTower.Bench;

return BenchCommands.Run(args);

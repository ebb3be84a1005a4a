using RaftTower.Chaos;

return ChaosCommands.Run(args);

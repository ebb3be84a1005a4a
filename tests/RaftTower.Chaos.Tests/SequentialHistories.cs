using RaftTower.Chaos.Checkers.Linearizability;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

/// <summary>
/// Linearizable-by-construction histories: a sequential register runs the operations at strictly
/// increasing linearization points, and each operation's interval is stretched randomly around its
/// point so that neighbours overlap in real time. Some writes are recorded indeterminate (they took
/// effect), some indeterminate or failed writes never took effect at all.
/// </summary>
internal static class SequentialHistories
{
    /// <summary>A character no generated value contains, so a read of it can never be explained.</summary>
    public const string Impossible = "#corrupt#";

    public static List<Operation> Generate(int seed, int count, int maxWidth, int clients = 5)
    {
        var random = new Random(seed);
        var history = new List<Operation>(count);
        string? state = null;
        for (var i = 0; i < count; i++)
        {
            var point = (i + 1) * 10L;
            var call = point - random.Next(0, maxWidth + 1);
            long? ret = point + random.Next(0, maxWidth + 1);
            var client = random.Next(clients);
            var roll = random.Next(100);
            if (roll < 5)
            {
                // A write that never happened: timed out or certainly failed.
                var failed = random.Next(2) == 0;
                history.Add(new Operation(client, "put", "k", $"lost{i}", null, null, failed ? false : null, call, failed ? ret : null));
                continue;
            }

            var operation = roll switch
            {
                < 40 => new Operation(client, "get", "k", null, null, state, true, call, ret),
                < 60 => new Operation(client, "put", "k", $"v{i}", null, null, true, call, ret),
                < 75 => new Operation(client, "append", "k", $"a{i}", null, null, true, call, ret),
                < 80 => new Operation(client, "delete", "k", null, null, null, true, call, ret),
                _ => Cas(client, i, state, random, call, ret),
            };
            var op = RegisterOp.From(operation);
            if (!RegisterModel.TryStep(state, op, out var next))
            {
                throw new InvalidOperationException($"generator built an illegal operation {operation}");
            }

            state = next;
            var indeterminate = operation.Op != "get" && random.Next(100) < 8;
            history.Add(indeterminate ? operation.AsIndeterminate() : operation);
        }

        return history;
    }

    /// <summary>The same history with one read's value replaced by one no write could have produced, or null when there is no read.</summary>
    public static List<Operation>? CorruptOneRead(List<Operation> history, int seed)
    {
        var reads = history.Select((o, i) => (o, i)).Where(x => x.o.Op == "get" && x.o.IsOk).Select(x => x.i).ToList();
        if (reads.Count == 0)
        {
            return null;
        }

        var corrupted = history.ToList();
        var index = reads[new Random(seed).Next(reads.Count)];
        corrupted[index] = corrupted[index] with { Output = Impossible };
        return corrupted;
    }

    private static Operation Cas(int client, int i, string? state, Random random, long call, long? ret)
    {
        var matches = random.Next(2) == 0;
        var expected = matches ? state : $"other{i}";
        return new Operation(client, "cas", "k", $"c{i}", expected, null, matches, call, ret);
    }
}

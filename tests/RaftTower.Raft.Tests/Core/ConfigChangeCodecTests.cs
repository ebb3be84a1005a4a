using FsCheck;
using FsCheck.Fluent;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Tests.Core;

public sealed class ConfigChangeCodecTests
{
    [Fact]
    public void Every_payload_round_trips()
    {
        var kinds = Gen.Elements(MembershipChangeKind.Initialize, MembershipChangeKind.AddLearner, MembershipChangeKind.PromoteLearner, MembershipChangeKind.Remove);
        var ids = Gen.ArrayOf(ArbMap.Default.GeneratorFor<ulong>());
        var payloads =
            from kind in kinds
            from id in ArbMap.Default.GeneratorFor<ulong>()
            from voters in ids
            from learners in ids
            select new ConfigChangePayload(new MembershipChange(kind, id), new ConfigState(voters, learners));

        Prop.ForAll(payloads.ToArbitrary(), p => ConfigChangeCodec.Decode(ConfigChangeCodec.Encode(p)) == p)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Truncated_or_padded_bytes_are_rejected()
    {
        var bytes = ConfigChangeCodec.Encode(new ConfigChangePayload(new MembershipChange(MembershipChangeKind.Remove, 3), new ConfigState([1, 2], [5])));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => ConfigChangeCodec.Decode(bytes.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => ConfigChangeCodec.Decode([.. bytes, 0]));
    }
}

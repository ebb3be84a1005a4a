using RaftTower.Chaos.Nemesis;

namespace RaftTower.Chaos.Tests;

public sealed class MemberChangeTests
{
    [Fact]
    public async Task Removing_asks_the_configuration_first_and_stops_once_the_node_is_absent()
    {
        var admin = new ScriptedAdmin(MemberState.Voter) { OnRemove = a => { a.State = MemberState.Absent; return MembershipOutcome.Done; } };
        Assert.True(await Change(admin).RemoveAsync(3, CancellationToken.None));
        Assert.Equal(["state", "remove"], admin.Calls);
    }

    [Fact]
    public async Task A_remove_that_ended_indeterminate_is_not_repeated_once_the_configuration_shows_it_applied()
    {
        // The call timed out, but the change committed: the next round sees the node absent and calls nothing more.
        var admin = new ScriptedAdmin(MemberState.Voter) { OnRemove = a => { a.State = MemberState.Absent; return MembershipOutcome.Uncertain; } };
        Assert.True(await Change(admin).RemoveAsync(3, CancellationToken.None));
        Assert.Equal(["state", "remove", "state"], admin.Calls);
    }

    [Fact]
    public async Task Not_found_is_a_final_answer_to_a_remove()
    {
        var admin = new ScriptedAdmin(MemberState.Voter) { OnRemove = _ => MembershipOutcome.NotFound };
        Assert.True(await Change(admin).RemoveAsync(3, CancellationToken.None));
        Assert.Equal(["state", "remove"], admin.Calls);
    }

    [Fact]
    public async Task No_call_is_made_while_no_leader_answers_and_the_rounds_are_bounded()
    {
        var admin = new ScriptedAdmin(MemberState.Unknown);
        Assert.False(await Change(admin).RemoveAsync(3, CancellationToken.None));
        Assert.Equal(Enumerable.Repeat("state", 5), admin.Calls);
        Assert.False(await Change(admin).RestoreAsync(3, CancellationToken.None));
    }

    [Fact]
    public async Task Restoring_adds_the_node_and_returns_once_it_is_a_voter()
    {
        var admin = new ScriptedAdmin(MemberState.Absent) { OnAdd = a => { a.State = MemberState.Voter; return MembershipOutcome.Done; } };
        Assert.True(await Change(admin).RestoreAsync(3, CancellationToken.None));
        Assert.Equal(["state", "add", "state"], admin.Calls);
    }

    [Fact]
    public async Task An_add_answered_already_exists_for_a_learner_is_finished_with_a_promotion()
    {
        // The first add's answer was lost after the node joined as a learner; the retry hears AlreadyExists.
        var adds = 0;
        var admin = new ScriptedAdmin(MemberState.Absent)
        {
            OnAdd = a => { a.State = MemberState.Learner; return ++adds == 1 ? MembershipOutcome.Uncertain : MembershipOutcome.AlreadyExists; },
            OnPromote = a => { a.State = MemberState.Voter; return MembershipOutcome.Done; },
        };
        Assert.True(await Change(admin).RestoreAsync(3, CancellationToken.None));
        Assert.Equal(["state", "add", "state", "promote", "state"], admin.Calls);
    }

    [Fact]
    public async Task A_node_that_is_already_a_voter_is_left_alone()
    {
        var admin = new ScriptedAdmin(MemberState.Voter);
        Assert.True(await Change(admin).RestoreAsync(3, CancellationToken.None));
        Assert.Equal(["state"], admin.Calls);
    }

    private static MemberChange Change(IMembershipAdmin admin) => new(admin, maxAttempts: 5, TimeSpan.Zero);

    /// <summary>A configuration of one node and scripted answers to the calls that change it.</summary>
    private sealed class ScriptedAdmin(MemberState state) : IMembershipAdmin
    {
        public MemberState State { get; set; } = state;

        public List<string> Calls { get; } = [];

        public Func<ScriptedAdmin, MembershipOutcome> OnRemove { get; init; } = _ => MembershipOutcome.Uncertain;

        public Func<ScriptedAdmin, MembershipOutcome> OnAdd { get; init; } = _ => MembershipOutcome.Uncertain;

        public Func<ScriptedAdmin, MembershipOutcome> OnPromote { get; init; } = _ => MembershipOutcome.Uncertain;

        public Task<MemberState> StateOfAsync(ulong id, CancellationToken cancellationToken) => Record("state", State);

        public Task<MembershipOutcome> RemoveAsync(ulong id, CancellationToken cancellationToken) => Record("remove", OnRemove(this));

        public Task<MembershipOutcome> AddAsync(ulong id, CancellationToken cancellationToken) => Record("add", OnAdd(this));

        public Task<MembershipOutcome> PromoteAsync(ulong id, CancellationToken cancellationToken) => Record("promote", OnPromote(this));

        private Task<T> Record<T>(string call, T result)
        {
            Calls.Add(call);
            return Task.FromResult(result);
        }
    }
}

namespace RaftTower.Raft.Core;

/// <summary>
/// Membership changes one server at a time (thesis §4.1): a configuration takes effect as soon as its entry is
/// appended (and is rolled back if that entry is truncated), at most one change is uncommitted at any time,
/// learners catch up before promotion, and a leader that removes itself steps down once the change commits.
/// </summary>
public sealed partial class RaftNode
{
    private readonly List<(long Index, ConfigState Config)> _configHistory = [];
    private ConfigState _baseConfig = ConfigState.Empty;
    private ConfigState _config = ConfigState.Empty;

    /// <summary>The configuration in effect: the latest one in the log.</summary>
    public ConfigState Config => _config;

    private long LatestConfigIndex => _configHistory.Count > 0 ? _configHistory[^1].Index : 0;

    /// <summary>The configuration before the latest one in the log.</summary>
    private ConfigState PreviousConfig => _configHistory.Count > 1 ? _configHistory[^2].Config : _baseConfig;

    /// <summary>
    /// Proposes one membership change. The resulting configuration is in effect from the moment its entry is
    /// appended; a new change is refused until this one commits.
    /// </summary>
    public ProposeResult ProposeConfigChange(MembershipChange change, long timestamp)
    {
        if (RefuseProposal() is { } refused)
        {
            return refused;
        }

        if (LatestConfigIndex > _log.Committed)
        {
            return new ProposeResult(ProposeStatus.ConfigChangePending, 0, _term, Id);
        }

        if (_log.Term(_log.Committed) != _term)
        {
            // The single-server change bug (Ongaro, raft-dev 2015): a new leader must commit an entry of its
            // term before changing the configuration, or two overlapping changes could both commit.
            return new ProposeResult(ProposeStatus.LeaderNotReady, 0, _term, Id);
        }

        var (status, next) = Apply(_config, change);
        if (status != ProposeStatus.Accepted)
        {
            return new ProposeResult(status, 0, _term, Id);
        }

        var index = _log.LastIndex + 1;
        var data = ConfigChangeCodec.Encode(new ConfigChangePayload(change, next));
        var entry = new Entry(index, _term, EntryType.ConfigChange, Math.Max(timestamp, _log.LastTimestamp), data);
        _log.Append(entry);
        OnEntriesAppended(index, [entry]);
        _pendingBroadcast = true;
        return new ProposeResult(ProposeStatus.Accepted, index, _term, Id);
    }

    private (ProposeStatus Status, ConfigState Next) Apply(ConfigState config, MembershipChange change)
    {
        var id = change.NodeId;
        var voters = config.Voters.ToList();
        var learners = config.Learners.ToList();
        switch (change.Kind)
        {
            case MembershipChangeKind.AddLearner when id != 0 && !config.Contains(id):
                learners.Add(id);
                break;
            case MembershipChangeKind.PromoteLearner when learners.Contains(id):
                // Thesis §4.2.1: a voter that cannot keep up would stall commits; wait until it holds the log.
                if (!_progress.TryGetValue(id, out var progress) || progress.Match < _log.Committed)
                {
                    return (ProposeStatus.LearnerNotCaughtUp, config);
                }

                learners.Remove(id);
                voters.Add(id);
                break;
            case MembershipChangeKind.Remove when learners.Contains(id):
                learners.Remove(id);
                break;
            case MembershipChangeKind.Remove when voters.Contains(id) && voters.Count > 1:
                voters.Remove(id);
                break;
            default:
                return (ProposeStatus.InvalidConfigChange, config);
        }

        voters.Sort();
        learners.Sort();
        return (ProposeStatus.Accepted, new ConfigState(voters, learners));
    }

    private void Bootstrap(IReadOnlyList<ulong> voters)
    {
        var sorted = voters.Order().ToArray();
        var data = ConfigChangeCodec.Encode(new ConfigChangePayload(new MembershipChange(MembershipChangeKind.Initialize, 0), new ConfigState(sorted, [])));
        var entry = new Entry(1, 1, EntryType.ConfigChange, 0, data);
        _log.Append(entry);
        _term = 1;

        // Every initial member writes this same entry, so it is committed by construction (as in etcd).
        _log.CommitTo(1);
        OnEntriesAppended(1, [entry]);
    }

    private void LoadConfiguration()
    {
        _baseConfig = _storage.Snapshot.Config;
        _configHistory.Clear();
        var next = _storage.FirstIndex;
        var last = _storage.LastIndex;
        while (next <= last)
        {
            var batch = _storage.Entries(next, last + 1, 4 << 20);
            foreach (var entry in batch)
            {
                if (entry.Type == EntryType.ConfigChange)
                {
                    _configHistory.Add((entry.Index, ConfigChangeCodec.Decode(entry.Data.Span).Config));
                }
            }

            next = batch[^1].Index + 1;
        }

        _config = _configHistory.Count > 0 ? _configHistory[^1].Config : _baseConfig;
    }

    /// <summary>Entries from <paramref name="firstNew"/> on replaced the log's tail: roll configurations back and forward.</summary>
    private void OnEntriesAppended(long firstNew, IReadOnlyList<Entry> entries)
    {
        var changed = false;
        while (_configHistory.Count > 0 && _configHistory[^1].Index >= firstNew)
        {
            _configHistory.RemoveAt(_configHistory.Count - 1);
            changed = true;
        }

        foreach (var entry in entries)
        {
            if (entry.Index >= firstNew && entry.Type == EntryType.ConfigChange)
            {
                _configHistory.Add((entry.Index, ConfigChangeCodec.Decode(entry.Data.Span).Config));
                changed = true;
            }
        }

        if (changed)
        {
            SetConfig(_configHistory.Count > 0 ? _configHistory[^1].Config : _baseConfig);
        }
    }

    private void RestoreConfig(ConfigState config)
    {
        _configHistory.Clear();
        _baseConfig = config;
        SetConfig(config);
    }

    private void SetConfig(ConfigState config)
    {
        _config = config;
        if (_role != RaftRole.Leader)
        {
            return;
        }

        foreach (var id in _progress.Keys.Where(id => !config.Contains(id)).ToList())
        {
            _progress.Remove(id);
        }

        foreach (var id in config.Voters.Concat(config.Learners))
        {
            if (id == Id)
            {
                continue;
            }

            var isLearner = config.Learners.Contains(id);
            if (_progress.TryGetValue(id, out var progress))
            {
                progress.IsLearner = isLearner;
            }
            else
            {
                // A new member: probe from the end; a snapshot follows if it needs compacted entries.
                var added = NewProgress(isLearner);
                added.RecentActive = true;
                _progress[id] = added;
            }
        }

        if (_leadTransferee != 0 && !config.Voters.Contains(_leadTransferee))
        {
            AbortTransfer();
        }

        // Fewer voters may mean a smaller quorum: something may commit now.
        if (MaybeCommit())
        {
            _pendingBroadcast = true;
        }
    }

    /// <summary>Thesis §4.2.2: a leader not in the committed configuration steps down (and hands over if it can).</summary>
    private void StepDownIfRemoved()
    {
        if (_role != RaftRole.Leader || _config.Voters.Contains(Id) || LatestConfigIndex > _log.Committed)
        {
            return;
        }

        var successor = _progress
            .Where(p => !p.Value.IsLearner && p.Value.Match == _log.LastIndex)
            .Select(p => p.Key)
            .Order()
            .FirstOrDefault();
        BecomeFollower(_term, 0);
        if (successor != 0)
        {
            SendTimeoutNow(successor);
        }
    }
}

using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

internal sealed partial class CommandExecutor
{
    private TowerResult Dispatch(TowerCommand c) => c.Op switch
    {
        OpCode.Delete => Delete(c, null),
        OpCode.Exists => Exists(c, null),
        OpCode.TypeOf => TypeOf(c),
        OpCode.SetTtlAt => SetTtl(c, c.A.AsTimestampTicks()),
        OpCode.SetTtlFor => SetTtlFor(c),
        OpCode.RemoveTtl => RemoveTtl(c),
        OpCode.GetTtl => GetTtl(c),
        OpCode.ExpireKeys => ExpireKeys(c),
        >= OpCode.SetString and <= OpCode.CompareAndSetString => ExecuteString(c),
        >= OpCode.SetInt and <= OpCode.ClampInt => ExecuteInt(c),
        >= OpCode.SetFloat and <= OpCode.AbsFloat => ExecuteFloat(c),
        >= OpCode.SetBool and <= OpCode.SetBoolIfEqual => ExecuteBool(c),
        >= OpCode.SetTimestamp and <= OpCode.SubDuration => ExecuteTime(c),
        >= OpCode.SetUuid and <= OpCode.AppendBinary => ExecuteUuidOrBinary(c),
        >= OpCode.SetBigInt and <= OpCode.CmpBigInt => ExecuteBigInt(c),
        >= OpCode.SetDecimal and <= OpCode.GetDecimalAsFloat => ExecuteDecimal(c),
        >= OpCode.CreateList and <= OpCode.DeleteList => ExecuteList(c),
        >= OpCode.CreateMap and <= OpCode.DeleteMap => ExecuteMap(c),
        >= OpCode.CreateSet and <= OpCode.DeleteSet => ExecuteSet(c),
        >= OpCode.TimeSeriesCreate and <= OpCode.DeleteTimeSeries => ExecuteTimeSeries(c),
        >= OpCode.CreateBloomFilter and <= OpCode.DeleteBloomFilter => ExecuteBloom(c),
        _ => Invalid($"unknown operation 0x{(byte)c.Op:X2}"),
    };
}

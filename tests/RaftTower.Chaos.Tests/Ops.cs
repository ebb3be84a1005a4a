using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

/// <summary>Terse builders for hand-made histories: ret = null makes an operation indeterminate.</summary>
internal static class Ops
{
    public static Operation Get(long client, string? output, long call, long? ret, string key = "k") =>
        new(client, "get", key, null, null, ret is null ? null : output, ret is null ? null : true, call, ret);

    public static Operation Put(long client, string value, long call, long? ret, bool ok = true, string key = "k") =>
        Write(client, "put", key, value, call, ret, ok);

    public static Operation Append(long client, string suffix, long call, long? ret, string key = "k") =>
        Write(client, "append", key, suffix, call, ret, true);

    public static Operation Delete(long client, long call, long? ret, string key = "k") =>
        Write(client, "delete", key, null, call, ret, true);

    public static Operation Cas(long client, string? expected, string? value, bool ok, long call, long? ret, string key = "k") =>
        new(client, "cas", key, value, expected, null, ret is null ? null : ok, call, ret);

    public static Operation Add(long client, long delta, long call, long? ret, long? output = null, bool ok = true, string key = "c") =>
        new(client, "add", key, delta.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            ret is null ? null : output?.ToString(System.Globalization.CultureInfo.InvariantCulture), ret is null ? null : ok, call, ret);

    public static Operation Read(long client, long? output, long call, long ret, string key = "c") =>
        new(client, "get", key, null, null, output?.ToString(System.Globalization.CultureInfo.InvariantCulture), true, call, ret);

    public static Operation SetAdd(long client, string element, long call, long? ret, bool ok = true, string key = "s") =>
        Write(client, "sadd", key, element, call, ret, ok);

    public static Operation SetRead(long client, string[] elements, long call, long ret, string key = "s") =>
        new(client, "smembers", key, null, null, ElementList.Format(elements), true, call, ret);

    public static Operation Push(long client, string element, long call, long? ret, bool ok = true, string key = "l") =>
        Write(client, "lpush", key, element, call, ret, ok);

    public static Operation Range(long client, string[] elements, long call, long ret, string key = "l") =>
        new(client, "lrange", key, null, null, ElementList.Format(elements), true, call, ret);

    private static Operation Write(long client, string op, string key, string? value, long call, long? ret, bool ok) =>
        new(client, op, key, value, null, null, ret is null ? null : ok, call, ret);
}

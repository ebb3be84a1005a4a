using System.Reflection;

namespace RaftTower.Cli.Operations;

/// <summary>One client operation as a command: <c>rafttower &lt;Family&gt; &lt;Name&gt; args...</c>.</summary>
/// <param name="Family">The CLI family (<c>int</c>, <c>list</c>, ...).</param>
/// <param name="Name">The kebab-case operation (<c>add</c>, <c>set-if-greater</c>, ...).</param>
/// <param name="Method">The <c>TowerClient</c> method it calls.</param>
internal sealed record OperationDescriptor(string Family, string Name, MethodInfo Method)
{
    /// <summary>The method's parameters the user supplies (all but the trailing CancellationToken).</summary>
    public IReadOnlyList<ParameterInfo> Inputs { get; } = Method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToArray();
}

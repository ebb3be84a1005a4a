using System.Text;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>What a node sent back on a raw connection before it closed it (or before the wait ended).</summary>
/// <param name="Closed">True when the node closed or reset the connection.</param>
/// <param name="Received">Every byte the node sent.</param>
internal readonly record struct ServerReply(bool Closed, byte[] Received)
{
    /// <summary>The start of the reply as text, for assertions on HTTP/1.1 status lines and failure messages.</summary>
    public string Head => Encoding.ASCII.GetString(Received, 0, Math.Min(Received.Length, 200));
}

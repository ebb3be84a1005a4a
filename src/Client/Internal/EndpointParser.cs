namespace RaftTower.Client.Internal;

/// <summary>Endpoint strings as users and nodes write them: <c>http://host:port</c>, or <c>host:port</c> meaning http.</summary>
internal static class EndpointParser
{
    public static bool TryParse(string? text, out Uri endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var candidate = text.Contains("://", StringComparison.Ordinal) ? text.Trim() : "http://" + text.Trim();
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            return false;
        }

        endpoint = uri;
        return true;
    }
}

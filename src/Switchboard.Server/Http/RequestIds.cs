using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Http;

/// <summary>Gives each request one id, kept on the request and sent as <c>X-Request-Id</c>; the usage record, the audit log, the logs and an error body all name the same one.</summary>
internal static class RequestIds
{
    private const string Header = "X-Request-Id";
    private static readonly object ItemKey = new();

    /// <summary>Returns the request's id, giving it one (and the response header) when it has none yet.</summary>
    public static string Assign(HttpContext context)
    {
        if (Find(context) is { } existing)
        {
            return existing;
        }

        var id = GatewayRequestContext.NewRequestId();
        context.Items[ItemKey] = id;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[Header] = id;
        }

        return id;
    }

    /// <summary>Returns the request's id, or null when none was given; the exception handler clears response headers, so this reads the request's own copy.</summary>
    public static string? Find(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;

    /// <summary>Sends the request's id again, for an answer written after the response headers were cleared.</summary>
    public static void Resend(HttpContext context, string id)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[Header] = id;
        }
    }
}

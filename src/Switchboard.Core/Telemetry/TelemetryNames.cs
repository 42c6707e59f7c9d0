namespace Switchboard.Core.Telemetry;

/// <summary>Names the gateway's meter, activity source, instruments and attributes, following the OpenTelemetry GenAI conventions where they exist.</summary>
/// <remarks>
/// Attribute values are bounded: catalog model ids, platform names and provider kinds come from configuration, and
/// outcome, status class and error type from fixed sets. User ids, keys and requested model names are never labels.
/// </remarks>
public static class TelemetryNames
{
    /// <summary>The name of the gateway's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Switchboard";

    /// <summary>The name of the gateway's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Switchboard";

    /// <summary>The OpenTelemetry service name when <c>OTEL_SERVICE_NAME</c> does not set one.</summary>
    public const string ServiceName = "switchboard";

    /// <summary>The name of ASP.NET Core's hosting meter (<c>http.server.request.duration</c> and friends), exposed beside ours.</summary>
    public const string AspNetCoreHostingMeterName = "Microsoft.AspNetCore.Hosting";

    /// <summary>The GenAI token usage histogram, one measurement per token type.</summary>
    public const string TokenUsage = "gen_ai.client.token.usage";

    /// <summary>The GenAI operation duration histogram, in seconds, from arrival to the last byte.</summary>
    public const string OperationDuration = "gen_ai.client.operation.duration";

    /// <summary>The GenAI time-to-first-token histogram, in seconds, for streams.</summary>
    public const string TimeToFirstToken = "gen_ai.server.time_to_first_token";

    /// <summary>The counter of finished client requests.</summary>
    public const string Requests = "switchboard.requests";

    /// <summary>The counter of failed client requests, by error type.</summary>
    public const string RequestErrors = "switchboard.request.errors";

    /// <summary>The up-down counter of requests in flight.</summary>
    public const string RequestsActive = "switchboard.requests.active";

    /// <summary>The counter of tokens, by token type.</summary>
    public const string Tokens = "switchboard.tokens";

    /// <summary>The counter of provider cost.</summary>
    public const string ProviderCost = "switchboard.provider_cost";

    /// <summary>The counter of user price (revenue).</summary>
    public const string UserPrice = "switchboard.user_price";

    /// <summary>The gauge of usage records waiting in memory.</summary>
    public const string UsageQueueDepth = "switchboard.usage.queue.depth";

    /// <summary>The counter of usage records that went to the overflow queue.</summary>
    public const string UsageQueueOverflows = "switchboard.usage.queue.overflows";

    /// <summary>The counter of usage records written to the database.</summary>
    public const string UsagePersisted = "switchboard.usage.persisted";

    /// <summary>The counter of failed usage batch writes.</summary>
    public const string UsageWriterFailures = "switchboard.usage.writer.failures";

    /// <summary>The counter of usage records spilled to the local journal.</summary>
    public const string UsageJournaled = "switchboard.usage.journaled";

    /// <summary>The gauge of journaled usage records not yet replayed.</summary>
    public const string UsageJournalPending = "switchboard.usage.journal.pending";

    /// <summary>The gauge that is 1 while a key cools down.</summary>
    public const string KeyCooling = "switchboard.key.cooling";

    /// <summary>The gauge of a key's remaining cooldown, in seconds.</summary>
    public const string KeyCooldownRemaining = "switchboard.key.cooldown.remaining";

    /// <summary>The gauge of a key's recent success rate.</summary>
    public const string KeySuccessRate = "switchboard.key.success_rate";

    /// <summary>The counter of routing log entries dropped because the writer's queue was full.</summary>
    public const string RoutingLogDropped = "switchboard.routing_log.dropped";

    /// <summary>The counter of active health checks, by outcome.</summary>
    public const string HealthChecks = "switchboard.health_checks";

    /// <summary>The counter of response cache lookups, by result.</summary>
    public const string CacheLookups = "switchboard.cache.lookups";

    /// <summary>The counter of answers stored in the response cache.</summary>
    public const string CacheStores = "switchboard.cache.stores";

    /// <summary>The unit of a gauge between 0 and 1.</summary>
    /// <remarks>
    /// Spelled out rather than UCUM's <c>1</c>: the Prometheus exporter turns a unit into a name suffix and adds none for
    /// <c>1</c>, and the gauge has been <c>switchboard_key_success_rate_ratio</c> on <c>/metrics</c> since it was added.
    /// </remarks>
    public const string RatioUnit = "ratio";

    /// <summary>The GenAI operation attribute: <c>chat</c> or <c>embeddings</c>.</summary>
    public const string OperationNameAttribute = "gen_ai.operation.name";

    /// <summary>The GenAI provider attribute: the provider kind of the final attempt.</summary>
    public const string ProviderNameAttribute = "gen_ai.provider.name";

    /// <summary>The GenAI request model attribute: the catalog model the request resolved to.</summary>
    public const string RequestModelAttribute = "gen_ai.request.model";

    /// <summary>The GenAI token type attribute.</summary>
    public const string TokenTypeAttribute = "gen_ai.token.type";

    /// <summary>The error type attribute.</summary>
    public const string ErrorTypeAttribute = "error.type";

    /// <summary>The platform attribute.</summary>
    public const string PlatformAttribute = "switchboard.platform";

    /// <summary>The outcome attribute: <c>success</c>, <c>error</c> or <c>cancelled</c>.</summary>
    public const string OutcomeAttribute = "switchboard.outcome";

    /// <summary>The HTTP status class attribute: <c>2xx</c>, <c>4xx</c>, <c>5xx</c>.</summary>
    public const string StatusClassAttribute = "switchboard.status_class";

    /// <summary>The key id attribute (an id, never the secret).</summary>
    public const string KeyIdAttribute = "switchboard.key.id";

    /// <summary>The value used when an attribute is unknown.</summary>
    public const string Unknown = "unknown";

    /// <summary>The value used for an error type outside the documented set.</summary>
    public const string OtherError = "_OTHER";
}

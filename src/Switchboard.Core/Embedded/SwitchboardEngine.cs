using Microsoft.Extensions.AI;
using Switchboard.Core.Pipeline;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Embedded;

/// <summary>Gives embedded callers chat clients for Switchboard models, on the same routing and usage path as the HTTP gateway.</summary>
/// <remarks>
/// Registered as a singleton by <c>AddSwitchboard</c>. Thread-safe. Clients it returns are cheap and need no disposal.
/// Each client answers usage questions about its own requests through <c>GetService(typeof(SwitchboardUsage))</c>.
/// </remarks>
public sealed class SwitchboardEngine
{
    private readonly ChatPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly IUsageStore? _usage;

    internal SwitchboardEngine(ChatPipeline pipeline, TimeProvider time, IUsageStore? usage = null)
    {
        _pipeline = pipeline;
        _time = time;
        _usage = usage;
    }

    /// <summary>Gets a chat client for a catalog model id (or <c>Platform/DisplayName</c>), acting as the system user.</summary>
    public IChatClient GetChatClient(string modelId, string? agentName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var caller = CallerIdentity.SystemAdmin;
        var usage = modelId.StartsWith(UsageSlots.ModelPrefix, StringComparison.OrdinalIgnoreCase)
            ? Usage(caller.UserId, agentName, UsageSlots.Normalize(modelId[UsageSlots.ModelPrefix.Length..]), null)
            : Usage(caller.UserId, agentName, null, modelId);
        return new SwitchboardChatClient(_pipeline, modelId, caller, agentName, _time, usage);
    }

    /// <summary>Gets a chat client for one exact system platform and model display name, bypassing the catalog's other sources.</summary>
    public IChatClient GetSystemChatClient(string platform, string displayName, string? agentName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return GetChatClient($"{platform}/{displayName}", agentName);
    }

    /// <summary>Gets a chat client that acts as a user and calls the model bound to one of their usage slots, exactly as <c>model: "slot:&lt;usageKey&gt;"</c> over HTTP.</summary>
    /// <remarks>The user's tier rules, own keys, budgets and slot repair all apply; usage is recorded under the user and the agent name.</remarks>
    public IChatClient GetUserChatClient(string userId, string usageKey = "main", string? agentName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var slot = UsageSlots.Normalize(usageKey);
        return new SwitchboardChatClient(_pipeline, UsageSlots.ModelPrefix + slot, new CallerIdentity(userId, null, Roles.User), agentName, _time, Usage(userId, agentName, slot, null));
    }

    /// <summary>Lists the models a user may use.</summary>
    public IReadOnlyList<CatalogEntry> ListModels(string userId) => _pipeline.ListModels(new CallerIdentity(userId, null, Roles.User));

    /// <summary>Lists the catalog models.</summary>
    public IReadOnlyList<CatalogEntry> ListModels() => _pipeline.ListModels(CallerIdentity.SystemAdmin);

    /// <summary>Scopes usage queries to a client's identity; null when the engine runs without a usage store.</summary>
    private SwitchboardUsage? Usage(string userId, string? agentName, string? slot, string? catalogModel) =>
        _usage is null ? null : new SwitchboardUsage(_usage, _time, userId, agentName ?? "", slot, catalogModel);
}

namespace Switchboard.Core.Caching;

/// <summary>Says what a request asked of the response cache through its headers.</summary>
public enum CacheDirective
{
    /// <summary>No header: the model's and the key's settings decide.</summary>
    Default = 0,

    /// <summary>Look up and store, even when neither the model nor the key opted in.</summary>
    On = 1,

    /// <summary>Neither look up nor store.</summary>
    Off = 2,

    /// <summary>Skip the lookup, ask the upstream, and store the fresh answer.</summary>
    Refresh = 3,
}

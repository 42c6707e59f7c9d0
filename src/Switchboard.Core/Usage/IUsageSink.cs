using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Accepts usage records from the request path without blocking it.</summary>
public interface IUsageSink
{
    /// <summary>Queues a record for the background writer; never blocks and never drops.</summary>
    void Write(UsageRecord record);
}

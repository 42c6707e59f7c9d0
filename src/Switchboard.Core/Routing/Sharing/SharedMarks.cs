using System.Globalization;
using System.Threading.Channels;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Core.Routing.Sharing;

/// <summary>Turns the runtime marks this replica applies into <see cref="RuntimeMark"/>s to share, and applies the marks other replicas shared.</summary>
/// <remarks>
/// <para>Publishing is one non-blocking write to a bounded in-memory outbox, done only when a failure changed the state
/// (never per successful request, never a database round trip); <see cref="RuntimeMarkSync"/> writes the outbox to the
/// database off the request path. A full outbox drops its oldest marks: sharing is best effort, local state is not.</para>
/// <para>Applying is idempotent (cooldowns and ejections only ever extend; an invalid mark for the same key version is
/// kept as it is), so re-reading a mark, or reading this replica's own, changes nothing. Owned by
/// <see cref="RoutingState"/>; thread-safe.</para>
/// </remarks>
internal sealed class SharedMarks(RoutingState states)
{
    /// <summary>The most marks waiting for the writer; a storm of distinct failures past it loses its oldest marks.</summary>
    public const int OutboxCapacity = 10_000;

    private readonly Channel<RuntimeMark> _outbox = Channel.CreateBounded<RuntimeMark>(
        new BoundedChannelOptions(OutboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Gets the marks this replica applied and has not written yet.</summary>
    public ChannelReader<RuntimeMark> Outbox => _outbox.Reader;

    /// <summary>Returns why a mark was set, for operators: the error kind and the upstream status, never the upstream's message.</summary>
    public static string Reason(UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.UpstreamStatus > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{error.Kind} (HTTP {error.UpstreamStatus})")
            : error.Kind.ToString();
    }

    /// <summary>Shares a cooldown of a whole key (empty <paramref name="model"/>) or of a (key, model) pair.</summary>
    public void PublishCooldown(long keyStateId, string model, long untilTicks, UpstreamError error) =>
        Publish(new RuntimeMark { Kind = RuntimeMarkKinds.Cooldown, SubjectId = keyStateId, Model = model, Until = At(untilTicks), Reason = Reason(error) });

    /// <summary>Shares that a key version was refused as invalid.</summary>
    public void PublishInvalid(KeyEntry key, UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        Publish(new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = key.Id, Reason = Reason(error), Fingerprint = key.Fingerprint, ObservedAt = states.Time.GetUtcNow() });
    }

    /// <summary>Shares that an admin revalidated a key: its invalid mark ends now, on every replica.</summary>
    public void PublishRevalidated(long keyId) =>
        Publish(new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = keyId, Until = states.Time.GetUtcNow(), Reason = "revalidated" });

    /// <summary>Shares that a source was ejected until <paramref name="untilTicks"/>.</summary>
    public void PublishEjection(long sourceStateId, long untilTicks, UpstreamError error) =>
        Publish(new RuntimeMark { Kind = RuntimeMarkKinds.Ejection, SubjectId = sourceStateId, Until = At(untilTicks), Reason = Reason(error) });

    /// <summary>Applies a mark read from storage to the local state; returns whether anything changed. Unknown kinds are ignored.</summary>
    public bool Apply(RuntimeMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var now = states.NowTicks;
        var until = mark.Until?.UtcTicks;
        switch (mark.Kind)
        {
            case RuntimeMarkKinds.Cooldown when until > now:
                var key = states.Get(mark.SubjectId);
                return mark.Model.Length == 0 ? key.CoolUntil(until.Value) : key.CoolModelUntil(mark.Model, until.Value);
            case RuntimeMarkKinds.InvalidKey when until is null:
                return states.Get(mark.SubjectId).MarkInvalid(new Health.InvalidKeyMark(mark.Fingerprint, mark.Reason ?? "", mark.UpdatedAt.UtcTicks));
            case RuntimeMarkKinds.InvalidKey when until <= now:
                return states.Get(mark.SubjectId).ClearInvalid(mark.Fingerprint);
            case RuntimeMarkKinds.Ejection when until > now:
                return states.GetSource(mark.SubjectId).Breaker.EjectUntil(until.Value, now);
            default:
                return false;
        }
    }

    private void Publish(RuntimeMark mark) => _outbox.Writer.TryWrite(mark);

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}

using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Pipeline;

/// <summary>Relays an open upstream stream to one client and records its usage once when disposed.</summary>
/// <remarks>
/// The pipeline primes it (reads until the first bytes exist) before the client sees anything, so a failure up to
/// that point fails over. After that, a failure becomes one error event in the client's protocol and the stream ends
/// (no <c>[DONE]</c>, no closing event). A normal end gets the protocol's closing events with the final usage. The
/// client-protocol writer (<see cref="ClientStreamWriter"/>) decides every byte's shape. Not thread-safe.
/// </remarks>
public sealed class ActiveChatStream : IAsyncDisposable
{
    private readonly IChatStream _inner;
    private readonly RequestLedger _ledger;
    private readonly ITokenEstimator _estimator;
    private readonly string? _secret;
    private readonly ClientStreamWriter _writer;
    private ArrayBufferWriter<byte>? _primed = new(1024);
    private StreamStep _primedStep;
    private string _status = UsageStatus.Cancelled;
    private string? _errorType = "cancelled";
    private int _httpStatus = 499;

    internal ActiveChatStream(IChatStream inner, RequestLedger ledger, ITokenEstimator estimator, string? secret, ClientStreamWriter writer)
    {
        _inner = inner;
        _ledger = ledger;
        _estimator = estimator;
        _secret = secret;
        _writer = writer;
    }

    /// <summary>Gets where the stream comes from.</summary>
    public RouteInfo Route => _ledger.Route;

    /// <summary>Reads until the stream has produced bytes or ended; returns the failure when it failed first.</summary>
    internal async ValueTask<UpstreamError?> PrimeAsync(CancellationToken cancellationToken)
    {
        var primed = _primed!;
        _writer.Output = primed;
        while (true)
        {
            StreamStep step;
            try
            {
                step = await _inner.ReadAsync(_writer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (UnreadableAnswer.Is(e) && !cancellationToken.IsCancellationRequested)
            {
                return UnreadableAnswer.Error(_ledger.Source?.Platform.Name ?? "");
            }

            if (step == StreamStep.Failed)
            {
                return _inner.Error ?? new UpstreamError(UpstreamErrorKind.ServerError, "The upstream stream failed.");
            }

            if (step == StreamStep.Completed || primed.WrittenCount > 0)
            {
                _primedStep = step;
                _ledger.TimeToFirstTokenMs = _ledger.Context.ElapsedMs;
                return null;
            }
        }
    }

    /// <summary>Writes the next events for the client; returns <see cref="StreamStep.Data"/> while more may follow.</summary>
    public async ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _writer.Output = output;
        StreamStep step;
        if (_primed is { } primed)
        {
            var bytes = primed.WrittenSpan;
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
            _primed = null;
            step = _primedStep;
        }
        else
        {
            try
            {
                step = await _inner.ReadAsync(_writer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // An answer that broke its reader is the upstream's failure; any other exception is a bug. Either way the
                // stream ends with one error event and a record, not a torn response.
                var error = UnreadableAnswer.Is(e)
                    ? GatewayErrors.FromUpstream(UnreadableAnswer.Error(_ledger.Source?.Platform.Name ?? ""), _ledger.Source?.Platform.Name ?? "", _secret)
                    : GatewayErrors.Internal(_ledger.Context.RequestId);
                _writer.Fail(error);
                SetOutcome(UsageStatus.Error, error.Code, 200);
                Record();
                return StreamStep.Failed;
            }
        }

        switch (step)
        {
            case StreamStep.Completed:
                SetOutcome(UsageStatus.Success, null, 200);
                _writer.Complete(FinalUsage().Usage, _inner.Identity);
                Record();
                break;
            case StreamStep.Failed:
                var error = GatewayErrors.FromUpstream(_inner.Error ?? new UpstreamError(UpstreamErrorKind.ServerError, "The upstream stream failed."), _ledger.Source?.Platform.Name ?? "", _secret);
                _writer.Fail(error);
                SetOutcome(UsageStatus.Error, error.Code, 200);
                Record();
                break;
        }

        return step;
    }

    /// <summary>Writes the record (once) before the last events are flushed, so a client that saw the stream end is never left without one.</summary>
    private void Record()
    {
        if (!_ledger.IsClosed)
        {
            var (usage, source) = FinalUsage();
            _ledger.Close(usage, source, _status, _errorType, _httpStatus);
        }
    }

    private void SetOutcome(string status, string? errorType, int httpStatus)
    {
        _status = status;
        _errorType = errorType;
        _httpStatus = httpStatus;
    }

    private (TokenUsage Usage, UsageSource Source) FinalUsage()
    {
        if (_inner.UsageSource is UsageSource.Reported or UsageSource.Cached)
        {
            return ReportedUsage.Believe(_inner.Usage, _inner.UsageSource, Estimate);
        }

        return (Estimate(), _status == UsageStatus.Success ? UsageSource.Estimated : UsageSource.Partial);
    }

    private TokenUsage Estimate()
    {
        // The prompt estimate is the request's, computed once whichever step needed it first.
        var output = _estimator.EstimateOutputTokens(_inner.DeliveredTextBytes, _ledger.RequestedModel);
        return new TokenUsage(_ledger.PromptTokens(_estimator), output);
    }

    /// <summary>Marks the client as gone: the record says cancelled whatever the upstream did afterwards.</summary>
    public void MarkClientGone()
    {
        if (_status != UsageStatus.Success)
        {
            SetOutcome(UsageStatus.Cancelled, "cancelled", 499);
        }
    }

    /// <summary>Disposes the upstream stream without recording usage; used when the pipeline fails over.</summary>
    internal ValueTask AbandonAsync() => _inner.DisposeAsync();

    /// <summary>Records the usage (once) and releases the upstream connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Record();
        _writer.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}

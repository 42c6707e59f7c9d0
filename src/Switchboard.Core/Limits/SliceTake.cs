namespace Switchboard.Core.Limits;

/// <summary>What one request took from one slice: the nano-USD and tokens it reserved there.</summary>
/// <param name="Slice">The slice.</param>
/// <param name="Nanos">The nano-USD taken (budget slices).</param>
/// <param name="Tokens">The tokens taken (minute slices with a tokens-per-minute limit).</param>
internal readonly record struct SliceTake(LimitSlice Slice, long Nanos, long Tokens);

namespace Switchboard.Server.Health;

/// <summary>The body of <c>/healthz</c> and of <c>/readyz</c> while starting: <c>{"status":"ok"}</c> or <c>{"status":"starting"}</c>.</summary>
/// <param name="Status">The process's state.</param>
internal sealed record ProbeStatus(string Status);

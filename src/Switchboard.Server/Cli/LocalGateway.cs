using System.Globalization;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Pipeline;
using Switchboard.Hosting;
using Switchboard.Storage;

namespace Switchboard.Server.Cli;

/// <summary>The gateway's own services over the local database, built exactly as <c>serve</c> builds them but never started.</summary>
/// <remarks>
/// Building the same application means a command finds the database, the platforms file and the master key as the
/// gateway does (appsettings.json, the environment, <c>SWITCHBOARD_DATA_DIR</c>, <c>ConnectionStrings__Switchboard</c>,
/// <c>SWITCHBOARD_MASTER_KEY</c>) and runs the engine's services rather than copies of them. Nothing listens and no
/// hosted service runs, so no admin key is generated and no platform seeded. Logs at warning and above go to
/// standard error, one line each, so standard output carries only the command's result.
/// </remarks>
internal sealed class LocalGateway : IAsyncDisposable
{
    /// <summary>The request id of the audit entries of changes made by the CLI, which tells them from changes made through the API.</summary>
    public const string AuditRequestId = "cli";

    private readonly WebApplication _app;

    private LocalGateway(WebApplication app)
    {
        _app = app;
        Options = app.Services.GetRequiredService<IOptions<SwitchboardOptions>>().Value;
        Database = LocalDatabase.Of(Options.EffectiveConnectionString);
    }

    /// <summary>Gets the engine's settings as the gateway resolves them.</summary>
    public SwitchboardOptions Options { get; }

    /// <summary>Gets where the database is and whether it exists yet.</summary>
    public LocalDatabase Database { get; }

    /// <summary>Builds the services; the context learns the connection string's password and the admin key so no message shows them.</summary>
    public static LocalGateway Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (builder, _) = SwitchboardServer.CreateBuilder([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        });

        // No endpoint is mapped: mapping resolves serving-only services (metrics), and with them the database's directory.
        var app = builder.Build();
        var gateway = new LocalGateway(app);
        context.AddConnectionStringPassword(gateway.Options.EffectiveConnectionString);
        context.AddSecret(gateway.Options.AdminKey);
        return gateway;
    }

    /// <summary>Gets one of the engine's services.</summary>
    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Opens the database and brings its schema up to this build's, as the gateway does when it starts.</summary>
    /// <exception cref="CliFailure">There is no database yet (exit 3).</exception>
    public async Task<SwitchboardDatabase> OpenAsync(CancellationToken cancellationToken)
    {
        if (!Database.Exists)
        {
            throw new CliFailure(CliExitCodes.Database,
                $"there is no database yet ({Database.Description}): start the gateway once or run `migrate`, or point SWITCHBOARD_DATA_DIR or ConnectionStrings__Switchboard at the gateway's database.");
        }

        var store = Get<SwitchboardDatabase>();
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    /// <summary>Records a change this command made in the audit log, as the admin REST routes do; the actor is the admin and the request id <c>cli</c>.</summary>
    public Task AuditAsync(string action, string targetType, object target, object? before = null, object? after = null) =>
        Get<AuditLog>().RecordAsync(
            CallerIdentity.SystemAdmin, AuditRequestId, new AuditEvent(action, targetType, Convert.ToString(target, CultureInfo.InvariantCulture) ?? string.Empty, before, after));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

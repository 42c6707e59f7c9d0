using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Server.Admin;
using Switchboard.Server.Http;
using static Switchboard.Server.Admin.VirtualKeyEndpoints;

namespace Switchboard.Server.Cli;

/// <summary><c>keys create|list|revoke</c>: virtual keys on the local database, or through <c>/api/admin/keys</c>.</summary>
/// <remarks>
/// Both ways build the same request and read the same views as the admin route, and locally the route's own checks
/// run (<see cref="VirtualKeyEndpoints.IssueAsync"/>). A new key goes to standard output alone, once; lists show masked keys only.
/// </remarks>
internal static class KeysCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var keys = new Command("keys", "Create, list and revoke virtual keys.");
        keys.Subcommands.Add(CreateCommand(context, target));
        keys.Subcommands.Add(ListCommand(context, target));
        keys.Subcommands.Add(RevokeCommand(context, target));
        return keys;
    }

    private static Command CreateCommand(CliContext context, GatewayTarget target)
    {
        var name = new Option<string?>("--name") { Description = "A label for the key." };
        var user = new Option<string?>("--user") { Description = "The user the key acts as (default: the system user).", HelpName = "user-id" };
        var role = new Option<string?>("--role") { Description = "user (default) or admin.", HelpName = "role" };
        var models = new Option<string[]>("--models")
        {
            Description = "The models the key may use, comma-separated or repeated (default: every model).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "model",
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working, e.g. 2027-01-31T00:00:00Z.", HelpName = "time" };
        var budget = new Option<decimal?>("--budget") { Description = "The most the key may spend per budget period, in USD.", HelpName = "usd" };
        var period = new Option<string?>("--budget-period") { Description = "day, week, month (default) or total.", HelpName = "period" };
        var rpm = new Option<int?>("--rpm") { Description = "The most requests per minute." };
        var tpm = new Option<long?>("--tpm") { Description = "The most tokens per minute." };
        var parallel = new Option<int?>("--max-parallel") { Description = "The most requests in flight at once.", HelpName = "n" };
        var json = JsonOption();
        var command = new Command("create", "Create a virtual key; it is printed once, alone on standard output.")
        {
            name, user, role, models, expires, budget, period, rpm, tpm, parallel, json,
        };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var body = new JsonObject();
            Add(body, "name", parse.GetValue(name));
            Add(body, "user_id", parse.GetValue(user));
            Add(body, "role", parse.GetValue(role));
            Add(body, "expires_at", parse.GetValue(expires));
            Add(body, "budget", parse.GetValue(budget));
            Add(body, "budget_period", parse.GetValue(period));
            Add(body, "rpm", parse.GetValue(rpm));
            Add(body, "tpm", parse.GetValue(tpm));
            Add(body, "max_parallel", parse.GetValue(parallel));
            if (parse.GetValue(models) is { Length: > 0 } list)
            {
                body["allowed_models"] = new JsonArray([.. list.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(m => (JsonNode?)m)]);
            }

            using var remote = target.Open(parse, context);
            var created = remote is null
                ? await CreateLocallyAsync(context, body, cancellationToken)
                : await remote.SendAsync<CreatedVirtualKey>(HttpMethod.Post, "api/admin/keys", JsonContent.Create(body, ServerJsonContext.Default.JsonObject), cancellationToken);
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(created);
                return CliExitCodes.Success;
            }

            context.Error.Write(new Text(
                $"Created virtual key {created.Id} ({created.Masked}) for user {created.UserId} with role {created.Role}. It is shown only this once:\n"));
            await context.RawOut.WriteLineAsync(created.Key);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static async Task<CreatedVirtualKey> CreateLocallyAsync(CliContext context, JsonObject body, CancellationToken cancellationToken)
    {
        var root = JsonSerializer.SerializeToElement(body, ServerJsonContext.Default.JsonObject);
        var (request, bindError) = JsonRequest.Bind<CreateVirtualKeyRequest>(root);
        if (bindError is not null)
        {
            throw new CliFailure(bindError.Message);
        }

        await using var local = LocalGateway.Create(context);
        var store = await local.OpenAsync(cancellationToken);
        var (record, key, error) = await IssueAsync(request!, root, store.Configuration, local.Get<TimeProvider>(), cancellationToken);
        if (error is not null)
        {
            throw new CliFailure(error.Message);
        }

        await local.AuditAsync(AuditActions.VirtualKeyCreate, AuditTargets.VirtualKey, record!.Id, after: VirtualKeyView.From(record));
        return CreatedVirtualKey.From(record, record.Id, key!);
    }

    private static Command ListCommand(CliContext context, GatewayTarget target)
    {
        var json = JsonOption();
        var command = new Command("list", "List virtual keys, masked, revoked ones included.") { json };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            using var remote = target.Open(parse, context);
            KeyList list;
            if (remote is null)
            {
                await using var local = LocalGateway.Create(context);
                var store = await local.OpenAsync(cancellationToken);
                list = new KeyList([.. (await store.Configuration.LoadAsync(cancellationToken)).VirtualKeys.Select(VirtualKeyView.From)]);
            }
            else
            {
                list = await remote.SendAsync<KeyList>(HttpMethod.Get, "api/admin/keys", null, cancellationToken);
            }

            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(list);
                return CliExitCodes.Success;
            }

            context.Out.Write(KeyTable(list.Data, DateTimeOffset.UtcNow));
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeCommand(CliContext context, GatewayTarget target)
    {
        var id = new Argument<long>("id") { Description = "The key's id, as keys list shows it." };
        var command = new Command("revoke", "Revoke a virtual key; requests with it are refused from then on.") { id };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var keyId = parse.GetValue(id);
            using var remote = target.Open(parse, context);
            if (remote is not null)
            {
                await remote.SendAsync(HttpMethod.Delete, $"api/admin/keys/{keyId.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
                context.WriteLine($"Revoked virtual key {keyId}.");
                return CliExitCodes.Success;
            }

            await using var local = LocalGateway.Create(context);
            var store = await local.OpenAsync(cancellationToken);
            var before = (await store.Configuration.LoadAsync(cancellationToken)).VirtualKeys.FirstOrDefault(k => k.Id == keyId);
            var revokedAt = local.Get<TimeProvider>().GetUtcNow();
            if (before is null || !await store.Configuration.RevokeVirtualKeyAsync(keyId, revokedAt, cancellationToken))
            {
                throw new CliFailure($"No virtual key with id {keyId}.");
            }

            await local.AuditAsync(AuditActions.VirtualKeyRevoke, AuditTargets.VirtualKey, keyId,
                VirtualKeyView.From(before), VirtualKeyView.From(before with { RevokedAt = before.RevokedAt ?? revokedAt }));
            context.WriteLine($"Revoked virtual key {keyId} ({before.Masked}).");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the admin API's JSON instead of text." };

    /// <summary>Sets a field the command line gave; an option left out stays out of the request, as in the API.</summary>
    private static void Add(JsonObject body, string name, JsonNode? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    private static Table KeyTable(IReadOnlyList<VirtualKeyView> keys, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "ID", "Key", "Name", "User", "Role", "Status", "Created", "Expires", "Models", "Budget", "Limits" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var key in keys.OrderBy(k => k.Id))
        {
            var status = key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active";
            table.AddRow(
                Cell(key.Id.ToString(CultureInfo.InvariantCulture)),
                Cell(key.Masked),
                Cell(key.Name ?? "-"),
                Cell(key.UserId),
                Cell(key.Role),
                Cell(status),
                Cell(Time(key.CreatedAt)),
                Cell(key.ExpiresAt is { } expires ? Time(expires) : "-"),
                Cell(key.AllowedModels.Count == 0 ? "all" : string.Join(", ", key.AllowedModels)),
                Cell(key.Budget is { } budget ? $"${budget.ToString(CultureInfo.InvariantCulture)}/{key.BudgetPeriod}" : "-"),
                Cell(Limits(key)));
        }

        if (keys.Count == 0)
        {
            table.Caption("No virtual keys yet: create one with `keys create`.");
        }

        return table;
    }

    private static string Limits(VirtualKeyView key)
    {
        var parts = new List<string>();
        if (key.Rpm is { } rpm)
        {
            parts.Add($"{rpm.ToString(CultureInfo.InvariantCulture)} rpm");
        }

        if (key.Tpm is { } tpm)
        {
            parts.Add($"{tpm.ToString(CultureInfo.InvariantCulture)} tpm");
        }

        if (key.MaxParallel is { } parallel)
        {
            parts.Add($"{parallel.ToString(CultureInfo.InvariantCulture)} parallel");
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Makes a cell of plain text: names come from users and must never be read as Spectre markup.</summary>
    private static Text Cell(string text) => new(text);
}

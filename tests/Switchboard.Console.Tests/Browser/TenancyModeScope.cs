using System.Net.Http.Json;

namespace Switchboard.Console.Tests.Browser;

/// <summary>Puts the shared gateway in a tenancy mode for one test and back to single mode after it, so the other page tests keep the mode they expect.</summary>
public sealed class TenancyModeScope : IAsyncDisposable
{
    private readonly GatewayHost _gateway;

    private TenancyModeScope(GatewayHost gateway) => _gateway = gateway;

    public static async Task<TenancyModeScope> SetAsync(GatewayHost gateway, string mode, bool autoKey = false)
    {
        await PutAsync(gateway, new { mode, auto_key = autoKey });
        return new TenancyModeScope(gateway);
    }

    public async ValueTask DisposeAsync() => await PutAsync(_gateway, new { mode = "single", auto_key = false });

    private static async Task PutAsync(GatewayHost gateway, object body)
    {
        using var admin = gateway.CreateClient();
        using var response = await admin.PutAsJsonAsync("api/admin/tenancy", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

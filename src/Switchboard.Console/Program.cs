using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using Switchboard.Console;
using Switchboard.Console.Api;
using Switchboard.Console.Localization;
using Switchboard.Console.Session;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddMudServices();

// The console talks only to the gateway that served it: the REST API lives at the root of the same origin.
var origin = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/");
builder.Services.AddSingleton(new HttpClient { BaseAddress = origin });
builder.Services.AddSingleton<GatewayClient>();
builder.Services.AddSingleton<BrowserStorage>();
builder.Services.AddSingleton<ConsoleSession>();
builder.Services.AddSingleton<UiLanguage>();
builder.Services.AddSingleton<UiPreferences>();
builder.Services.AddSingleton<Switchboard.Console.Shared.FileSaver>();
await builder.Build().RunAsync();

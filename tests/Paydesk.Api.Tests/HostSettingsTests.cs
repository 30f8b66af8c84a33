using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>How the host is built and run: settings that decide its memory and background work.</summary>
public sealed class HostSettingsTests
{
    [Fact]
    public async Task Configuration_files_are_read_once_and_not_watched_for_changes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PaydeskApiFactory(database);

        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var jsonFiles = configuration.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(jsonFiles);
        Assert.All(jsonFiles, provider => Assert.False(provider.Source.ReloadOnChange, provider.Source.Path));
    }

    [Fact]
    public void The_published_service_runs_with_the_workstation_garbage_collector()
    {
        // The API project's own runtimeconfig, copied next to the tests: what `dotnet Paydesk.Api.dll` reads.
        var path = Path.Combine(AppContext.BaseDirectory, "Paydesk.Api.runtimeconfig.json");

        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(path));

        var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty("System.GC.Server", out var serverGc), "System.GC.Server is not set");
        Assert.False(serverGc.GetBoolean());
    }
}

using Paydesk.Infrastructure.Database;
using Paydesk.TestSupport;

namespace Paydesk.Api.Tests;

/// <summary>`config check` run as a process, with a value from every configuration source.</summary>
public sealed class ConfigCheckTests : IDisposable
{
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("paydesk-config-");

    public ConfigCheckTests()
    {
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
        {
            File.Copy(file, Path.Combine(_workingDirectory.FullName, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task Every_value_shows_its_source_and_no_secret_is_printed()
    {
        var secrets = _workingDirectory.CreateSubdirectory("secrets");
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Email__Smtp__Password"), "smtp-password-from-a-mounted-file");
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Email__ProductName"), "Loses to the environment");
        await File.WriteAllTextAsync(
            Path.Combine(_workingDirectory.FullName, ".env"),
            "# local settings\nexport PAYDESK_Email__FromName=\"Dot Env\"\nPAYDESK_Email__MessageIdDomain=loses.example\n");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["PAYDESK_Secrets__Directory"] = secrets.FullName,
            ["PAYDESK_Email__ProductName"] = "From Environment",
            ["PAYDESK_Email__MessageIdDomain"] = "env.example",
            ["ConnectionStrings__Paydesk"] = "Data Source=paydesk.db;Password=connection-string-password",
            ["UNRELATED_Database__Provider"] = "Postgres",
        };

        var result = await ServiceProcess.RunAsync(environment, _workingDirectory.FullName, "config", "check", "--Database:MaxPoolSize=42");

        Assert.True(result.ExitCode == 0, result.Output);
        AssertLine(result.Output, "Database:MigrateOnStartup = True", "appsettings.Development.json");
        AssertLine(result.Output, "Database:CommandTimeoutSeconds = 30", "appsettings.json");
        AssertLine(result.Output, "Email:FromName = Dot Env", ".env file");
        AssertLine(result.Output, "Email:Smtp:Password = ****file", "secrets directory");
        AssertLine(result.Output, "Email:ProductName = From Environment", "environment variables");
        AssertLine(result.Output, "Email:MessageIdDomain = env.example", "environment variables");
        AssertLine(result.Output, "Database:MaxPoolSize = 42", "command line");
        AssertLine(result.Output, "ConnectionStrings:Paydesk = Data Source=paydesk.db;Password=****", "environment variables");
        AssertLine(result.Output, "Database:Provider = Sqlite", "appsettings.Development.json");
        Assert.DoesNotContain("smtp-password-from", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("connection-string-password", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_exits_1_naming_the_key()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Paydesk"] = database.ConnectionString,
            ["PAYDESK_Database__MaxPoolSize"] = "100000",
        };

        var result = await ServiceProcess.RunAsync(environment, _workingDirectory.FullName, "config", "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:MaxPoolSize", result.Output, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Redis_configuration_is_shown_without_its_password()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["PAYDESK_Redis__Configuration"] = "127.0.0.1:6390,password=redis-secret-password,ssl=false",
        };

        var result = await ServiceProcess.RunAsync(environment, _workingDirectory.FullName, "config", "check");

        Assert.True(result.ExitCode == 0, result.Output);
        AssertLine(result.Output, "Redis:Configuration = 127.0.0.1:6390,password=****,ssl=false", "environment variables");
        Assert.DoesNotContain("redis-secret-password", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6390,password=redis-secret-password,no_such_option=1")]
    [InlineData("password=redis-secret-password")]
    public async Task An_unusable_Redis_configuration_exits_1_naming_the_key_without_the_password(string configuration)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["PAYDESK_Redis__Configuration"] = configuration,
        };

        var result = await ServiceProcess.RunAsync(environment, _workingDirectory.FullName, "config", "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Redis:Configuration:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("redis-secret-password", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _workingDirectory.Delete(recursive: true);

    private static void AssertLine(string output, string setting, string source)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Trim().StartsWith(setting, StringComparison.Ordinal));
        Assert.True(line is not null, $"No line '{setting}' in:\n{output}");
        Assert.Contains(source, line, StringComparison.Ordinal);
    }
}

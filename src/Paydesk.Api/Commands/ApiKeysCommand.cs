using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Paydesk.Api.Auth;
using Paydesk.Infrastructure.Config.Sources;

namespace Paydesk.Api.Commands;

/// <summary>
/// <c>api-keys create --name NAME --scopes a,b [--test] [--index N]</c>: makes a new key, prints it
/// once and the configuration to add (only its hash is ever configured).
/// <c>api-keys hash [KEY]</c>: prints the hash of a key given as the argument or on standard input.
/// Neither needs a database or a valid configuration: they run before a service is set up.
/// </summary>
internal sealed class ApiKeysCommand : ICliCommand
{
    /// <summary>32 random bytes: 256 bits, far beyond guessing, as base64url (43 characters).</summary>
    public const int RandomBytes = 32;

    private const string Usage =
        "Usage:\n" +
        "  api-keys create --name NAME --scopes SCOPE[,SCOPE...] [--test] [--index N]\n" +
        "  api-keys hash [KEY]          (reads the key from standard input when not given)";

    public string Name => "api-keys";

    public bool NeedsValidConfiguration => false;

    public static string NewKey(bool test) =>
        (test ? "sk_test_" : "sk_live_") + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        arguments.Count > 0 && arguments[0] == "create" ? Task.FromResult(Create(arguments.Skip(1).ToList()))
        : arguments.Count > 0 && arguments[0] == "hash" ? HashAsync(arguments.Skip(1).ToList(), cancellationToken)
        : Task.FromResult(Fail("Say 'create' or 'hash'."));

    private static int Create(List<string> arguments)
    {
        string? name = null;
        string? scopes = null;
        var test = false;
        var index = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--name" when i + 1 < arguments.Count:
                    name = arguments[++i];
                    break;
                case "--scopes" when i + 1 < arguments.Count:
                    scopes = arguments[++i];
                    break;
                case "--index" when i + 1 < arguments.Count && int.TryParse(arguments[i + 1], out index) && index >= 0:
                    i++;
                    break;
                case "--test":
                    test = true;
                    break;
                default:
                    return Fail($"Unexpected argument '{arguments[i]}'.");
            }
        }

        // The same rules as start-up, so a printed configuration always starts.
        var options = new ApiKeyOptions
        {
            Name = name ?? string.Empty,
            Hash = new string('0', 64),
            Scopes = [.. (scopes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            return Fail(string.Join("\n", problems.Select(p => $"--{string.Join(",", p.MemberNames).ToLowerInvariant()}: {p.ErrorMessage}")));
        }

        var key = NewKey(test);
        options.Hash = Hash(key);
        Console.WriteLine("New API key (shown only now; give it to its holder through a secret store):");
        Console.WriteLine();
        Console.WriteLine($"  {key}");
        Console.WriteLine();
        Console.WriteLine($"Add it to the configuration as key number {index} (use the next free number; keep the other keys while callers rotate).");
        Console.WriteLine("As environment variables:");
        var prefix = $"{AuthOptions.SectionName}:{nameof(AuthOptions.ApiKeys)}:{index}";
        Console.WriteLine();
        Console.WriteLine($"  {Variable($"{prefix}:{nameof(options.Name)}")}={options.Name}");
        Console.WriteLine($"  {Variable($"{prefix}:{nameof(options.Hash)}")}={options.Hash}");
        for (var i = 0; i < options.Scopes.Count; i++)
        {
            Console.WriteLine($"  {Variable($"{prefix}:{nameof(options.Scopes)}:{i}")}={options.Scopes[i]}");
        }

        Console.WriteLine();
        Console.WriteLine("As JSON (an entry of Auth:ApiKeys):");
        Console.WriteLine();
        Console.WriteLine(JsonSerializer.Serialize(new { options.Name, options.Hash, options.Scopes }, JsonOptions));
        return 0;
    }

    private static async Task<int> HashAsync(List<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count > 1)
        {
            return Fail("Give at most one key.");
        }

        // Read from standard input by default in scripts, so the key stays out of the shell history.
        var key = arguments.Count == 1 ? arguments[0] : (await Console.In.ReadToEndAsync(cancellationToken)).Trim();
        if (key.Length == 0)
        {
            return Fail("No key was given.");
        }

        Console.WriteLine(Hash(key));
        return 0;
    }

    private static string Variable(string key) => PaydeskEnvironmentVariablesSource.VariableFor(key);

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}

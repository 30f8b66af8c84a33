using System.Globalization;
using Paydesk.Application.Common;
using Paydesk.Application.Operators;
using Paydesk.Domain.Common;
using Paydesk.Domain.Operators;

namespace Paydesk.Api.Commands;

/// <summary>
/// <c>operators create --name N --role viewer|admin</c>: a dashboard operator. With standard input
/// redirected, its first line is the password; otherwise a one-time password is printed, once, and
/// must be replaced at first sign-in. <c>operators disable --name N</c> (or <c>disable N</c>): no
/// more sign-ins, and existing ones end. <c>operators list</c>: every operator.
/// </summary>
internal sealed class OperatorsCommand : ICliCommand
{
    private const string Usage =
        "Usage:\n" +
        "  operators create --name NAME --role viewer|admin   (reads the password from standard input when redirected)\n" +
        "  operators disable --name NAME | operators disable NAME\n" +
        "  operators list";

    public string Name => "operators";

    public async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            switch (arguments)
            {
                case ["create", ..]:
                    return await CreateAsync(services.GetRequiredService<CreateOperatorHandler>(), [.. arguments.Skip(1)], cancellationToken);
                case ["disable", "--name", var named]:
                    return await DisableAsync(services.GetRequiredService<DisableOperatorHandler>(), named, cancellationToken);
                case ["disable", var positional] when !positional.StartsWith('-'):
                    return await DisableAsync(services.GetRequiredService<DisableOperatorHandler>(), positional, cancellationToken);
                case ["list"]:
                    return await ListAsync(services.GetRequiredService<OperatorQueries>(), cancellationToken);
                default:
                    return await FailAsync(Usage, 2);
            }
        }
        catch (InvalidValueException ex)
        {
            return await FailAsync(ex.Message, 2);
        }
        catch (ApplicationErrorException ex)
        {
            return await FailAsync(ex.Message, 1);
        }
    }

    private static async Task<int> CreateAsync(CreateOperatorHandler create, IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        string? name = null;
        string? roleName = null;
        for (var i = 0; i < options.Count; i++)
        {
            switch (options[i])
            {
                case "--name" when i + 1 < options.Count:
                    name = options[++i];
                    break;
                case "--role" when i + 1 < options.Count:
                    roleName = options[++i];
                    break;
                default:
                    return await FailAsync($"Unexpected argument '{options[i]}'.\n{Usage}", 2);
            }
        }

        if (name is null || roleName is null)
        {
            return await FailAsync($"Give both --name and --role.\n{Usage}", 2);
        }

        if (!OperatorRoles.TryParse(roleName, out var role))
        {
            return await FailAsync($"--role must be '{OperatorRoles.Viewer}' or '{OperatorRoles.Admin}'.", 2);
        }

        // A password piped in (a secret store, a script) is the operator's own; an empty one means none was given.
        var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
        var created = await create.HandleAsync(new CreateOperatorCommand(name, role, string.IsNullOrEmpty(password) ? null : password), cancellationToken);
        Console.WriteLine($"Created operator '{created.Name}' ({created.Role.ToName()}).");
        if (created.OneTimePassword is not null)
        {
            Console.WriteLine("One-time password (shown once; a new one must be chosen at first sign-in):");
            Console.WriteLine(created.OneTimePassword);
        }

        return 0;
    }

    private static async Task<int> DisableAsync(DisableOperatorHandler disable, string name, CancellationToken cancellationToken)
    {
        await disable.HandleAsync(name, cancellationToken);
        Console.WriteLine($"Disabled operator '{name}'; their sign-ins have ended.");
        return 0;
    }

    private static async Task<int> ListAsync(OperatorQueries queries, CancellationToken cancellationToken)
    {
        var all = await queries.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            Console.WriteLine("No operators.");
            return 0;
        }

        Console.WriteLine("name\trole\tstatus\tcreated");
        foreach (var o in all)
        {
            var status = o.Disabled ? "disabled" : o.MustChangePassword ? "must-change-password" : "active";
            Console.WriteLine($"{o.Name}\t{o.Role.ToName()}\t{status}\t{o.CreatedAt.ToString("O", CultureInfo.InvariantCulture)}");
        }

        return 0;
    }

    private static async Task<int> FailAsync(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync(message);
        return exitCode;
    }
}

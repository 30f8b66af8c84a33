using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Paydesk.Infrastructure.Config;

/// <summary>
/// Data-annotation validation that reports each problem with the full configuration key
/// (<c>Database:MaxPoolSize: ...</c>), walking into nested objects and lists, so an operator knows
/// exactly which setting to fix.
/// </summary>
internal sealed class SectionValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, sectionName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Nested sections are our own option classes; framework types are not walked into.
    private static bool IsOptionsObject(object? value) =>
        value is not null and not string && value.GetType().IsClass
        && value.GetType().Namespace?.StartsWith("Paydesk.", StringComparison.Ordinal) == true;

    private static void Collect(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                var key = member.Length == 0 ? path : $"{path}:{member}";
                failures.Add($"{key}: {result.ErrorMessage}");
            }
        }

        foreach (var property in instance.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string))
            {
                continue;
            }

            var value = property.GetValue(instance);
            if (value is System.Collections.IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (IsOptionsObject(item))
                    {
                        Collect(item!, $"{path}:{property.Name}:{index}", failures);
                    }

                    index++;
                }
            }
            else if (IsOptionsObject(value))
            {
                Collect(value!, $"{path}:{property.Name}", failures);
            }
        }
    }
}

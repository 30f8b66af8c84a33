using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Application.Payments;
using Paydesk.Dashboard.Payments;
using Paydesk.Domain.Payments;

namespace Paydesk.Dashboard.Pages.Dashboard.Payments;

/// <summary>
/// The payments of GET /v1/payments, newest first, filtered by a GET form so that the address is
/// shareable. Paging goes forward only (a keyset cursor names where the next page starts); "First
/// page" goes back to the newest.
/// </summary>
public sealed class PaymentListModel(SearchPaymentsHandler search) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "currency")]
    public string? Currency { get; set; }

    [BindProperty(SupportsGet = true, Name = "userId")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "createdFrom")]
    public string? CreatedFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "createdTo")]
    public string? CreatedTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "metadataKey")]
    public string? MetadataKey { get; set; }

    [BindProperty(SupportsGet = true, Name = "metadataValue")]
    public string? MetadataValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public static IReadOnlyList<string> Statuses { get; } = [.. Enum.GetValues<PaymentStatus>().Select(s => s.ToName())];

    public static IReadOnlyList<string> Currencies { get; } = [.. Domain.Amounts.Currency.KnownCodes.Order(StringComparer.Ordinal)];

    public IReadOnlyList<PaymentResponse> Payments { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>What is wrong with the filters, by the form's field name; empty when the search ran.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public const string Path = "/dashboard/payments";

    /// <summary>This search's page starting at <paramref name="cursor"/>; the first page when null.</summary>
    public string PageUrl(string? cursor)
    {
        var query = Filters.QueryParameters();
        if (cursor is not null)
        {
            query.Add(new("cursor", cursor));
        }

        return Path + QueryString.Create(query);
    }

    /// <summary>The CSV of every payment this search matches.</summary>
    public string CsvUrl() => Path + QueryString.Create([new("handler", "csv"), .. Filters.QueryParameters()]);

    internal PaymentListFilters Filters => new(Status, Currency, UserId, CreatedFrom, CreatedTo, MetadataKey, MetadataValue);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        var criteria = Filters.ToSearch(Cursor, PageSize, failures);
        try
        {
            // Searched even when the form's own fields are wrong, so every bad filter is marked at once.
            var page = await search.HandleAsync(criteria, cancellationToken);
            if (failures.Count == 0)
            {
                Payments = page.Data;
                NextCursor = page.NextCursor;
            }
        }
        catch (ValidationException e)
        {
            failures.AddRange(e.Errors);
        }

        foreach (var failure in failures)
        {
            Errors.TryAdd(FieldOf(failure.PropertyName), failure.ErrorMessage);
        }

        // Bad filters are the operator's to fix: the form comes back with them marked, as a 400.
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>Every payment the filters match (all pages), as the CSV of GET /v1/exports/payments, streamed.</summary>
    public IActionResult OnGetCsv()
    {
        var failures = new List<ValidationFailure>();
        var criteria = Filters.ToSearch(cursor: null, PageSize, failures);
        return failures.Count > 0
            ? BadRequest(string.Join(" ", failures.Select(f => f.ErrorMessage)))
            : new PaymentsCsvResult(criteria with { Limit = null });
    }

    // The search names a metadata filter metadata[key]; the form has its key and value fields.
    private static string FieldOf(string propertyName) =>
        propertyName.StartsWith("metadata[", StringComparison.Ordinal) || propertyName == "metadata" ? "metadataKey" : propertyName;
}

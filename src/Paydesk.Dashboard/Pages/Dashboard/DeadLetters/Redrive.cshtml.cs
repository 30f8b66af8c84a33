using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Paydesk.Dashboard.Security;
using Paydesk.Domain.Common;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Dashboard.Pages.Dashboard.DeadLetters;

/// <summary>
/// The confirmation step of a redrive, and the redrive itself: admins only, on the GET that asks and
/// on the POST that does it, so a viewer's forged POST is refused before anything runs.
/// </summary>
[Authorize(Policy = DashboardPolicies.Admin)]
public sealed partial class RedriveModel(OutboxStore outbox, TimeProvider clock, ILogger<RedriveModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public OutboxMessage? Letter { get; private set; }

    public long Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (All == (Id is not null))
        {
            return BadRequest();
        }

        Total = await outbox.CountDeadAsync(cancellationToken);
        if (Id is { } id)
        {
            Letter = await outbox.FindDeadAsync(id, cancellationToken);
            if (Letter is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (All == (Id is not null))
        {
            return BadRequest();
        }

        var count = await outbox.RedriveAsync(All ? null : Id, Timestamps.Normalize(clock.GetUtcNow()), cancellationToken);
        LogRedriven(User.OperatorName(), All ? "all" : Id.ToString()!, count);
        return LocalRedirect($"/dashboard/dead-letters?redriven={count}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator {Operator} redrove dead letters ({Which}): {Count}.")]
    private partial void LogRedriven(string @operator, string which, int count);
}

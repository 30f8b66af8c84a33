using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paydesk.Infrastructure.External.Messaging.Outbox;

namespace Paydesk.Dashboard.Pages.Dashboard.DeadLetters;

/// <summary>The outbox's dead letters, oldest first, from the same store as <c>outbox list-dead</c>.</summary>
public sealed class IndexModel(OutboxStore outbox) : PageModel
{
    public const int Limit = 100;

    public IReadOnlyList<OutboxMessage> Dead { get; private set; } = [];

    public long Total { get; private set; }

    /// <summary>How many the redrive just sent round again (after its redirect here); null otherwise.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Redriven { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dead = await outbox.ListDeadAsync(Limit, cancellationToken);
        Total = await outbox.CountDeadAsync(cancellationToken);
    }
}

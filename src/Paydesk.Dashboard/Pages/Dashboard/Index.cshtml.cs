using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paydesk.Dashboard.Pages.Dashboard;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

namespace Paydesk.Infrastructure.External.Email;

/// <summary>Emails in logs keep the domain and the first character only: a***@example.com.</summary>
internal static class AddressMasking
{
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}

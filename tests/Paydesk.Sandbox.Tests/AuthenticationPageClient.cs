namespace Paydesk.Sandbox.Tests;

/// <summary>Presses a button of the sandbox's 3-D Secure page as its form would, without a browser.</summary>
internal static class AuthenticationPageClient
{
    public static async Task<HttpResponseMessage> PressAsync(Uri pageUrl, string outcome)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var token = System.Web.HttpUtility.ParseQueryString(pageUrl.Query)["token"]!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["outcome"] = outcome });
        return await http.PostAsync(new Uri(pageUrl.GetLeftPart(UriPartial.Path)), form);
    }
}

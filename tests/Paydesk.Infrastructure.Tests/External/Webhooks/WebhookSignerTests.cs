using System.Security.Cryptography;
using System.Text;
using Paydesk.Infrastructure.External.Webhooks;

namespace Paydesk.Infrastructure.Tests.External.Webhooks;

public sealed class WebhookSignerTests
{
    // The Standard Webhooks specification's own example.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";

    [Fact]
    public void The_signature_is_the_specifications_example()
    {
        var signature = WebhookSigner.Sign([Secret], MessageId, Timestamp, Body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Two_secrets_give_two_space_separated_signatures_each_verifiable_on_its_own()
    {
        var other = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var header = WebhookSigner.Sign([other, Secret], MessageId, Timestamp, Body);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(Expected(other), parts[0]);
        Assert.Equal(Expected(Secret), parts[1]);
    }

    // Written from the specification, independently of the signer.
    private static string Expected(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{MessageId}.{Timestamp}.{Body}")));
    }
}

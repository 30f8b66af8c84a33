using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Paydesk.TestSupport;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer library) that keeps what it receives. It can
/// require STARTTLS and AUTH, refuse messages with a chosen reply, and be stopped and started
/// again on the same port to play an outage.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly X509Certificate2? _certificate;
    private readonly (string User, string Password)? _credentials;
    private SmtpServer.SmtpServer? _server;
    private int _refused;
    private Task? _running;
    private readonly ConcurrentDictionary<ISessionContext, byte> _deliverySessions = new();

    private SmtpTestServer(X509Certificate2? certificate, (string, string)? credentials)
    {
        _certificate = certificate;
        _credentials = credentials;
        Port = FreePort();
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _messages;

    /// <summary>How many SMTP sessions delivered at least one message.</summary>
    public int Sessions => _deliverySessions.Count;

    /// <summary>How many messages the server refused with <see cref="Refusal"/>.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>What the server answers to the next messages; null accepts them.</summary>
    public SmtpResponse? Refusal { get; set; }

    /// <summary>SHA-256 hex thumbprint of the server's certificate, for pinning.</summary>
    public string? CertificateThumbprint => _certificate is null ? null : Convert.ToHexString(SHA256.HashData(_certificate.RawData));

    public static async Task<SmtpTestServer> StartAsync(bool tls = false, (string User, string Password)? credentials = null)
    {
        var server = new SmtpTestServer(tls ? CreateCertificate() : null, credentials);
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                    .AllowUnsecureAuthentication(_certificate is null)
                    .AuthenticationRequired(_credentials is not null);
                if (_certificate is not null)
                {
                    endpoint.Certificate(_certificate);
                }
            })
            .Build();

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (_credentials is { } credentials)
        {
            services.Add(new Authenticator(credentials.User, credentials.Password));
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        return WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _server.ShutdownTask;
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_running is not null)
        {
            await _running;
        }

        _certificate?.Dispose();
    }

    private Task WaitUntilListeningAsync() => Eventually.True(
        async () =>
        {
            if (_running is { IsFaulted: true } failed)
            {
                // A server that could not start fails the test with its own error, not with a timeout.
                await failed;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        },
        $"the SMTP server to listen on port {Port}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Re-imported so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Refusal is { } refusal)
            {
                Interlocked.Increment(ref owner._refused);
                return refusal;
            }

            owner._deliverySessions.TryAdd(context, 0);
            await using var stream = new MemoryStream(buffer.ToArray());
            owner._messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(string user, string password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user1 == user && password1 == password);
    }
}

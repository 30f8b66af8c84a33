using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace Paydesk.Api.Auth;

/// <summary>
/// Binds a page cursor to the API key that was given it: the cursor the caller sees is the
/// position followed by an HMAC of it, keyed with that API key's configured hash. Another key's
/// cursor (or an edited one) fails the check and is a 400, so cursors are useless across keys.
/// Rotating a key (a new hash) ends its old cursors, which only restarts paging.
/// </summary>
internal sealed class CursorBinding(IOptionsMonitor<AuthOptions> authOptions)
{
    private const char Separator = '.';
    private const int TagBytes = 16;

    public string? Bind(string? cursor, ClaimsPrincipal caller) =>
        cursor is null ? null : $"{cursor}{Separator}{Base64Url.EncodeToString(Tag(cursor, caller))}";

    /// <summary>The position inside a cursor this caller was given; a 400 for anything else.</summary>
    public string? Unbind(string? cursor, ClaimsPrincipal caller)
    {
        if (cursor is null)
        {
            return null;
        }

        var split = cursor.LastIndexOf(Separator);
        if (split > 0 && cursor.Length <= 256)
        {
            // Compared as text, not as decoded bytes: base64 has spare bits in its last character,
            // so only the one canonical spelling of the tag is accepted.
            var inner = cursor[..split];
            var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Tag(inner, caller)));
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(cursor[(split + 1)..])))
            {
                return inner;
            }
        }

        throw new ValidationException([new ValidationFailure("cursor", "The cursor is not valid; pass the nextCursor of a previous page unchanged, with the same API key.")]);
    }

    private byte[] Tag(string cursor, ClaimsPrincipal caller)
    {
        var name = caller.Identity?.Name ?? throw new InvalidOperationException("The caller is not authenticated.");
        var key = authOptions.CurrentValue.ApiKeys.First(k => k.Name == name);
        var mac = HMACSHA256.HashData(Convert.FromHexString(key.Hash), Encoding.UTF8.GetBytes($"paydesk-cursor\n{name}\n{cursor}"));
        return mac[..TagBytes];
    }
}

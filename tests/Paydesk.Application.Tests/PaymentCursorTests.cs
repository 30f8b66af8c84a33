using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Paydesk.Application.Payments;
using Paydesk.Domain.Common;
using Paydesk.Domain.Payments;

namespace Paydesk.Application.Tests;

public sealed class PaymentCursorTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .:%\u00e9";

    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static PaymentPagePosition SomePosition() =>
        new(Timestamps.Normalize(new DateTimeOffset(2026, 3, 1, 12, 34, 56, TimeSpan.Zero).AddTicks(1_234_560)), PaymentId.New());

    private static string Raw(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static TheoryData<DateTimeOffset> RoundTripTimes => new()
    {
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(10),
        new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
        Timestamps.Normalize(DateTimeOffset.MaxValue),
    };

    [Theory]
    [MemberData(nameof(RoundTripTimes))]
    public void Encoded_position_decodes_to_the_same_position(DateTimeOffset createdAt)
    {
        var position = new PaymentPagePosition(createdAt, PaymentId.New());

        var cursor = PaymentCursor.Encode(position);
        var decoded = PaymentCursor.TryDecode(cursor, out var result);

        Assert.True(decoded);
        Assert.Equal(position, result);
        Assert.Equal(TimeSpan.Zero, result.CreatedAt.Offset);
    }

    [Fact]
    public void Cursor_is_url_safe_without_padding()
    {
        var cursor = PaymentCursor.Encode(SomePosition());

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.True(cursor.Length <= 128, $"The cursor has {cursor.Length} characters.");
    }

    [Fact]
    public void Same_position_always_encodes_to_the_same_cursor()
    {
        var position = SomePosition();

        Assert.Equal(PaymentCursor.Encode(position), PaymentCursor.Encode(position with { }));
    }

    [Fact]
    public void Different_positions_encode_to_different_cursors()
    {
        var position = SomePosition();
        var later = position with { CreatedAt = position.CreatedAt.AddTicks(10) };
        var otherId = position with { Id = PaymentId.New() };

        Assert.NotEqual(PaymentCursor.Encode(position), PaymentCursor.Encode(later));
        Assert.NotEqual(PaymentCursor.Encode(position), PaymentCursor.Encode(otherId));
    }

    [Fact]
    public void Largest_representable_time_is_accepted()
    {
        var cursor = Raw(string.Create(CultureInfo.InvariantCulture, $"v1:{MaxMicros}:{Guid.NewGuid():N}"));

        Assert.True(PaymentCursor.TryDecode(cursor, out var position));
        Assert.True(position.CreatedAt <= DateTimeOffset.MaxValue);
    }

    public static TheoryData<string> MalformedCursors => new()
    {
        "",
        "=",
        "a",
        "abc",
        "!!!!",
        "v1:0:00000000000000000000000000000000",
        "djE6MTIzOjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw=",
        "dj+/MTIz",
        new string('A', 129),
        Raw(""),
        Raw("v1"),
        Raw("v1:"),
        Raw("v1::"),
        Raw($"v2:0:{Guid.Empty:N}"),
        Raw($"V1:0:{Guid.Empty:N}"),
        Raw($"v1:0:{Guid.Empty:D}"),
        Raw($"v1:0:{Guid.Empty:N}:extra"),
        Raw($"v1:-1:{Guid.Empty:N}"),
        Raw($"v1:+1:{Guid.Empty:N}"),
        Raw($"v1: 1:{Guid.Empty:N}"),
        Raw($"v1:1.5:{Guid.Empty:N}"),
        Raw($"v1:1e3:{Guid.Empty:N}"),
        Raw($"v1:0x10:{Guid.Empty:N}"),
        Raw($"v1:abc:{Guid.Empty:N}"),
        Raw($"v1::{Guid.Empty:N}"),
        Raw($"v1:{MaxMicros + 1}:{Guid.Empty:N}"),
        Raw($"v1:{long.MaxValue}:{Guid.Empty:N}"),
        Raw($"v1:99999999999999999999999999:{Guid.Empty:N}"),
        Raw("v1:0:not-a-guid"),
        Raw("v1:0:"),
        Raw("v1:0:0000000000000000000000000000000g"),
        Raw("v1:0:000000000000000000000000000000000"),
        Raw("v1:١٢٣:00000000000000000000000000000000"),
    };

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public void Malformed_cursor_is_rejected(string cursor)
    {
        var decoded = PaymentCursor.TryDecode(cursor, out var position);

        Assert.False(decoded);
        Assert.Equal(default, position);
    }

    [Fact]
    public void Cursor_cut_short_is_rejected()
    {
        var cursor = PaymentCursor.Encode(SomePosition());

        for (var length = 0; length < cursor.Length; length++)
        {
            var truncated = cursor[..length];
            Assert.False(PaymentCursor.TryDecode(truncated, out _), $"'{truncated}' was accepted.");
        }
    }

    [Fact]
    public void Cursor_with_a_different_version_is_rejected()
    {
        var position = SomePosition();
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(PaymentCursor.Encode(position)));

        var tampered = Raw(string.Concat("v0", text.AsSpan(2)));

        Assert.StartsWith("v1:", text, StringComparison.Ordinal);
        Assert.False(PaymentCursor.TryDecode(tampered, out _));
    }

    [Fact]
    public void Tampered_cursor_never_throws_and_never_decodes_to_an_invalid_position()
    {
        var cursor = PaymentCursor.Encode(SomePosition());
        var random = new Random(20260301);

        for (var i = 0; i < 500; i++)
        {
            var chars = cursor.ToCharArray();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertDecodesSafely(new string(chars));
        }
    }

    [Fact]
    public void Random_strings_never_throw()
    {
        var random = new Random(4217);

        for (var i = 0; i < 500; i++)
        {
            var length = random.Next(0, 140);
            var chars = new char[length];
            for (var c = 0; c < length; c++)
            {
                chars[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertDecodesSafely(new string(chars));
        }
    }

    [Fact]
    public void Base64url_of_random_bytes_never_throws()
    {
        var random = new Random(99);

        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 96)];
            random.NextBytes(bytes);

            AssertDecodesSafely(Base64Url.EncodeToString(bytes));
        }
    }

    [Fact]
    public void Well_formed_text_with_random_numbers_never_throws()
    {
        var random = new Random(7);

        for (var i = 0; i < 300; i++)
        {
            var micros = random.NextInt64(long.MinValue, long.MaxValue);
            var cursor = Raw(string.Create(CultureInfo.InvariantCulture, $"v1:{micros}:{Guid.NewGuid():N}"));

            var decoded = AssertDecodesSafely(cursor);

            Assert.Equal(micros >= 0 && micros <= MaxMicros, decoded);
        }
    }

    // Decoding may fail, but must not throw, and whatever it accepts must round-trip.
    private static bool AssertDecodesSafely(string cursor)
    {
        var exception = Record.Exception(() => PaymentCursor.TryDecode(cursor, out _));
        Assert.Null(exception);

        if (!PaymentCursor.TryDecode(cursor, out var position))
        {
            return false;
        }

        Assert.True(PaymentCursor.TryDecode(PaymentCursor.Encode(position), out var again), $"'{cursor}' decoded to a position that does not re-encode.");
        Assert.Equal(position, again);
        return true;
    }
}

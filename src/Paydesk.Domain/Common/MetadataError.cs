namespace Paydesk.Domain.Common;

/// <summary>One rule a caller's metadata breaks: about one <paramref name="Key"/>, or about the whole map when null.</summary>
public sealed record MetadataError(string? Key, string Message);

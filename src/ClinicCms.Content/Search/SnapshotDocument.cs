namespace ClinicCms.Content.Search;

/// <summary>A search document as a <see cref="SearchSnapshot"/> keeps it: its row's columns but the texts.</summary>
internal sealed record SnapshotDocument(long Id, string ContentItemId, string ContentItemVersionId, string ContentType, string? Culture,
    string Language, bool Published, bool Latest, string? Owner);

using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Import;

/// <summary>Counts of an import, and its errors keyed by the index of the item in the imported list.</summary>
public sealed class ContentImportResult
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<(int Index, ContentError Error)> Errors { get; } = [];
    public bool Succeeded => Errors.Count == 0;
}

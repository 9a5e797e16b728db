using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Web.Admin;

/// <summary>Everything the edit form shows: the item as the editor has it, the editors, errors by field, a conflict, what the editor may do.</summary>
public sealed class EditorView
{
    public required ContentItem Item { get; init; }
    public required ContentTypeDefinition Type { get; init; }
    public required List<FieldEditor> Editors { get; init; }
    public bool IsNew { get; init; }
    public Dictionary<string, List<string>> Errors { get; init; } = [];
    public ConflictView? Conflict { get; init; }
    public bool CanPublish { get; init; }
    public bool CanDelete { get; init; }
    public bool CanClone { get; init; }
    public bool HasPublished { get; init; }

    /// <summary>The version and stamp the editor started from, posted back to detect a concurrent save.</summary>
    public required string BaseVersionId { get; init; }
    public required string BaseStamp { get; init; }

    public IEnumerable<string> ErrorsFor(string key) => Errors.GetValueOrDefault(key) ?? [];

    /// <summary>Errors that belong to no field on the form.</summary>
    public IEnumerable<string> OtherErrors => Errors.Where(e => !Editors.Exists(f => f.Key == e.Key)).SelectMany(e => e.Value);
}

/// <summary>Someone else saved the item after this editor opened it: who, when, and what they changed.</summary>
public sealed record ConflictView(string? Author, DateTime? ModifiedUtc, List<VersionDiff.Row> Changes);

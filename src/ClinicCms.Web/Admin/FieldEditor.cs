using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Fields;

namespace ClinicCms.Web.Admin;

/// <summary>What the edit form shows for one part or field: which editor, its name in the form, its value(s), its choices.</summary>
public sealed class FieldEditor
{
    /// <summary>The editor partial, <c>Admin/Shared/Fields/_{Kind}.cshtml</c>: Path, Text, TextArea, Choice, Html, Markdown, Number, Boolean, Date, DateTime, Time, Link, Picker, Media, MultiText, or one a field kind brings.</summary>
    public required string Kind { get; init; }

    /// <summary>The input's name, also the path validation errors carry (TitlePart.Title, FAQ.Order).</summary>
    public required string Key { get; init; }

    public required string Label { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public string? Value { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<(string Value, string Label)> Options { get; init; } = [];
    public bool Multiple { get; init; }
    public bool Radio { get; init; }

    /// <summary>LinkField's text and target.</summary>
    public string? Text { get; init; }
    public string? Target { get; init; }

    /// <summary>The path an empty AutoroutePart.Path would get, or the picker's allowed types.</summary>
    public string? Extra { get; init; }

    public string Id => "f-" + Key.Replace('.', '-');

    /// <summary>Writes the posted values back onto the item being edited.</summary>
    public required Action<ContentItem, PostedValues> Write { get; init; }
}

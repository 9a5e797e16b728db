using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Fields;

namespace ClinicCms.Web.Admin;

/// <summary>
/// One editor of the edit form: what its field kind (or part) shows, <see cref="FieldEditorState"/>, placed in the
/// form with a key, a label, a hint and a required mark, and how its posted values are written back.
/// </summary>
public sealed class FieldEditor
{
    /// <summary>The partial and the values it renders, as the field kind (or the part) describes them.</summary>
    public required FieldEditorState State { get; init; }

    /// <summary>The editor partial, <c>Admin/Shared/Fields/_{Kind}.cshtml</c>.</summary>
    public string Kind => State.Partial;

    /// <summary>The input's name, also the path validation errors carry (TitlePart.Title, FAQ.Order).</summary>
    public required string Key { get; init; }

    public required string Label { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }

    // The state's values under the names the partials use.
    public string? Value => State.Value;
    public IReadOnlyList<string> Values => State.Values;
    public IReadOnlyList<string> Texts => State.Texts;
    public IReadOnlyList<(string Value, string Label)> Options => State.Options;
    public bool Multiple => State.Multiple;
    public bool Radio => State.Radio;
    public string? Text => State.Text;
    public string? Target => State.Target;
    public string? Extra => State.Extra;

    public string Id => "f-" + Key.Replace('.', '-');

    /// <summary>Writes the posted values back onto the item being edited.</summary>
    public required Action<ContentItem, PostedValues> Write { get; init; }
}

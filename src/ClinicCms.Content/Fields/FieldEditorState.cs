namespace ClinicCms.Content.Fields;

/// <summary>
/// What the admin form shows for a field, without ASP.NET types: the Razor partial
/// (<c>Admin/Shared/Fields/_{Partial}.cshtml</c>) and the values it renders. The form adds the key, label and hint.
/// </summary>
public sealed record FieldEditorState(string Partial)
{
    public string? Value { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>A text per value, in the same order (MediaField's alt texts, its MediaTexts).</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];
    public IReadOnlyList<(string Value, string Label)> Options { get; init; } = [];
    public bool Multiple { get; init; }
    public bool Radio { get; init; }

    /// <summary>A second and third input of the editor (LinkField's text and target).</summary>
    public string? Text { get; init; }
    public string? Target { get; init; }

    /// <summary>Anything else the partial needs (the picker's allowed types).</summary>
    public string? Extra { get; init; }

    /// <summary>Overrides the form's "required" mark, which otherwise comes from <c>{Kind}Settings.Required</c>.</summary>
    public bool? Required { get; init; }
}

/// <summary>
/// The values posted for one editor: <see cref="Text"/>() is the input named by the editor's key,
/// <see cref="Text"/>("Text") the one named <c>{key}.Text</c>.
/// </summary>
public sealed class PostedValues(Func<string, IReadOnlyList<string>> read)
{
    /// <summary>Every value posted under the input (checkboxes and multiple selects post several).</summary>
    public IReadOnlyList<string> All(string suffix = "") => read(suffix);

    /// <summary>The values joined with commas, as a single input reads; "" when nothing was posted.</summary>
    public string Text(string suffix = "") => string.Join(',', read(suffix));
}

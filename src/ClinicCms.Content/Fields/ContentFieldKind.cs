using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>
/// Everything ClinicCms knows about one field kind, in one class: its validation, its index value, its GraphQL
/// shape and its admin editor. Register one with <c>services.AddContentFieldKind&lt;T&gt;()</c>; fields of a kind
/// nobody registered are stored unchanged, neither checked, indexed, exposed nor edited.
/// </summary>
public abstract class ContentFieldKind
{
    /// <summary>The kind's name in definitions (a field's FieldName): the class name unless overridden.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Checks the field's stored JSON against its shape and its settings; adds every problem to the check.</summary>
    public abstract void Validate(FieldCheck check);

    /// <summary>The index column the value goes to, so it can filter and sort; null when the kind is not indexed.</summary>
    public virtual ScalarKind? IndexKind => null;

    /// <summary>
    /// The value to index: a string for Text and Time (hh:mm:ss), a double for Number, a bool, a UTC DateTime for
    /// Date and DateTime; null when the field holds none.
    /// </summary>
    public virtual object? IndexValue(JsonObject value) => null;

    /// <summary>How the kind appears in GraphQL; null when it is not exposed.</summary>
    public abstract FieldGraphShape? GraphShape { get; }

    /// <summary>The admin editor of a field of this kind, with its current value; null when the admin does not edit it.</summary>
    public abstract FieldEditorState? Editor(ContentPartFieldDefinition field, JsonObject? value);

    /// <summary>Writes the posted editor values onto the field's JSON; properties the editor does not show stay.</summary>
    public abstract void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition);

    /// <summary>The kind's own settings on the field settings page, one partial each; none by default.</summary>
    public virtual IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) => [];

    /// <summary>
    /// Writes what the <see cref="SettingsEditors"/> posted onto the field's settings; <paramref name="kindSettings"/> is
    /// its <c>{Kind}Settings</c> object. Returns what is wrong with the values, or null.
    /// </summary>
    public virtual string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted) => null;

    /// <summary>The field's <c>{Kind}Settings</c> object; null when it has none.</summary>
    protected JsonObject? KindSettings(ContentPartFieldDefinition field) => field.Settings[$"{Name}Settings"] as JsonObject;

    /// <summary>The Sanitize partial for <c>SanitizeHtml</c> (on unless set false), which HTML and Markdown fields share.</summary>
    protected FieldSettingsEditor SanitizeSettingsEditor(ContentPartFieldDefinition field) =>
        SettingsEditor("Sanitize", ("sanitize", KindSettings(field)?["SanitizeHtml"]?.GetValue<bool>() != false ? "true" : null));

    /// <summary>Writes what <see cref="SanitizeSettingsEditor"/> posted.</summary>
    protected static string? ApplySanitizeSetting(JsonObject kindSettings, PostedValues posted)
    {
        kindSettings["SanitizeHtml"] = posted.Text("sanitize") == "true";
        return null;
    }

    /// <summary>One settings partial and its inputs' values.</summary>
    protected static FieldSettingsEditor SettingsEditor(string partial, params (string Input, string? Value)[] inputs) =>
        new(partial, inputs.ToDictionary(i => i.Input, i => (IReadOnlyList<string>)(i.Value is null ? [] : [i.Value]), StringComparer.Ordinal));
}

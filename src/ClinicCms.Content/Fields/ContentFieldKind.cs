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
}

using ClinicCms.Content.Definitions;

namespace ClinicCms.Web.Admin;

/// <summary>Content types by the name editors know: the definition's DisplayName ("Treatment overview", not "TreatmentOverview").</summary>
public sealed class TypeLabels
{
    private readonly Dictionary<string, string> _labels;

    private TypeLabels(Dictionary<string, string> labels) => _labels = labels;

    public static TypeLabels Of(ContentDefinitionSet definitions) =>
        new(definitions.Types.ToDictionary(t => t.Name, Label, StringComparer.Ordinal));

    public static string Label(ContentTypeDefinition type) => string.IsNullOrWhiteSpace(type.DisplayName) ? type.Name : type.DisplayName;

    /// <summary>The label of a type by its technical name; a type no longer defined keeps its name.</summary>
    public string this[string typeName] => _labels.GetValueOrDefault(typeName) ?? typeName;
}

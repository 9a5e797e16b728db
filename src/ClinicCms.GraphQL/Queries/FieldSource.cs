using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.GraphQL.Queries;

/// <summary>What an object-typed field (HtmlField, LinkField, ContentPickerField, ...) resolves from: the owning item, where the field sits, its JSON.</summary>
public sealed record FieldSource(ContentNode Node, string PartName, ContentPartFieldDefinition Definition, JsonObject? Value);

/// <summary>What a non-collapsed part's object type resolves from.</summary>
public sealed record PartSource(ContentNode Node, string PartName, JsonObject? Value);

using ClinicCms.Content.Reading;

namespace ClinicCms.Content.Fields;

/// <summary>
/// How a field kind appears in GraphQL, described without GraphQL types (Content does not reference GraphQL):
/// the GraphQL project maps each shape to a graph type in one place.
/// </summary>
public abstract record FieldGraphShape;

/// <summary>One scalar read from <see cref="Property"/> of the field's JSON; it filters and sorts when the kind is indexed.</summary>
public sealed record ScalarShape(ScalarKind Kind, string Property) : FieldGraphShape;

/// <summary>A list of the strings in the array <see cref="Property"/>.</summary>
public sealed record StringListShape(string Property) : FieldGraphShape;

/// <summary>An object type named <see cref="TypeName"/> whose members are scalars read from properties of the field's JSON.</summary>
public sealed record ObjectShape(string TypeName, IReadOnlyList<ObjectMember> Members) : FieldGraphShape;

/// <summary>A member of an <see cref="ObjectShape"/>: GraphQL name, value kind, JSON property.</summary>
public sealed record ObjectMember(string Name, ScalarKind Kind, string Property);

/// <summary>
/// A graph type the GraphQL project defines itself, by name, for shapes richer than scalars (rendered Markdown,
/// media files, picked items).
/// </summary>
public sealed record NamedShape(string TypeName) : FieldGraphShape;

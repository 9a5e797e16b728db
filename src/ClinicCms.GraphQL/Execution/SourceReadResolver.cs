using GraphQL;
using GraphQL.Resolvers;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// A resolver whose value is read from the parent object alone, synchronously, without the request: an item's root
/// values and its parts' fields. <see cref="KeptFieldsStrategy"/> completes such a field's scalar nodes without a
/// resolve context, and leaves any failure (an unexpected parent, say) to GraphQL.NET, which reads the value again.
/// </summary>
internal sealed class SourceReadResolver(Func<object?, object?> read) : IFieldResolver
{
    public object? Read(object? source) => read(source);

    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read(context.Source));
}

using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Coerces a request's variables for one cached operation through GraphQL.NET's own
/// <see cref="ValidationContext.GetVariablesValuesAsync"/>, on an operation holding only the variable definitions, so
/// that there are no usages to find. Finding none still walks the definitions with a type visitor on every call,
/// unless the context has done it once: a context keeps what it found per operation, so one is kept for the next
/// request, with the request's own values taken off it.
/// </summary>
internal sealed class VariableCoercion(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
{
    private readonly GraphQLOperationDefinition _definitionsOnly = new(new GraphQLSelectionSet([]))
    {
        Operation = operation.Operation,
        Name = operation.Name,
        Variables = operation.Variables,
    };

    private ValidationContext? _spare;

    public async ValueTask<(Variables Variables, List<ValidationError>? Errors)> CoerceAsync(ValidationOptions options)
    {
        var context = Interlocked.Exchange(ref _spare, null) ?? new ValidationContext { Schema = schema, Document = document, Operation = _definitionsOnly };
        context.Variables = options.Variables;
        context.Extensions = options.Extensions;
        context.UserContext = options.UserContext;
        context.Metrics = options.Metrics;
        context.RequestServices = options.RequestServices;
        context.User = options.User;
        context.CancellationToken = options.CancellationToken;
        try
        {
            return await context.GetVariablesValuesAsync();
        }
        finally
        {
            // Nothing of one request may stay reachable from the next.
            context.Variables = null!;
            context.Extensions = null!;
            context.UserContext = null!;
            context.Metrics = null!;
            context.RequestServices = null;
            context.User = null;
            context.CancellationToken = default;
            _spare = context;
        }
    }
}

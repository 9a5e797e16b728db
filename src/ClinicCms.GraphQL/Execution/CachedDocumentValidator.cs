using System.Runtime.CompilerServices;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's validator, with a shorter way for a cached document that has no rules left to run
/// (<see cref="GraphQLValidationRules.ForCachedDocument"/>). GraphQL.NET would still walk the whole operation twice on
/// every request: to find where each variable is used, and to parse each field's and directive's arguments. Where those
/// are depends on the document and the schema only, so it is worked out once per operation
/// (<see cref="CachedOperationPlan"/>); a request then only coerces its variables and those arguments. A document with
/// rules, an operation that promotes a variable, and a request whose arguments fail go to GraphQL.NET's validator; a
/// variable that fails gets the errors of GraphQL.NET's own variable check. So every error reads as before.
/// </summary>
public sealed class CachedDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, CachedOperationPlan> _plans = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is not ICollection<IValidationRule> { Count: 0 } || options.Operation is null)
        {
            return _validator.ValidateAsync(options);
        }
        // A plan is made for one schema; a document is cached per schema, so another schema means a new plan.
        if (!_plans.TryGetValue(options.Operation, out var plan) || plan.Schema != options.Schema)
        {
            plan = CachedOperationPlan.Build(options.Schema, options.Document, options.Operation);
            _plans.AddOrUpdate(options.Operation, plan);
        }
        // A variable declared nullable but used where null is not allowed is coerced as non-null: GraphQL.NET's way.
        return plan.PromotesVariables ? _validator.ValidateAsync(options) : ValidateAsync(options, plan);
    }

    private async Task<IValidationResult> ValidateAsync(ValidationOptions options, CachedOperationPlan plan)
    {
        var variables = Variables.None;
        if (plan.Coercion is { } coercion)
        {
            var (values, errors) = await coercion.CoerceAsync(options);
            if (errors is { Count: > 0 })
            {
                // What GraphQL.NET's validator answers with no rules: the same errors on the same nodes, found once.
                return new ValidationResult(errors) { Variables = values };
            }
            variables = values;
        }
        Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
        Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives = null;
        try
        {
            for (var i = 0; i < plan.Fields.Length; i++)
            {
                var (field, definition) = plan.Fields[i];
                if ((plan.FixedArguments[i] ?? ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, variables, options.Document, field, null)) is { } values)
                {
                    (arguments ??= new(plan.Fields.Length)).Add(field, values);
                }
            }
            foreach (var node in plan.DirectedNodes)
            {
                if (ExecutionHelper.GetDirectives(node, variables, options.Schema, options.Document) is { } values)
                {
                    (directives ??= new(plan.DirectedNodes.Length)).Add((ASTNode)node, values);
                }
            }
        }
        catch (ValidationError)
        {
            return await _validator.ValidateAsync(options);
        }
        return new ValidationResult { Variables = variables, ArgumentValues = arguments, DirectiveValues = directives };
    }
}

using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Types;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>Builds a where input type and, key by key, the <see cref="FilterModel"/> that translates it.</summary>
internal sealed class WhereInputBuilder(InputObjectGraphType input, FilterModel model)
{
    public InputObjectGraphType Input { get; } = input;

    public FilterModel Model { get; } = model;

    public void Add(string name, QueryTarget target, ScalarKind kind)
    {
        foreach (var op in ScalarOperators.For(kind))
        {
            var key = name + op;
            if (Model.Keys.ContainsKey(key))
            {
                continue;
            }
            var valueType = ValueType(kind);
            Input.AddField(new FieldType { Name = key, Type = ScalarOperators.IsList(op) ? typeof(ListGraphType<>).MakeGenericType(valueType) : valueType });
            Model.Keys[key] = (target, op);
        }
    }

    public void AddNested(string name, IInputObjectGraphType nested, FilterModel nestedModel)
    {
        if (Model.Keys.TryAdd(name, (new PartTarget(nestedModel), "")))
        {
            Input.AddField(new FieldType { Name = name, ResolvedType = nested });
        }
    }

    /// <summary>AND, OR and NOT: lists of this same input (a single object is taken as a list of one).</summary>
    public void AddLogic()
    {
        foreach (var op in new[] { "AND", "OR", "NOT" })
        {
            Input.AddField(new FieldType { Name = op, ResolvedType = new ListGraphType(Input) });
            Model.Keys[op] = (new LogicTarget(op), "");
        }
    }

    public static Type ValueType(ScalarKind kind) => kind switch
    {
        ScalarKind.Id => typeof(IdGraphType),
        ScalarKind.Text => typeof(StringGraphType),
        ScalarKind.Number => typeof(DecimalGraphType),
        ScalarKind.Boolean => typeof(BooleanGraphType),
        ScalarKind.Date => typeof(DateGraphType),
        ScalarKind.DateTime => typeof(IsoDateTimeGraphType),
        _ => typeof(TimeSpanGraphType),
    };
}

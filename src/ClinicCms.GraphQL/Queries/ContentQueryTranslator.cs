using System.Collections;
using System.Linq.Expressions;
using ClinicCms.Content.Store;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Turns a list field's status, where and orderBy into one SQL query on indexed columns: root values are columns
/// of the version row, fields are "Id IN (...)" subqueries on the field index scoped to their type, part and field.
/// </summary>
public sealed class ContentQueryTranslator(ClinicCmsDbContext db)
{
    private static readonly ParameterExpression Row = Expression.Parameter(typeof(ContentItemRecord), "r");
    private readonly ValueComparison _compare = new(db is PostgresClinicCmsDbContext);

    public IQueryable<ContentItemRecord> Filter(TypeQueryModel model, PublicationStatus status, IDictionary<string, object?>? where, string? owner = null)
    {
        var query = db.ContentItems.AsNoTracking().Where(r => r.ContentType == model.ContentType);
        if (owner is not null)
        {
            query = query.Where(r => r.Owner == owner);
        }
        // Compared with a parameter, not as a bare column: SQLite matches "Published = ?" to the (ContentType,
        // Published, PublishedUtc) indexes and walks them in order, but sorts every row of the type for "Published".
        var set = true;
        query = status switch
        {
            PublicationStatus.Draft => query.Where(r => r.Latest == set && r.Published != set),
            PublicationStatus.Latest => query.Where(r => r.Latest == set),
            PublicationStatus.All => query,
            _ => query.Where(r => r.Published == set),
        };
        if (where is { Count: > 0 })
        {
            query = query.Where(Expression.Lambda<Func<ContentItemRecord, bool>>(Combine(where, model.Filter, model.ContentType, or: false), Row));
        }
        return query;
    }

    /// <summary>Orders by the given keys in turn; createdUtc descending when none is given (Orchard's default).</summary>
    public IQueryable<ContentItemRecord> Order(IQueryable<ContentItemRecord> query, TypeQueryModel model, IEnumerable<KeyValuePair<string, object?>> orderBy)
    {
        IOrderedQueryable<ContentItemRecord>? ordered = null;
        foreach (var (key, value) in orderBy)
        {
            if (key == "contentType" || value is not string direction || !model.Order.TryGetValue(key, out var target))
            {
                continue; // contentType is accepted and ignored, as in Orchard
            }
            ordered = ThenBy(ordered, query, Key(target), direction == "DESC");
        }
        ordered = ordered is null ? query.OrderByDescending(r => r.CreatedUtc) : ordered;
        return ordered.ThenByDescending(r => r.Id); // a stable order, so pages never overlap
    }

    private Expression Combine(IDictionary<string, object?> where, FilterModel model, string contentType, bool or)
    {
        var parts = new List<Expression>();
        foreach (var (key, value) in where)
        {
            if (!model.Keys.TryGetValue(key, out var entry))
            {
                throw new ExecutionError($"Unknown filter '{key}'.");
            }
            parts.Add(entry.Target switch
            {
                LogicTarget logic => Logic(logic.Operator, value, model, contentType),
                PartTarget part => value is IDictionary<string, object?> nested ? Combine(nested, part.Nested, contentType, or) : Expression.Constant(true),
                ColumnTarget column => _compare.Build(ReflectedMembers.Property(Row, column.Column), column.Kind, entry.Operator, value),
                FieldTarget field => FieldMatches(field, contentType, entry.Operator, value),
                _ => throw new InvalidOperationException($"Unexpected filter target {entry.Target}."),
            });
        }
        if (parts.Count == 0)
        {
            return Expression.Constant(true);
        }
        return parts.Aggregate((a, b) => or ? Expression.OrElse(a, b) : Expression.AndAlso(a, b));
    }

    // AND: every child holds; OR: any predicate of any child holds (the keys of one child included, as in Orchard);
    // NOT: no child holds.
    private Expression Logic(string op, object? value, FilterModel model, string contentType)
    {
        var children = (value is IEnumerable list and not IDictionary<string, object?> ? list.Cast<object?>() : [value])
            .OfType<IDictionary<string, object?>>().ToList();
        if (children.Count == 0)
        {
            return Expression.Constant(true);
        }
        return op switch
        {
            "OR" => children.Select(c => Combine(c, model, contentType, or: true)).Aggregate(Expression.OrElse),
            "NOT" => children.Select(c => (Expression)Expression.Not(Combine(c, model, contentType, or: false))).Aggregate(Expression.AndAlso),
            _ => children.Select(c => Combine(c, model, contentType, or: false)).Aggregate(Expression.AndAlso),
        };
    }

    // r.Id IN (SELECT f.DocumentId FROM ContentFieldIndex f WHERE type, part, field AND value matches): the planner
    // starts from the index rows that match instead of testing every version of the type (a correlated EXISTS).
    private MethodCallExpression FieldMatches(FieldTarget field, string contentType, string op, object? value)
    {
        var f = Expression.Parameter(typeof(ContentFieldIndexRecord), "f");
        var body = Expression.AndAlso(
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.ContentType)), Expression.Constant(contentType)),
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.ContentPart)), Expression.Constant(field.Part))),
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.ContentField)), Expression.Constant(field.Field)),
                _compare.Build(ReflectedMembers.Property(f, ValueComparison.FieldColumn(field.Kind)), field.Kind, op, value)));
        var matching = ReflectedMembers.Call(QueryableMethods.Where, typeof(ContentFieldIndexRecord), null,
            db.FieldIndex.AsQueryable().Expression, Expression.Quote(Expression.Lambda<Func<ContentFieldIndexRecord, bool>>(body, f)));
        var documentIds = ReflectedMembers.Call(QueryableMethods.Select, typeof(ContentFieldIndexRecord), typeof(long),
            matching, Expression.Quote(Expression.Lambda(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.DocumentId)), f)));
        return ReflectedMembers.Call(QueryableMethods.Contains, typeof(long), null, documentIds, ReflectedMembers.Property(Row, nameof(ContentItemRecord.Id)));
    }

    private LambdaExpression Key(QueryTarget target)
    {
        if (target is ColumnTarget column)
        {
            return Expression.Lambda(ReflectedMembers.Property(Row, column.Column), Row);
        }
        var field = (FieldTarget)target;
        // (SELECT f.Value FROM ContentFieldIndex f WHERE f.DocumentId = r.Id AND part AND field LIMIT 1)
        var f = Expression.Parameter(typeof(ContentFieldIndexRecord), "f");
        var match = Expression.Lambda<Func<ContentFieldIndexRecord, bool>>(Expression.AndAlso(
            Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.DocumentId)), ReflectedMembers.Property(Row, nameof(ContentItemRecord.Id))),
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.ContentPart)), Expression.Constant(field.Part)),
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRecord.ContentField)), Expression.Constant(field.Field)))), f);
        var valueProperty = ReflectedMembers.Property(f, ValueComparison.FieldColumn(field.Kind));
        var select = Expression.Lambda(valueProperty, f);
        var filtered = ReflectedMembers.Call(QueryableMethods.Where, typeof(ContentFieldIndexRecord), null, db.FieldIndex.AsQueryable().Expression, Expression.Quote(match));
        var values = ReflectedMembers.Call(QueryableMethods.Select, typeof(ContentFieldIndexRecord), valueProperty.Type, filtered, Expression.Quote(select));
        var first = ReflectedMembers.Call(QueryableMethods.FirstOrDefaultWithoutPredicate, valueProperty.Type, null, values);
        return Expression.Lambda(first, Row);
    }

    private static IOrderedQueryable<ContentItemRecord> ThenBy(IOrderedQueryable<ContentItemRecord>? ordered, IQueryable<ContentItemRecord> query, LambdaExpression key, bool descending)
    {
        var source = ordered ?? query;
        var call = ReflectedMembers.Call(ReflectedMembers.Order(ordered is null, descending), typeof(ContentItemRecord), key.ReturnType, source.Expression, Expression.Quote(key));
        return (IOrderedQueryable<ContentItemRecord>)source.Provider.CreateQuery<ContentItemRecord>(call);
    }
}

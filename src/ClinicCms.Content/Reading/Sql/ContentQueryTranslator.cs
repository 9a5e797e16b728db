using System.Linq.Expressions;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ClinicCms.Content.Reading.Sql;

/// <summary>
/// Turns a <see cref="ContentQuery"/> into one SQL query on indexed columns: root values are columns of the version
/// row, fields are "Id IN (...)" subqueries on the field index scoped to their type, part and field.
/// </summary>
internal sealed class ContentQueryTranslator(ClinicCmsDbContext db)
{
    private static readonly ParameterExpression Row = Expression.Parameter(typeof(ContentItemVersionRow), "r");
    private readonly bool _postgres = db is PostgresClinicCmsDbContext;
    private readonly ValueComparison _compare = db is PostgresClinicCmsDbContext ? ValueComparison.Postgres : ValueComparison.Sqlite;

    /// <summary>The query's versions; <paramref name="fallback"/> is the culture a query with Fallback falls back to (the site's default).</summary>
    public IQueryable<ContentItemVersionRow> Filter(ContentQuery model, string? fallback)
    {
        var query = db.ContentItems.AsNoTracking().Where(r => r.ContentType == model.ContentType);
        if (model.Owner is { } owner)
        {
            query = query.Where(r => r.Owner == owner);
        }
        // Compared with a parameter, not as a bare column: SQLite matches "Published = ?" to the (ContentType,
        // Published, PublishedUtc) indexes and walks them in order, but sorts every row of the type for "Published".
        query = WithStatus(query, model.Status);
        query = InCulture(query, model, fallback);
        if (model.Where is { } where && !IsEverything(where))
        {
            query = query.Where(Expression.Lambda<Func<ContentItemVersionRow, bool>>(Translate(where, model.ContentType), Row));
        }
        return query;
    }

    private static IQueryable<ContentItemVersionRow> WithStatus(IQueryable<ContentItemVersionRow> query, PublicationStatus status)
    {
        var set = true;
        return status switch
        {
            PublicationStatus.Draft => query.Where(r => r.Latest == set && r.Published != set),
            PublicationStatus.Latest => query.Where(r => r.Latest == set),
            PublicationStatus.All => query,
            _ => query.Where(r => r.Published == set),
        };
    }

    // The culture, or with a fallback: the fallback culture's version of a set that has none in the culture among the
    // versions of the same type, status and owner (NOT EXISTS on the LocalizationSet index).
    private IQueryable<ContentItemVersionRow> InCulture(IQueryable<ContentItemVersionRow> query, ContentQuery model, string? fallback)
    {
        if (model.Culture is not { } culture)
        {
            return query;
        }
        if (fallback is null || fallback == culture)
        {
            return query.Where(r => r.Culture == culture);
        }
        var others = WithStatus(db.ContentItems.Where(s => s.ContentType == model.ContentType && s.Culture == culture), model.Status);
        if (model.Owner is { } owner)
        {
            others = others.Where(s => s.Owner == owner);
        }
        return query.Where(r => r.Culture == culture
            || (r.Culture == fallback && (r.LocalizationSet == null || !others.Any(s => s.LocalizationSet == r.LocalizationSet))));
    }

    /// <summary>Orders by the query's keys in turn; createdUtc descending when it has none (Orchard's default).</summary>
    public IQueryable<ContentItemVersionRow> Order(IQueryable<ContentItemVersionRow> query, ContentQuery model)
    {
        IOrderedQueryable<ContentItemVersionRow>? ordered = null;
        foreach (var key in model.OrderBy)
        {
            var value = Key(key.Target);
            if (_postgres && MayBeNull(key.Target, model.Status) && (!value.ReturnType.IsValueType || Nullable.GetUnderlyingType(value.ReturnType) is not null))
            {
                // NULL sorts first ascending and last descending on SQLite (and in the published index), last and first on
                // PostgreSQL: "value IS NOT NULL" in the same direction first gives every reader SQLite's order.
                var isSet = Expression.Lambda(Expression.NotEqual(value.Body, Expression.Constant(null, value.ReturnType)), Row);
                ordered = ThenBy(ordered, query, isSet, key.Descending);
            }
            ordered = ThenBy(ordered, query, value, key.Descending);
        }
        ordered = ordered is null ? query.OrderByDescending(r => r.CreatedUtc) : ordered;
        return ordered.ThenByDescending(r => r.Id); // a stable order, so pages never overlap
    }

    // Columns the store fills on every write need no NULL ordering, which would keep PostgreSQL from walking their indexes.
    private static bool MayBeNull(QueryTarget target, PublicationStatus status) => target switch
    {
        ColumnTarget { Column: nameof(ContentItemVersionRow.CreatedUtc) or nameof(ContentItemVersionRow.ModifiedUtc) } => false,
        ColumnTarget { Column: nameof(ContentItemVersionRow.PublishedUtc) } => status != PublicationStatus.Published,
        _ => true,
    };

    private static bool IsEverything(ContentFilter filter) => filter is AllOf { Filters.Count: 0 } or AnyOf { Filters.Count: 0 };

    private Expression Translate(ContentFilter filter, string contentType) => filter switch
    {
        _ when IsEverything(filter) => Expression.Constant(true),
        AllOf all => all.Filters.Select(f => Translate(f, contentType)).Aggregate(Expression.AndAlso),
        AnyOf any => any.Filters.Select(f => Translate(f, contentType)).Aggregate(Expression.OrElse),
        Not not => Expression.Not(Translate(not.Filter, contentType)),
        Comparison { Target: ColumnTarget column } compare => _compare.Build(ReflectedMembers.Property(Row, column.Column), column.Kind, compare.Operator, compare.Value),
        Comparison { Target: FieldTarget field } compare => FieldMatches(field, contentType, compare.Operator, compare.Value),
        _ => throw new InvalidOperationException($"Unexpected filter {filter}."),
    };

    // r.Id IN (SELECT f.VersionRowId FROM ContentFieldIndex f WHERE type, part, field AND value matches): the planner
    // starts from the index rows that match instead of testing every version of the type (a correlated EXISTS).
    private MethodCallExpression FieldMatches(FieldTarget field, string contentType, FilterOperator op, object? value)
    {
        var f = Expression.Parameter(typeof(ContentFieldIndexRow), "f");
        var body = Expression.AndAlso(
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.ContentType)), Expression.Constant(contentType)),
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.ContentPart)), Expression.Constant(field.Part))),
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.ContentField)), Expression.Constant(field.Field)),
                _compare.Build(ReflectedMembers.Property(f, ValueComparison.FieldColumn(field.Kind)), field.Kind, op, value)));
        var matching = ReflectedMembers.Call(QueryableMethods.Where, typeof(ContentFieldIndexRow), null,
            db.FieldIndex.AsQueryable().Expression, Expression.Quote(Expression.Lambda<Func<ContentFieldIndexRow, bool>>(body, f)));
        var documentIds = ReflectedMembers.Call(QueryableMethods.Select, typeof(ContentFieldIndexRow), typeof(long),
            matching, Expression.Quote(Expression.Lambda(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.VersionRowId)), f)));
        return ReflectedMembers.Call(QueryableMethods.Contains, typeof(long), null, documentIds, ReflectedMembers.Property(Row, nameof(ContentItemVersionRow.Id)));
    }

    private LambdaExpression Key(QueryTarget target)
    {
        if (target is ColumnTarget column)
        {
            return Expression.Lambda(ReflectedMembers.Property(Row, column.Column), Row);
        }
        var field = (FieldTarget)target;
        // (SELECT f.Value FROM ContentFieldIndex f WHERE f.VersionRowId = r.Id AND part AND field LIMIT 1)
        var f = Expression.Parameter(typeof(ContentFieldIndexRow), "f");
        var match = Expression.Lambda<Func<ContentFieldIndexRow, bool>>(Expression.AndAlso(
            Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.VersionRowId)), ReflectedMembers.Property(Row, nameof(ContentItemVersionRow.Id))),
            Expression.AndAlso(
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.ContentPart)), Expression.Constant(field.Part)),
                Expression.Equal(ReflectedMembers.Property(f, nameof(ContentFieldIndexRow.ContentField)), Expression.Constant(field.Field)))), f);
        var valueProperty = ReflectedMembers.Property(f, ValueComparison.FieldColumn(field.Kind));
        var select = Expression.Lambda(valueProperty, f);
        var filtered = ReflectedMembers.Call(QueryableMethods.Where, typeof(ContentFieldIndexRow), null, db.FieldIndex.AsQueryable().Expression, Expression.Quote(match));
        var values = ReflectedMembers.Call(QueryableMethods.Select, typeof(ContentFieldIndexRow), valueProperty.Type, filtered, Expression.Quote(select));
        var first = ReflectedMembers.Call(QueryableMethods.FirstOrDefaultWithoutPredicate, valueProperty.Type, null, values);
        return Expression.Lambda(first, Row);
    }

    private static IOrderedQueryable<ContentItemVersionRow> ThenBy(IOrderedQueryable<ContentItemVersionRow>? ordered, IQueryable<ContentItemVersionRow> query, LambdaExpression key, bool descending)
    {
        var source = ordered ?? query;
        var call = ReflectedMembers.Call(ReflectedMembers.Order(ordered is null, descending), typeof(ContentItemVersionRow), key.ReturnType, source.Expression, Expression.Quote(key));
        return (IOrderedQueryable<ContentItemVersionRow>)source.Provider.CreateQuery<ContentItemVersionRow>(call);
    }
}

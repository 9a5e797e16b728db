using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Reading.Sql;

/// <summary>
/// One operator on one column as an expression EF Core turns into SQL. Text matching (_contains, _starts_with,
/// _ends_with) is case-insensitive on both providers: LIKE on SQLite, ILIKE on PostgreSQL, with the user's %, _
/// and \ escaped so they match themselves. Values are SQL parameters, never literals: one compiled query and one SQL
/// text serve every path or category a frontend asks for.
/// </summary>
internal sealed class ValueComparison
{
    public static readonly ValueComparison Sqlite = new(postgres: false);
    public static readonly ValueComparison Postgres = new(postgres: true);

    private readonly bool _postgres;

    private ValueComparison(bool postgres) => _postgres = postgres;

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    // In a class of its own so that a SQLite site never loads Npgsql's provider for it.
    private static class NpgsqlMethods
    {
        public static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
            [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
    }

    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static string FieldColumn(ScalarKind kind) => kind switch
    {
        ScalarKind.Number => nameof(ContentFieldIndexRow.Numeric),
        ScalarKind.Boolean => nameof(ContentFieldIndexRow.Boolean),
        ScalarKind.Date or ScalarKind.DateTime => nameof(ContentFieldIndexRow.Date),
        ScalarKind.Time => nameof(ContentFieldIndexRow.Time),
        _ => nameof(ContentFieldIndexRow.Text),
    };

    /// <summary>The type of the field index column <see cref="FieldColumn"/> names.</summary>
    public static Type FieldClrType(ScalarKind kind) => kind switch
    {
        ScalarKind.Number => typeof(double),
        ScalarKind.Boolean => typeof(bool),
        ScalarKind.Date or ScalarKind.DateTime => typeof(DateTime),
        _ => typeof(string),
    };

    /// <summary>A filter value as the SQL query would compare it with the target's column.</summary>
    public static object? ConvertForTarget(object? value, QueryTarget target) => target switch
    {
        FieldTarget field => Convert(value, FieldClrType(field.Kind), field.Kind),
        ColumnTarget column => Convert(value, ReflectedMembers.PropertyOf(typeof(ContentItemVersionRow), column.Column).PropertyType, column.Kind),
        _ => throw new InvalidOperationException($"{target} holds no value."),
    };

    public Expression Build(Expression member, ScalarKind kind, FilterOperator op, object? value)
    {
        switch (op)
        {
            case FilterOperator.Equal:
                return Expression.Equal(member, Constant(value, member.Type, kind));
            case FilterOperator.NotEqual:
                return Expression.NotEqual(member, Constant(value, member.Type, kind));
            case FilterOperator.In or FilterOperator.NotIn:
                var list = List(value, member.Type, kind);
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], list, member);
                return op == FilterOperator.In ? contains : Expression.Not(contains);
            case FilterOperator.GreaterThan or FilterOperator.GreaterThanOrEqual or FilterOperator.LessThan or FilterOperator.LessThanOrEqual:
                return Order(member, op, Constant(value, member.Type, kind));
            default:
                var text = value as string ?? throw new ContentQueryException($"The operator {Suffix(op)} needs a string.");
                var pattern = op is FilterOperator.Contains or FilterOperator.NotContains ? $"%{Escape(text)}%"
                    : op is FilterOperator.StartsWith or FilterOperator.NotStartsWith ? $"{Escape(text)}%"
                    : $"%{Escape(text)}";
                Expression like = Expression.Call(_postgres ? NpgsqlMethods.ILike : Like, Expression.Constant(EF.Functions), member, Parameter(pattern, typeof(string)), Expression.Constant("\\"));
                return op is FilterOperator.NotContains or FilterOperator.NotStartsWith or FilterOperator.NotEndsWith ? Expression.Not(like) : like;
        }
    }

    // The operator as Orchard's where inputs spell it, for messages.
    private static string Suffix(FilterOperator op) => op switch
    {
        FilterOperator.Contains => "_contains",
        FilterOperator.NotContains => "_not_contains",
        FilterOperator.StartsWith => "_starts_with",
        FilterOperator.NotStartsWith => "_not_starts_with",
        FilterOperator.EndsWith => "_ends_with",
        FilterOperator.NotEndsWith => "_not_ends_with",
        _ => op.ToString(),
    };

    private static BinaryExpression Order(Expression member, FilterOperator op, Expression constant)
    {
        Expression left = member, right = constant;
        if (member.Type == typeof(string))
        {
            left = Expression.Call(StringCompare, member, constant);
            right = Expression.Constant(0);
        }
        return op switch
        {
            FilterOperator.GreaterThan => Expression.GreaterThan(left, right),
            FilterOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(left, right),
            FilterOperator.LessThan => Expression.LessThan(left, right),
            _ => Expression.LessThanOrEqual(left, right),
        };
    }

    private static MemberExpression List(object? value, Type type, ScalarKind kind)
    {
        var items = value is IEnumerable e and not string ? e.Cast<object?>() : [value];
        var listType = typeof(List<>).MakeGenericType(type);
        var list = (IList)Activator.CreateInstance(listType)!;
        foreach (var item in items)
        {
            list.Add(Convert(item, type, kind));
        }
        return Parameter(list, listType);
    }

    private static MemberExpression Constant(object? value, Type type, ScalarKind kind) => Parameter(Convert(value, type, kind), type);

    // EF Core makes a parameter of a member read from a captured object (as from a lambda's closure); a constant
    // would be written into the SQL, and each new value would compile and cache a query of its own.
    private static MemberExpression Parameter(object? value, Type type) =>
        Expression.Property(Expression.Constant(Activator.CreateInstance(typeof(Captured<>).MakeGenericType(type), [value])), nameof(Captured<object>.Value));

    private sealed class Captured<T>(T value)
    {
        public T Value { get; } = value;
    }

    private static object? Convert(object? value, Type type, ScalarKind kind)
    {
        if (value is null)
        {
            return null;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            TimeSpan time when target == typeof(string) => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            DateTimeOffset offset => offset.UtcDateTime,
            DateTime date => date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date.ToUniversalTime(),
            _ when target == typeof(double) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ when target == typeof(string) => System.Convert.ToString(value, CultureInfo.InvariantCulture),
            _ when target == typeof(bool) && value is bool => value,
            _ => throw new ContentQueryException($"The value {value} does not fit a {kind} filter."),
        };
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

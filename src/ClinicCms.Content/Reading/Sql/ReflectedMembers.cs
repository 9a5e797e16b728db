using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace ClinicCms.Content.Reading.Sql;

/// <summary>
/// Queryable methods and row properties for the expressions of a query, looked up once: Expression.Call and
/// Expression.Property by name search by reflection on every call, and every list query builds several.
/// </summary>
internal static class ReflectedMembers
{
    private static readonly ConcurrentDictionary<(MethodInfo, Type, Type?), MethodInfo> Methods = new();
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo> Properties = new();

    public static MethodCallExpression Call(MethodInfo definition, Type source, Type? result, params Expression[] arguments) =>
        Expression.Call(Methods.GetOrAdd((definition, source, result), static key =>
            key.Item3 is null ? key.Item1.MakeGenericMethod(key.Item2) : key.Item1.MakeGenericMethod(key.Item2, key.Item3)), arguments);

    public static MemberExpression Property(Expression instance, string name) => Expression.Property(instance, PropertyOf(instance.Type, name));

    public static PropertyInfo PropertyOf(Type type, string name) => Properties.GetOrAdd((type, name), static key =>
        key.Item1.GetProperty(key.Item2) ?? throw new InvalidOperationException($"{key.Item1.Name} has no property {key.Item2}."));

    public static MethodInfo Order(bool first, bool descending) => (first, descending) switch
    {
        (true, false) => QueryableMethods.OrderBy,
        (true, true) => QueryableMethods.OrderByDescending,
        (false, false) => QueryableMethods.ThenBy,
        _ => QueryableMethods.ThenByDescending,
    };
}

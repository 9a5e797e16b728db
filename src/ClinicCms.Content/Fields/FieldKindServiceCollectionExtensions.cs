using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicCms.Content.Fields;

public static class FieldKindServiceCollectionExtensions
{
    /// <summary>Adds a field kind: its validation, index value, GraphQL shape and admin editor come from <typeparamref name="T"/>.</summary>
    public static IServiceCollection AddContentFieldKind<T>(this IServiceCollection services) where T : ContentFieldKind, new()
    {
        services.AddSingleton<ContentFieldKind>(new T());
        services.TryAddSingleton<ContentFieldKinds>();
        return services;
    }

    internal static IServiceCollection AddBuiltInFieldKinds(this IServiceCollection services)
    {
        foreach (var kind in ContentFieldKinds.BuiltInKinds())
        {
            services.AddSingleton(kind);
        }
        services.TryAddSingleton<ContentFieldKinds>();
        return services;
    }
}

using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// OpenIddict words an unknown client id and a wrong secret differently; one answer for both keeps client ids from
/// being probed.
/// </summary>
public sealed class UniformClientError : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string Description = "The client credentials are invalid.";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<UniformClientError>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error == Errors.InvalidClient)
        {
            context.Response.ErrorDescription = Description;
            context.Response.ErrorUri = null;
        }
        return default;
    }
}

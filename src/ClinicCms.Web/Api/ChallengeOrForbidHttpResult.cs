using Microsoft.AspNetCore.Authentication;

namespace ClinicCms.Web.Api;

/// <summary>
/// A refusal as Orchard's API answers it: 401 to a caller who is not signed in (signing in may help, also where the
/// Anonymous role may use the API), 403 to one who is.
/// </summary>
public sealed class ChallengeOrForbidHttpResult : IResult
{
    public static ChallengeOrForbidHttpResult Instance { get; } = new();

    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.User.Identity?.IsAuthenticated == true ? httpContext.ForbidAsync() : httpContext.ChallengeAsync();
}

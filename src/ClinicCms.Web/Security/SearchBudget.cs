using ClinicCms.GraphQL.Queries;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// GraphQL searches per address for anonymous callers (ClinicCms:Security:Search), on top of the API's limit: a search
/// costs far more than a list read (on PostgreSQL it ranks every match). Each search field counts, aliases too;
/// an answer from the response cache runs no search and does not count. Signed-in users and API clients (a frontend's
/// server searching for its visitors) have only the API's budget.
/// </summary>
public sealed class SearchBudget(IOptions<SecurityOptions> options) : ISearchBudget, IDisposable
{
    private readonly AddressBudget _budget = new(options.Value.Search);

    public (string Message, TimeSpan RetryAfter)? Refusal(HttpContext http)
    {
        var limit = _budget.Limit;
        if (limit.PermitLimit <= 0 || http.User.Identity?.IsAuthenticated == true || _budget.Refusal(http) is not { } after)
        {
            return null;
        }
        return ($"Too many searches from this address: at most {limit.PermitLimit} per {Math.Max(1, limit.WindowSeconds)} s without signing in; try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s.", after);
    }

    public void Dispose() => _budget.Dispose();
}

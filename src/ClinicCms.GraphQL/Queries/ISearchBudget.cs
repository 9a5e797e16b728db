using Microsoft.AspNetCore.Http;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// How often one caller may run the search field, the costliest read an anonymous caller can make; set by the host.
/// Counted where the field resolves, so the query is not parsed a second time to find it.
/// </summary>
public interface ISearchBudget
{
    /// <summary>Null when the caller may search once more; else why not and how long until they may.</summary>
    (string Message, TimeSpan RetryAfter)? Refusal(HttpContext http);
}

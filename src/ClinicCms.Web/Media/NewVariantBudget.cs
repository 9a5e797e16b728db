using ClinicCms.Web.Security;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// How many variants not yet in the cache one address may have made per window (ClinicCms:Media:NewVariants). Without
/// it, one anonymous caller asking for ever-new sizes, qualities and colours fills the resize queue for every visitor
/// and cycles the capped cache. Variants already made are served without counting.
/// </summary>
public sealed class NewVariantBudget(IOptions<MediaOptions> options) : IDisposable
{
    private readonly AddressBudget _budget = new(options.Value.NewVariants);

    /// <summary>Null when the address may make one more variant; else how long until it may.</summary>
    public TimeSpan? Refusal(HttpContext http) => _budget.Refusal(http);

    public void Dispose() => _budget.Dispose();
}

using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(ClinicCms.Tests.TestHost.LongestFirst))]

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// Starts the collections that take longest first, so that on two cores none of them is left running alone at the
/// end of the run; xunit's default order is random. The rest keep xunit's order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    // The browser collection, then the classes that start processes or boot several hosts; longest first.
    private static readonly string[] Longest =
    [
        "AdminBrowserTests", "RecipeCommandTests", "PgoOffRestartTests", "MissingPostgresDatabaseTests", "PostgresContentStoreTests",
        "ReviewApiTests", "ScheduledPublishingTests", "OrchardRecipeTests", "SignInAndTokenTests", "RedisOutageTests",
        "ResponseCacheTests", "AccessEndsTests", "RecipeFolderTests", "SqliteContentStoreTests",
    ];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var xunitOrder = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        return [.. xunitOrder.Index().OrderBy(c => Rank(c.Item)).ThenBy(c => c.Index).Select(c => c.Item)];
    }

    private static int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName;
        var rank = Array.FindIndex(Longest, n => name == n || name.Contains("." + n, StringComparison.Ordinal));
        return rank < 0 ? Longest.Length : rank;
    }
}

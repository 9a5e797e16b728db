using ClinicCms.Tests.TestHost;
using static ClinicCms.Tests.Search.SearchSite;

namespace ClinicCms.Tests.Search;

/// <summary>The same site on SQLite and on PostgreSQL, for the test that both providers give the same top results.</summary>
public sealed class SearchProvidersSites : IAsyncLifetime
{
    public SearchSite? Sqlite { get; private set; }

    public SearchSite? Postgres { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!ServiceRequirement.HasPostgres)
        {
            return;
        }
        Sqlite = new SearchSite(postgres: false);
        Postgres = new SearchSite(postgres: true);
        await Sqlite.InitializeAsync();
        await Postgres.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Sqlite is not null)
        {
            await Sqlite.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

public sealed class SearchProvidersTests(SearchProvidersSites sites) : IClassFixture<SearchProvidersSites>
{
    [Theory]
    [InlineData("infusion")]
    [InlineData("infusions explained")]
    [InlineData("\"blood pressure\"")]
    [InlineData("blood")]
    [InlineData("ketamine -nasal")]
    [InlineData("ketamine")]
    [InlineData("tratamiento")]
    [InlineData("the visit")]
    public async Task SQLite_and_PostgreSQL_give_the_same_top_results(string query)
    {
        if (sites.Sqlite is null || sites.Postgres is null)
        {
            ServiceRequirement.Missing(ServiceRequirement.PostgresName);
            return;
        }

        var sqlite = await SearchAsync(sites.Sqlite.Anonymous(), query);
        var postgres = await SearchAsync(sites.Postgres.Anonymous(), query);

        Assert.NotEqual(0, sqlite["total"]!.GetValue<int>());
        Assert.Equal(sqlite["total"]!.GetValue<int>(), postgres["total"]!.GetValue<int>());
        Assert.Equal(Ids(sqlite), Ids(postgres));
    }
}

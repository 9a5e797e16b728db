using ClinicCms.Content.Search;
using ClinicCms.Web.Hosting;
using ClinicCms.Web.Setup;

namespace ClinicCms.Web.CommandLine;

/// <summary>
/// <c>index rebuild</c>: rebuilds the search index of every content type from the store, in one transaction (a reader
/// sees the old index until it commits), on the same services as the web host but with no web server.
/// </summary>
public static class IndexCommand
{
    private const string Usage = "usage: index rebuild";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "index";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, "rebuild"])
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddClinicCmsNLog(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddClinicCmsCore(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        try
        {
            await setup.MigrateAsync();
        }
        catch (System.Data.Common.DbException e)
        {
            await Console.Error.WriteLineAsync($"error: the database could not be used: {e.Message}");
            return 1;
        }
        if (!await setup.IsSetUpAsync())
        {
            await Console.Error.WriteLineAsync("error: there is no site in the data folder to index; start the site once or run `recipe run FILE` first.");
            return 1;
        }
        var counts = await scope.ServiceProvider.GetRequiredService<SearchIndexRebuild>().RebuildAsync(everyType: true);
        foreach (var (type, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{type}: {count} versions indexed");
        }
        Console.WriteLine($"Rebuilt the search index: {counts.Values.Sum()} versions of {counts.Count} content types.");
        return 0;
    }
}

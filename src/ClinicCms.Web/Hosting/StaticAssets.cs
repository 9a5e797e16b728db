namespace ClinicCms.Web.Hosting;

public static class StaticAssets
{
    /// <summary>
    /// The files of wwwroot (the admin's and sign-in page's styles and scripts), looked for only under its own top-level
    /// names, so an API request never costs a file-system lookup.
    /// </summary>
    public static IApplicationBuilder UseClinicCmsStaticFiles(this IApplicationBuilder app)
    {
        var webRoot = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        var roots = webRoot.GetDirectoryContents("").Select(entry => new PathString("/" + entry.Name)).ToArray();
        if (roots.Length == 0)
        {
            return app;
        }
        return app.UseWhen(http => Array.Exists(roots, root => http.Request.Path.StartsWithSegments(root)), branch => branch.UseStaticFiles());
    }
}

using ClinicCms.Tests.Security;

namespace ClinicCms.Tests.Localization;

/// <summary>The secured clinic site (tokens for the REST API) with English and Spanish as its cultures.</summary>
public sealed class LocalizedWriteSite : IAsyncLifetime
{
    public SecuredSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartAsync();
        await Site.App.RunRecipeTextAsync("""
            { "steps": [
                { "name": "Settings", "LocalizationSettings": { "DefaultCulture": "en-US", "SupportedCultures": ["en-US", "es-US"] } },
                { "name": "Roles", "Roles": [
                    { "Name": "FaqAuthor", "Permissions": [ "AccessAdminPanel", "EditOwn_FAQ", "ViewOwn_FAQ", "View_Article" ] },
                    { "Name": "ArticleAuthorApi", "Permissions": [ "AccessContentApi", "EditOwn_Article", "ViewOwn_Article" ] } ] },
                { "name": "Users", "Users": [
                    { "UserName": "faqauthor", "Email": "faqauthor@example.com", "Password": "Faqauthor-password-1", "RoleNames": [ "FaqAuthor" ] } ] },
                { "name": "OpenIdApplication", "ClientId": "article-author-app", "ClientSecret": "Article-author-secret-1", "DisplayName": "Own articles",
                  "Type": "Confidential", "AllowClientCredentialsFlow": true, "RoleEntries": [ { "Name": "ArticleAuthorApi" } ] } ] }
            """, "cultures.recipe.json");
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

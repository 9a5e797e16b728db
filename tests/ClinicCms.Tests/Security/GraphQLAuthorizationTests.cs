using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>GraphQL authorization through the real schemes: bearer tokens from /connect/token and cookies from /login.</summary>
public sealed class GraphQLAuthorizationTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    private readonly SecuredSite _site = shared.Site;

    [Fact]
    public async Task Without_credentials_graphql_is_401()
    {
        using var http = _site.Anonymous();

        var (status, body) = await Post(http, "{ faq { displayText } }");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthorized", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_execute_graphql_is_401_and_one_without_view_content_gets_an_unauthorized_error()
    {
        using var noGraph = _site.WithToken(await _site.TokenAsync("nograph-app", "Nograph-app-secret-1"));
        using var graphOnly = _site.WithToken(await _site.TokenAsync("graph-only-app", "Graph-app-secret-1"));

        var (noGraphStatus, _) = await Post(noGraph, "{ faq { displayText } }");
        var (graphOnlyStatus, body) = await Post(graphOnly, "{ faq { displayText } }");

        Assert.Equal(HttpStatusCode.Unauthorized, noGraphStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, graphOnlyStatus);
        Assert.Equal("Authorization is required to access the node. faq", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("Unauthorized", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reader_token_sees_published_content_but_not_drafts()
    {
        using var reader = _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));

        var (status, body) = await Post(reader, "{ faq { displayText } faqCount }");
        var (draftStatus, _) = await Post(reader, "{ faq(status: DRAFT) { displayText } }");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(8, body["data"]!["faqCount"]!.GetValue<int>());
        Assert.DoesNotContain(body["data"]!["faq"]!.AsArray(), f => f!["displayText"]!.GetValue<string>() == "Writer's draft?");
        Assert.Equal(HttpStatusCode.Unauthorized, draftStatus);
    }

    [Fact]
    public async Task Preview_rights_show_drafts_to_an_editor_and_own_drafts_to_an_author()
    {
        using var editor = await _site.SignedInAsync("chief", "Chief-password-1");
        using var writer = await _site.SignedInAsync("writer", "Writer-password-1");

        var (editorStatus, editorBody) = await Post(editor, "{ faq(status: DRAFT) { displayText } }");
        var (writerStatus, writerBody) = await Post(writer, "{ faq(status: DRAFT) { displayText } }");

        Assert.Equal(HttpStatusCode.OK, editorStatus);
        Assert.Equal("Writer's draft?", Assert.Single(editorBody["data"]!["faq"]!.AsArray())!["displayText"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, writerStatus);
        Assert.Equal("Writer's draft?", Assert.Single(writerBody["data"]!["faq"]!.AsArray())!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task View_own_content_shows_only_the_callers_items_in_lists_lookups_and_pickers()
    {
        using var reader = await _site.SignedInAsync("reader", "Reader-password-1");

        var (status, body) = await Post(reader, $$"""
            { faq { displayText } faqCount
              mine: contentItem(contentItemId: "4readerfaq000000000000001") { displayText }
              theirs: contentItem(contentItemId: "{{ClinicIds.Article}}") { displayText }
              treatmentOverview { displayText } }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Reader's own question?", Assert.Single(body["data"]!["faq"]!.AsArray())!["displayText"]!.GetValue<string>());
        Assert.Equal(1, body["data"]!["faqCount"]!.GetValue<int>());
        Assert.Equal("Reader's own question?", body["data"]!["mine"]!["displayText"]!.GetValue<string>());
        Assert.Null(body["data"]!["theirs"]);
        Assert.Empty(body["data"]!["treatmentOverview"]!.AsArray());
    }

    [Fact]
    public async Task A_per_type_view_permission_opens_that_type_and_filters_picked_items_of_others()
    {
        using var faqOnly = _site.WithToken(await _site.TokenAsync("faq-app", "Faq-app-secret-1"));

        var (status, body) = await Post(faqOnly, "{ faq(first: 1, orderBy: { order: ASC }) { displayText relatedTreatment { contentItemIds contentItems { displayText } } } }");
        var (articleStatus, _) = await Post(faqOnly, "{ article { displayText } }");

        Assert.Equal(HttpStatusCode.OK, status);
        var faq = body["data"]!["faq"]![0]!;
        Assert.Equal(ClinicIds.TreatmentOverview, faq["relatedTreatment"]!["contentItemIds"]![0]!.GetValue<string>());
        Assert.Empty(faq["relatedTreatment"]!["contentItems"]!.AsArray()); // the caller may not view treatment overviews
        Assert.Equal(HttpStatusCode.Unauthorized, articleStatus);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query });
        return (response.StatusCode, (await GraphQLClient.Parse(response)).AsObject());
    }
}

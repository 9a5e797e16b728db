using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using ClinicCms.GraphQL;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// Answers are written by <see cref="ResultSerializer"/> byte for byte as GraphQL.NET's own serializer, with the same
/// options, writes the same results: data of every scalar kind, nulls, lists, errors with and without data. Each
/// result the app executes is also written by GraphQL.NET's serializer, and the answer sent must be those bytes.
/// </summary>
public sealed class ResultSerializerTests : IAsyncLifetime
{
    private readonly Recording _recording = new();
    private readonly ClinicCmsApp _app;

    public ResultSerializerTests() => _app = new(
        services: s => s.AddSingleton<IDocumentExecuter>(sp => _recording.Around(GraphQLServiceCollectionExtensions.CreateExecuter(sp,
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(KeptFieldsStrategy.Instance, GraphQLParser.AST.OperationType.Query)])))),
        settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" }, environment: "Production");

    public ValueTask InitializeAsync()
    {
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // The last result executed, as the endpoint finished it (errors bounded and reworded), written by GraphQL.NET's
    // serializer configured as the app configures its own in Production.
    private sealed class Recording
    {
        private readonly GraphQLSerializer _theirs = new(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, new ErrorInfoProvider());

        private ExecutionResult? _last;

        public string? Last => _last is null ? null : _theirs.Serialize(_last);

        public IDocumentExecuter Around(IDocumentExecuter inner) => new Executer(inner, this);

        private sealed class Executer(IDocumentExecuter inner, Recording recording) : IDocumentExecuter
        {
            public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options)
            {
                return recording._last = await inner.ExecuteAsync(options);
            }
        }
    }

    public static TheoryData<string> Queries => new()
    {
        "{ article(first: 10, orderBy: { publishedUtc: DESC }) { displayText path summary publishedUtc createdUtc published latest subtitle } }",
        "{ faq(orderBy: { order: ASC }) { displayText order answer { html } relatedTreatment { contentItems { displayText } } } faqCount articleCount }",
        "{ treatmentOverview { displayText sessionsMinimum sessionsMaximum faqs { contentItems(first: 2) { contentItemId ... on FAQ { order } } } } }",
        """{ a: contentItem(contentItemId: "none") { displayText } b: faq(first: 1) { x: displayText y: __typename } }""",
        // Errors: in validation (no data), and in execution beside data.
        "{ faq { nothingHere } }",
        """{ faq(first: 1) { displayText } faqCount(where: { nope: 1 }) }""",
        // Escapes in an error message that quotes the value: the where value matches nothing, so it would not show in data.
        """{ article(where: { path: 5 }) { displayText } faq(where: { displayText: "\u00e9 <b>&amp;</b> \ud83d\ude00 \" \\ \n" }) { displayText } }""",
        """{ faq(first: 2) { displayText answer { html } } treatmentOverview(first: 1) { displayText htmlBody { html } } }""",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answers_are_the_bytes_GraphQL_NETs_serializer_writes(string query)
    {
        using var http = _app.CreateClient();
        var body = new JsonObject { ["query"] = query }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/graphql", content);
        var sent = await response.Content.ReadAsStringAsync();

        Assert.NotNull(_recording.Last);
        Assert.Equal(_recording.Last, sent);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest });
    }
}

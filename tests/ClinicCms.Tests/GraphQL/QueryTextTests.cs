using ClinicCms.GraphQL.Execution;

namespace ClinicCms.Tests.GraphQL;

/// <summary>The response cache's query normalization drops only what GraphQL ignores.</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("{ faq { displayText } }", "{\n  faq {\n    displayText # the title\n  }\n}")]
    [InlineData("{ faq(first: 2, skip: 1) { displayText } }", "{faq(first:2 skip:1){displayText}}")]
    [InlineData("query Q($n: Int) { faq(first: $n) { ...F } } fragment F on FAQ { displayText }", "query Q($n:Int){faq(first:$n){...F}} fragment F on FAQ{displayText}")]
    public void Layouts_of_one_query_normalize_alike(string a, string b) =>
        Assert.Equal(QueryText.Normalize(a), QueryText.Normalize(b));

    [Theory]
    [InlineData("""{ faq(where: { displayText: "a  b" }) { displayText } }""", """{ faq(where: { displayText: "a b" }) { displayText } }""")]
    [InlineData("""{ faq(where: { displayText: "a, # b" }) { displayText } }""", """{ faq(where: { displayText: "a" }) { displayText } }""")]
    [InlineData("""{ faq(where: { displayText: "say \"hi\",  x" }) { displayText } }""", """{ faq(where: { displayText: "say \"hi\", x" }) { displayText } }""")]
    [InlineData("{ faq { contentItemId displayText } }", "{ faq { contentItemIddisplayText } }")]
    [InlineData("query { faq(first: 1 0) { displayText } }", "query { faq(first: 10) { displayText } }")]
    [InlineData("{ faq(where: { displayText_in: [\"\", \"num\\u00300\", \"\"] }) { displayText } }", "{ faq(where: { displayText_in: [\"\"\"num\\u00300\"\"\"] }) { displayText } }")]
    [InlineData("{ faqCount }", "{\u00a0faqCount\u2003}")]
    public void Different_queries_stay_different(string a, string b) =>
        Assert.NotEqual(QueryText.Normalize(a), QueryText.Normalize(b));
}

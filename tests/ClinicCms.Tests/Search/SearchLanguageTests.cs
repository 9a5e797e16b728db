using ClinicCms.Content.Search;

namespace ClinicCms.Tests.Search;

/// <summary>The stem cache keeps content's words, not the words of anyone's queries, nor very long words.</summary>
public sealed class SearchLanguageTests
{
    [Fact]
    public void Query_words_and_long_words_are_stemmed_but_not_remembered()
    {
        var unique = $"infusionsq{Guid.NewGuid():N}"[..20];
        var longWord = "infusions" + new string('x', 40);

        var queried = SearchLanguage.English.QueryTerm(unique);
        var rememberedAfterQuery = SearchLanguage.English.Remembers(unique);
        var indexed = SearchLanguage.English.Term(unique.AsSpan());
        var longTerm = SearchLanguage.English.Term(longWord.AsSpan());

        Assert.Equal(indexed, queried);
        Assert.False(rememberedAfterQuery);
        Assert.True(SearchLanguage.English.Remembers(unique));
        Assert.NotNull(longTerm);
        Assert.False(SearchLanguage.English.Remembers(longWord));
    }
}

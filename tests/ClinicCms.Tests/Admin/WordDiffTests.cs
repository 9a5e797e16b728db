using ClinicCms.Web.Admin;

namespace ClinicCms.Tests.Admin;

/// <summary>How the version diff marks words: tags are words, spaces between changed words join the change, huge texts are marked whole.</summary>
public sealed class WordDiffTests
{
    [Fact]
    public void A_changed_tag_and_a_changed_word_are_marked_and_the_rest_is_kept_as_it_was()
    {
        var (left, right) = WordDiff.Compare("<p>Millions of people</p>", "<p><em>Thousands</em> of people</p>");

        Assert.Equal("<p>Millions of people</p>", string.Concat(left.Select(p => p.Text)));
        Assert.Equal([("Millions", true)], left.Where(p => p.Changed).Select(p => (p.Text, p.Changed)));
        Assert.Equal(["<em>Thousands</em>"], right.Where(p => p.Changed).Select(p => p.Text));
    }

    [Fact]
    public void New_words_in_a_row_are_one_mark_and_markup_in_them_is_encoded()
    {
        var (_, right) = WordDiff.Compare("A line", "A <script>x()</script> new line");

        Assert.Equal(["<script>x()</script> new "], right.Where(p => p.Changed).Select(p => p.Text));
        using var html = new StringWriter();
        WordDiff.Marked(right, "ins").WriteTo(html, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("A <ins>&lt;script&gt;x()&lt;/script&gt; new </ins>line", html.ToString());
    }

    [Fact]
    public void Texts_beyond_the_limit_are_marked_whole_and_equal_ones_not_at_all()
    {
        var huge = new string('a', WordDiff.MaxCompared + 1);
        var (left, right) = WordDiff.Compare(huge, huge + "b");
        var (same, _) = WordDiff.Compare("same words", "same words");

        Assert.True(Assert.Single(left).Changed);
        Assert.True(Assert.Single(right).Changed);
        Assert.DoesNotContain(same, p => p.Changed);
    }
}

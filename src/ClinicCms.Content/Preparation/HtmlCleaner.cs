using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using Ganss.Xss;

namespace ClinicCms.Content.Preparation;

/// <summary>
/// Removes scripts, event handlers and other unsafe markup from HTML before it is stored (HtmlSanitizer), and forms and
/// iframes unless the part's or field's settings allow them (AllowForms, AllowIframes). Text keeps
/// its characters as typed: a non-breaking space stays a character instead of becoming an entity.
/// </summary>
public sealed class HtmlCleaner : IDisposable
{
    /// <summary>Elements HtmlSanitizer keeps by default that let stored HTML collect input or post it somewhere (phishing).</summary>
    public static readonly string[] FormElements = ["form", "input", "button", "select", "textarea", "option", "optgroup", "datalist", "output"];

    // One sanitizer per thread and kind: imports clean a batch in parallel, and a sanitizer is not documented as thread-safe.
    private readonly ThreadLocal<HtmlSanitizer>[] _sanitizers =
        [.. Enumerable.Range(0, 4).Select(kind => new ThreadLocal<HtmlSanitizer>(() => Create(allowForms: (kind & 1) != 0, allowIframes: (kind & 2) != 0)))];
    private readonly IMarkupFormatter _formatter = new CharacterKeepingFormatter();

    public string Clean(string html) => Clean(html, allowForms: false, allowIframes: false);

    /// <summary>Cleans with a part's or field's settings: forms and iframes are removed unless they allow them.</summary>
    public string Clean(string html, bool allowForms, bool allowIframes) =>
        _sanitizers[(allowForms ? 1 : 0) | (allowIframes ? 2 : 0)].Value!.Sanitize(html, "", _formatter);

    /// <summary>
    /// Runs the sanitizer's one-off set-up (its static tables, AngleSharp's parser and the code paths' compilation) on
    /// a small sample, so that a process about to sanitize much HTML can do it on another thread while it starts.
    /// </summary>
    public static void WarmUp()
    {
        using var cleaner = new HtmlCleaner();
        cleaner.Clean("""<h2 id="a">Title</h2><p>Text &amp; <a href="https://example.com/x" title="t">link</a> <strong>b</strong> <em>i</em><br></p>"""
            + """<ul><li style="color: red">item</li></ul><img src="/media/x.png" alt="x" width="10"><table><tr><td>c</td></tr></table><script>x()</script>""");
    }

    private static HtmlSanitizer Create(bool allowForms, bool allowIframes)
    {
        var sanitizer = new HtmlSanitizer();
        if (!allowForms)
        {
            foreach (var tag in FormElements)
            {
                sanitizer.AllowedTags.Remove(tag);
            }
        }
        if (allowIframes)
        {
            sanitizer.AllowedTags.Add("iframe");
            sanitizer.AllowedAttributes.UnionWith(["allowfullscreen", "loading", "referrerpolicy", "sandbox"]);
        }
        return sanitizer;
    }

    public void Dispose()
    {
        foreach (var sanitizer in _sanitizers)
        {
            sanitizer.Dispose();
        }
    }

    private sealed class CharacterKeepingFormatter : HtmlMarkupFormatter
    {
        public override string Text(ICharacterData text) =>
            text.Parent is IElement { LocalName: "script" or "style" or "xmp" or "iframe" or "noembed" or "noframes" or "plaintext" }
                ? text.Data
                : Escape(text.Data);

        private static string Escape(string data)
        {
            if (data.AsSpan().IndexOfAny('&', '<', '>') < 0)
            {
                return data;
            }
            var builder = new StringBuilder(data.Length + 16);
            foreach (var c in data)
            {
                builder.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
            }
            return builder.ToString();
        }
    }
}

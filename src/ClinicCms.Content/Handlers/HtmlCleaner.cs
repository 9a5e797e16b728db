using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using Ganss.Xss;

namespace ClinicCms.Content.Handlers;

/// <summary>
/// Removes scripts, event handlers and other unsafe markup from HTML before it is stored (HtmlSanitizer). Text keeps
/// its characters as typed: a non-breaking space stays a character instead of becoming an entity.
/// </summary>
public sealed class HtmlCleaner : IDisposable
{
    // One sanitizer per thread: imports clean a batch in parallel, and a sanitizer is not documented as thread-safe.
    private readonly ThreadLocal<HtmlSanitizer> _sanitizer = new(() => new HtmlSanitizer());
    private readonly IMarkupFormatter _formatter = new CharacterKeepingFormatter();

    public string Clean(string html) => _sanitizer.Value!.Sanitize(html, "", _formatter);

    public void Dispose() => _sanitizer.Dispose();

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

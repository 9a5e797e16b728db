using System.Text.RegularExpressions;
using DiffPlex;
using Microsoft.AspNetCore.Html;

namespace ClinicCms.Web.Admin;

/// <summary>
/// Two texts compared word by word (DiffPlex): each side as pieces, marked where they changed. HTML is compared as its
/// source, a tag being one word, so a changed tag shows as changed; the pieces are plain text the page encodes.
/// </summary>
public static partial class WordDiff
{
    /// <summary>A run of words on one side, and whether the other side lacks it.</summary>
    public sealed record Piece(string Text, bool Changed);

    /// <summary>Beyond this many characters a side is shown whole as changed: marking words costs more than it helps.</summary>
    public const int MaxCompared = 200_000;

    public static (List<Piece> Left, List<Piece> Right) Compare(string? left, string? right)
    {
        left ??= "";
        right ??= "";
        if (left.Length > MaxCompared || right.Length > MaxCompared)
        {
            return (Whole(left, left != right), Whole(right, left != right));
        }
        var result = Differ.Instance.CreateDiffs(left, right, ignoreWhiteSpace: false, ignoreCase: false, new DelegateChunker(Words));
        var deleted = new bool[result.PiecesOld.Count];
        var inserted = new bool[result.PiecesNew.Count];
        foreach (var block in result.DiffBlocks)
        {
            Array.Fill(deleted, true, block.DeleteStartA, block.DeleteCountA);
            Array.Fill(inserted, true, block.InsertStartB, block.InsertCountB);
        }
        return (Runs(result.PiecesOld, Bridged(result.PiecesOld, deleted)), Runs(result.PiecesNew, Bridged(result.PiecesNew, inserted)));
    }

    // A space between two changed words belongs to the change: "<ins>new words</ins>", not one mark per word.
    private static bool[] Bridged(IReadOnlyList<string> words, bool[] changed)
    {
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (!changed[i] && changed[i - 1] && changed[i + 1] && string.IsNullOrWhiteSpace(words[i]))
            {
                changed[i] = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// One side as HTML: every piece encoded, the changed ones inside <paramref name="tag"/> (del or ins); a long unchanged
    /// run keeps <paramref name="context"/> characters at each end, so a changed word in a long body is easy to find.
    /// </summary>
    public static IHtmlContent Marked(IEnumerable<Piece> pieces, string tag, int context = 160)
    {
        var html = new HtmlContentBuilder();
        foreach (var piece in pieces)
        {
            if (piece.Changed)
            {
                html.AppendHtml($"<{tag}>").Append(piece.Text).AppendHtml($"</{tag}>");
            }
            else if (piece.Text.Length > 3 * context)
            {
                html.Append(piece.Text[..context]).AppendHtml("<span class=\"elided\">…</span>").Append(piece.Text[^context..]);
            }
            else
            {
                html.Append(piece.Text);
            }
        }
        return html;
    }

    private static List<Piece> Whole(string text, bool changed) => text.Length == 0 ? [] : [new Piece(text, changed)];

    // Neighbouring words with the same mark become one piece, so the page has one <ins> per change, not one per word.
    private static List<Piece> Runs(IReadOnlyList<string> words, bool[] changed)
    {
        var pieces = new List<Piece>();
        var run = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && changed[i] != changed[i - 1])
            {
                pieces.Add(new Piece(run.ToString(), changed[i - 1]));
                run.Clear();
            }
            run.Append(words[i]);
        }
        if (run.Length > 0)
        {
            pieces.Add(new Piece(run.ToString(), changed[^1]));
        }
        return pieces;
    }

    private static string[] Words(string text) => WordPattern().Matches(text).Select(m => m.Value).ToArray();

    // A tag, a run of spaces, a word (letters, digits, underscore), or any other single character.
    [GeneratedRegex(@"<[^<>]*>|\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]")]
    private static partial Regex WordPattern();

    private sealed class DelegateChunker(Func<string, IReadOnlyList<string>> chunk) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => chunk(text);
    }
}

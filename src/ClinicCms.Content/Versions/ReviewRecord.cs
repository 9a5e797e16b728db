using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Versions;

/// <summary>
/// The review of one version, kept in the version's JSON as <c>ReviewPart</c> so that it travels with the version
/// (history, exports, restores) without a column. Only <see cref="VersionTransitions"/> writes it: an editor's save,
/// a REST body or a clone never sets it (their value is replaced by the stored one). <see cref="Comment"/> is the
/// reviewer's (what should change, or a note with the approval) and <see cref="RequestComment"/> the author's note with
/// the request, kept apart so that asking again does not erase what the reviewer asked for.
/// </summary>
public sealed record ReviewRecord(
    ReviewState State,
    string? RequestedBy = null,
    DateTime? RequestedUtc = null,
    string? ReviewedBy = null,
    DateTime? ReviewedUtc = null,
    string? Comment = null,
    string? RequestComment = null)
{
    public const string PartName = "ReviewPart";
    public const string StateField = "State";

    /// <summary>The longest comment a reviewer may leave.</summary>
    public const int MaxCommentLength = 4000;

    public static readonly ReviewRecord None = new(ReviewState.Draft);

    /// <summary>The version's review, or a plain draft when it has none (or an unreadable one).</summary>
    public static ReviewRecord Of(ContentItem item)
    {
        if (item.Parts[PartName] is not JsonObject part)
        {
            return None;
        }
        return new ReviewRecord(
            Enum.TryParse<ReviewState>(Text(part, StateField), ignoreCase: false, out var state) && Enum.IsDefined(state) ? state : ReviewState.Draft,
            Text(part, "RequestedBy"), Date(part, "RequestedUtc"), Text(part, "ReviewedBy"), Date(part, "ReviewedUtc"), Text(part, "Comment"),
            Text(part, "RequestComment"));
    }

    /// <summary>Stores this record in the version, or removes the part when there is nothing to keep.</summary>
    public void WriteTo(ContentItem item)
    {
        if (this == None)
        {
            item.Parts.Remove(PartName);
            return;
        }
        item.Parts[PartName] = new JsonObject
        {
            [StateField] = State.ToString(),
            ["RequestedBy"] = RequestedBy,
            ["RequestedUtc"] = RequestedUtc?.ToString("O", CultureInfo.InvariantCulture),
            ["ReviewedBy"] = ReviewedBy,
            ["ReviewedUtc"] = ReviewedUtc?.ToString("O", CultureInfo.InvariantCulture),
            ["Comment"] = Comment,
            ["RequestComment"] = RequestComment,
        };
    }

    private static string? Text(JsonObject part, string name) =>
        part[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateTime? Date(JsonObject part, string name) => Scheduling.UtcDates.Read(part, name);
}

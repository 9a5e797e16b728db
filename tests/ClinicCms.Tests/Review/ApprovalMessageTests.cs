using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Versions;

namespace ClinicCms.Tests.Review;

/// <summary>The refusal of an unapproved publish names the type as editors see it, not by its technical name.</summary>
public sealed class ApprovalMessageTests
{
    [Fact]
    public void A_refused_publish_names_the_types_display_name_and_a_type_without_review_needs_no_approval()
    {
        var type = new ContentTypeDefinition
        {
            Name = "TreatmentOverview",
            DisplayName = "Treatment overview",
            Settings = new JsonObject { ["ContentTypeSettings"] = new JsonObject { ["RequiresReview"] = true } },
        };
        var draft = ContentService.New("TreatmentOverview");
        var author = new ContentUser("author-id", "author");

        var refused = VersionTransitions.CheckApproval(draft, type, author, DateTime.UtcNow);

        Assert.StartsWith("publishing this Treatment overview needs an approved review", refused, StringComparison.Ordinal);
        type.Settings["ContentTypeSettings"]!["RequiresReview"] = false;
        Assert.Null(VersionTransitions.CheckApproval(draft, type, author, DateTime.UtcNow));
        Assert.Null(VersionTransitions.CheckApproval(draft, null, author, DateTime.UtcNow));
    }
}

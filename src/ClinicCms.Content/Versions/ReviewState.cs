namespace ClinicCms.Content.Versions;

/// <summary>Where a draft of a type that requires review stands. Every edit of its content sends it back to <see cref="Draft"/>.</summary>
public enum ReviewState
{
    Draft,
    InReview,
    ChangesRequested,
    Approved,
}

/// <summary>What a review step asks for: the author requests a review, a reviewer approves or requests changes.</summary>
public enum ReviewAction
{
    Request,
    Approve,
    RequestChanges,
}

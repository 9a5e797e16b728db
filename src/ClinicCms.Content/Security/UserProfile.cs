namespace ClinicCms.Content.Security;

/// <summary>
/// What a user's profile says about them to readers: a display name and professional credentials, kept as user claims
/// (no column of Identity's user table holds them). A medical review names the reviewer with them.
/// </summary>
public static class UserProfile
{
    public const string DisplayNameClaim = "display_name";
    public const string CredentialsClaim = "credentials";

    /// <summary>The longest display name or credentials line a profile keeps.</summary>
    public const int MaxLength = 200;

    /// <summary>"Jane Doe, MD": the display name (else the user name) with the credentials, if any.</summary>
    public static string? Byline(string? displayName, string? credentials, string? userName)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        return string.IsNullOrWhiteSpace(credentials) ? name : $"{name}, {credentials.Trim()}";
    }

    /// <summary>Why a profile value is refused, or null: plain text of one line, no markup.</summary>
    public static string? Check(string? value) => value switch
    {
        null => null,
        { Length: > MaxLength } => $"at most {MaxLength} characters",
        _ when !Validation.TextCheck.IsPlainText(value, multiline: false) =>
            "plain text of one line: no markup (< or >), no control characters and no direction overrides",
        _ when !Validation.TextCheck.IsValid(value) => "not valid text",
        _ => null,
    };
}

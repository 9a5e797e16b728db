namespace ClinicCms.Content.Audit;

/// <summary>What an audit row is about; each category has its own permission to read it.</summary>
public static class AuditCategories
{
    public const string Content = "content";
    public const string Type = "type";
    public const string Role = "role";
    public const string User = "user";
    public const string Client = "client";
    public const string SignIn = "sign-in";
    public const string Recipe = "recipe";
    public const string Site = "site";
    public const string Media = "media";

    public static readonly IReadOnlyList<string> All = [Content, Type, Role, User, Client, SignIn, Recipe, Site, Media];
}

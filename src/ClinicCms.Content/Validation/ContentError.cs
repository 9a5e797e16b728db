namespace ClinicCms.Content.Validation;

/// <summary>A problem with a content item: <see cref="Path"/> names the part and field (e.g. <c>FAQ.Order</c>).</summary>
public sealed record ContentError(string Path, string Message)
{
    public ContentError WithPrefix(string prefix) => this with { Path = string.IsNullOrEmpty(Path) ? prefix : $"{prefix}.{Path}" };

    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}

using ClinicCms.Content.Media;
using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>Orchard 2.0's MediaField shape: <c>files(first, last, skip) { fileName path url mediaText }</c>.</summary>
public sealed class MediaFieldGraphType : ObjectGraphType<FieldSource>
{
    public MediaFieldGraphType()
    {
        Name = "MediaField";
        Field<ListGraphType<MediaFileGraphType>>("files")
            .Arguments(ListArguments.FirstLastSkip())
            .Resolve(c =>
            {
                var paths = JsonRead.Strings(c.Source.Value, "Paths");
                var texts = JsonRead.Strings(c.Source.Value, "MediaTexts");
                var files = paths.Select((path, i) => new MediaFile(path, i < texts.Count ? texts[i] : null)).ToList();
                return ListArguments.Slice(files, c);
            });
    }
}

public sealed record MediaFile(string Path, string? MediaText)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Media are served by the app under /media (the media library issue adds the files themselves).</summary>
    public string Url => "/media/" + string.Join('/', Path.TrimStart('/').Split('/').Select(Uri.EscapeDataString));
}

public sealed class MediaFileGraphType : ObjectGraphType<MediaFile>
{
    public MediaFileGraphType()
    {
        Name = "MediaFile";
        Field<StringGraphType>("fileName").Resolve(c => c.Source.FileName);
        Field<StringGraphType>("path").Resolve(c => c.Source.Path);
        Field<StringGraphType>("url")
            .Description("The file's URL; with width, height, mode or format, the URL of a resized image. Widths and heights are limited to the site's supported sizes.")
            .Argument<IntGraphType>("width", "Width in pixels: one of the supported sizes.")
            .Argument<IntGraphType>("height", "Height in pixels: one of the supported sizes.")
            .Argument<MediaResizeModeGraphType>("mode", "How the image fits the width and height; CROP by default.")
            .Argument<MediaImageFormatGraphType>("format", "The image format; the original's by default.")
            .Resolve(ResizedUrl);
        Field<StringGraphType>("mediaText").Resolve(c => c.Source.MediaText);
    }

    private static string ResizedUrl(IResolveFieldContext<MediaFile> context)
    {
        var width = context.GetArgument<int?>("width");
        var height = context.GetArgument<int?>("height");
        var mode = context.GetArgument<ImageResizeMode?>("mode");
        var format = context.GetArgument<ImageFormat?>("format");
        if (width is null && height is null && mode is null && format is null)
        {
            return context.Source.Url;
        }
        var sizes = ContentReadContext.Of(context).Options.MediaSizes;
        foreach (var (name, size) in new[] { ("width", width), ("height", height) })
        {
            if (size is { } value && !sizes.Contains(value))
            {
                throw new ExecutionError($"{name} {value} is not a supported size; supported sizes: {ImageSizes.Describe(sizes)}") { Code = "ARGUMENT_INPUT_ERROR" };
            }
        }
        var query = new ImageResize(width, height, mode ?? ImageResizeMode.Crop, format, null, null).ToQuery();
        // The original's version makes the URL one the media endpoint serves as immutable, and a new one when the file is replaced.
        if (ContentReadContext.Of(context).MediaVersions?.VersionOf(context.Source.Path) is { } version)
        {
            query = query.Length == 0 ? $"v={Uri.EscapeDataString(version)}" : $"{query}&v={Uri.EscapeDataString(version)}";
        }
        return query.Length == 0 ? context.Source.Url : $"{context.Source.Url}?{query}";
    }
}

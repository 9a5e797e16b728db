using ClinicCms.GraphQL.Queries;
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
        Field<StringGraphType>("url").Resolve(c => c.Source.Url);
        Field<StringGraphType>("mediaText").Resolve(c => c.Source.MediaText);
    }
}

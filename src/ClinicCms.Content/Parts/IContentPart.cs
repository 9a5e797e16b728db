using System.Text.Json.Nodes;

namespace ClinicCms.Content.Parts;

/// <summary>
/// A typed view of a part ClinicCms understands, read from and written to the item's JSON (Orchard's typed parts,
/// without <c>dynamic</c>). Writing sets only the part's own properties, so values it does not know stay.
/// </summary>
public interface IContentPart
{
    /// <summary>Reads the part leniently: a property that is missing or of the wrong kind reads as null.</summary>
    void ReadFrom(JsonObject? json);

    void WriteTo(JsonObject json);
}

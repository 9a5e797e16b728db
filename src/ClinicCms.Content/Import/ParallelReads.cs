using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Import;

/// <summary>
/// Readies shared JSON for reads from several threads. A JsonObject or JsonArray read from text builds its children
/// on first access, which is not safe to race; once built, concurrent reads are.
/// </summary>
public static class ParallelReads
{
    /// <summary>Builds every settings object of the definitions, so items can be checked and cleaned in parallel.</summary>
    public static void Prepare(ContentDefinitionSet definitions)
    {
        foreach (var type in definitions.Types)
        {
            Build(type.Settings);
            foreach (var part in type.Parts)
            {
                Build(part.Settings);
            }
        }
        foreach (var part in definitions.Parts)
        {
            Build(part.Settings);
            foreach (var field in part.Fields)
            {
                Build(field.Settings);
            }
        }
    }

    /// <summary>Builds <paramref name="node"/> and everything under it.</summary>
    public static void Build(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Build(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Build(child);
                }
                break;
        }
    }
}

namespace ClinicCms.Content.Versions;

/// <summary>Which version of an item to read.</summary>
public enum VersionOptions
{
    /// <summary>The version frontends see.</summary>
    Published,

    /// <summary>The newest version: the draft if there is one, else the published version.</summary>
    Latest,
}

using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Import;

/// <summary>
/// An item to import, parsed by the caller. <see cref="CheckedAsNew"/>: the caller has validated it as a new version
/// (its version id was not stored then) against the definitions it imports with, so while the version is still new the
/// import does not validate it again; a version found stored meanwhile is merged and validated as usual.
/// </summary>
public sealed record ImportItem(ContentItem Item, bool CheckedAsNew);

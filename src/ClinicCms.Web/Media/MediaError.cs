namespace ClinicCms.Web.Media;

/// <summary>Why the media library refused an operation, with the HTTP status that says whose problem it is.</summary>
public sealed record MediaError(int StatusCode, string Message)
{
    /// <summary>The request asked for something the library does not allow (type, size, name, content).</summary>
    public static MediaError Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    /// <summary>The media folder could not be written: full, read-only or refused.</summary>
    public static MediaError Storage(Exception e) =>
        new(StatusCodes.Status507InsufficientStorage, $"The media folder cannot be written ({StorageProblem(e)}); nothing was saved.");

    /// <summary>What is wrong with the media folder, from the error a write got.</summary>
    public static string StorageProblem(Exception e) =>
        IsDiskFull(e) ? "its disk is full" : "it is read-only or access is denied";

    public override string ToString() => Message;

    // ENOSPC (28) and EDQUOT (122) on Linux; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
    private static bool IsDiskFull(Exception e) =>
        e is IOException && e.HResult is 28 or 122 or unchecked((int)0x80070027) or unchecked((int)0x80070070);
}

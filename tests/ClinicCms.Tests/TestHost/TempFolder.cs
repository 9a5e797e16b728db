namespace ClinicCms.Tests.TestHost;

/// <summary>
/// A new folder under the system temp folder, deleted on dispose, with the PostgreSQL database of the apps that ran
/// on it (<see cref="Database"/>): several apps may share one folder, and it outlives them all.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private PostgresDatabase? _database;

    /// <summary>The PostgreSQL database named after this folder, created on first use and dropped with the folder.</summary>
    public PostgresDatabase Database => _database ??= PostgresDatabase.Open("cliniccms_test_" + System.IO.Path.GetFileName(Path));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cliniccms-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies every file under <paramref name="source"/> to the same place under <paramref name="target"/>.</summary>
    public static void CopyFiles(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            System.IO.File.Copy(file, copy);
        }
    }

    public void Dispose()
    {
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held by NLog's writer; the OS temp cleaner takes it later.
        }
    }
}

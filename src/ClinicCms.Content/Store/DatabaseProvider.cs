namespace ClinicCms.Content.Store;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

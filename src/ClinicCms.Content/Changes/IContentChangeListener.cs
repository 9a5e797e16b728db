namespace ClinicCms.Content.Changes;

/// <summary>
/// Hears every committed change: register one with <c>services.AddContentChangeListener&lt;T&gt;()</c>. Called on the
/// writer's thread right after the commit, once per transaction with all its changes; keep it quick and never throw.
/// </summary>
public interface IContentChangeListener
{
    /// <param name="changes">The changes of one transaction, in the order they were written.</param>
    /// <param name="local">False for changes another instance announced (over Redis).</param>
    void OnChanged(IReadOnlyList<ContentChange> changes, bool local);
}

namespace ClinicCms.Content.Search;

/// <summary>
/// Maps a list in order, on every core when it is long: indexing a recipe's items (parsing them, stemming their
/// words) runs at its commit on one thread otherwise, while a single save's few items are not worth the hand-off.
/// Only for maps that touch nothing shared but thread-safe state (not the definitions' JSON, read lazily).
/// </summary>
internal static class OrderedMap
{
    private const int ParallelFrom = 64;

    public static List<TOut> Of<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map) =>
        items.Count < ParallelFrom ? [.. items.Select(map)] : [.. items.AsParallel().AsOrdered().Select(map)];
}

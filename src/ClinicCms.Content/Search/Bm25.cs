namespace ClinicCms.Content.Search;

/// <summary>
/// FTS5's bm25() as SQLite computes it, operation for operation, so that a score ranked in memory equals the one SQL
/// gives: k1 = 1.2, b = 0.75; the IDF of a phrase from the rows of the whole table holding it, clamped to 1e-6 when not
/// positive; a phrase's frequency in a row is its column weights added once per occurrence, in column order; the row's
/// length is its tokens in every column, against the table's average.
/// </summary>
internal static class Bm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>The column weights SqliteSearchIndex passes to bm25(): High, Normal, Low.</summary>
    public static readonly double[] ColumnWeights = [1.0, 0.4, 0.2];

    public static double Idf(long rows, long rowsWithPhrase)
    {
        var idf = Math.Log((rows - rowsWithPhrase + 0.5) / (rowsWithPhrase + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }

    /// <summary>
    /// A phrase's factor in a row: its part of the row's score is the phrase's IDF times this (the same operations as
    /// FTS5's, so the product is the same double).
    /// </summary>
    public static double Factor(double frequency, double length, double averageLength) =>
        (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / averageLength));
}

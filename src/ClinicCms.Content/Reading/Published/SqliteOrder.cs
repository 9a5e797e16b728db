namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// How SQLite orders the values of one column: NULL before anything, text by its UTF-8 bytes (the BINARY collation),
/// numbers, booleans (stored as 0 and 1) and instants (stored as sortable text) by value.
/// </summary>
public static class SqliteOrder
{
    public static int Compare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }
        return a switch
        {
            string text => CompareUtf8(text, (string)b),
            double number => number.CompareTo((double)b),
            bool flag => flag.CompareTo((bool)b),
            DateTime instant => instant.CompareTo((DateTime)b),
            _ => throw new InvalidOperationException($"No SQLite order for {a.GetType().Name}."),
        };
    }

    /// <summary>
    /// UTF-8 byte order is code point order. UTF-16 code units agree with it except that surrogates (U+D800-DFFF,
    /// code points above U+FFFF) must sort after U+E000-FFFF; moving them up by 0x2000 and the rest down fixes that.
    /// </summary>
    public static int CompareUtf8(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointOrder(a[i]) - CodePointOrder(b[i]);
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int CodePointOrder(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;
}

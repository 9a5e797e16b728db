using System.Globalization;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>
/// GraphQL.NET's DateTime scalar with the same output, written without a custom format string: a custom format is
/// interpreted character by character for every value, and a list of items carries several dates each.
/// </summary>
public sealed class IsoDateTimeGraphType : DateTimeGraphType
{
    // "yyyy-MM-ddTHH:mm:ss." before the seven digits of the fraction that the round-trip format writes.
    private const int FractionStart = 20;
    private const int FractionDigits = 7;

    public IsoDateTimeGraphType() => Name = "DateTime";

    public override object? Serialize(object? value) => value is DateTime dateTime ? Write(dateTime) : base.Serialize(value);

    /// <summary>
    /// As "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK": the round-trip format with the fraction's trailing zeros
    /// dropped, and its point too when nothing is left of it.
    /// </summary>
    public static string Write(DateTime dateTime)
    {
        Span<char> text = stackalloc char[40];
        dateTime.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        var kept = FractionDigits;
        while (kept > 0 && text[FractionStart + kept - 1] == '0')
        {
            kept--;
        }
        var fractionEnd = FractionStart + FractionDigits;
        var head = kept == 0 ? FractionStart - 1 : FractionStart + kept;
        return string.Concat(text[..head], text[fractionEnd..length]);
    }
}

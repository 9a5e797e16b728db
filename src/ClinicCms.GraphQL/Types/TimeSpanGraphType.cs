using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ClinicCms.GraphQL.Types;

/// <summary>A time of day as "hh:mm:ss", as Orchard exposes TimeField values.</summary>
public sealed class TimeSpanGraphType : ScalarGraphType
{
    public TimeSpanGraphType()
    {
        Name = "TimeSpan";
        Description = "A time of day, \"hh:mm:ss\".";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        TimeSpan time => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
        string text => ParseValue(text) is TimeSpan parsed ? Serialize(parsed) : ThrowSerializationError(value),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        TimeSpan time => time,
        string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) => time,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => ParseValue((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };
}

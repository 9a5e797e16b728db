using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's serializer, with results written as its ExecutionResultJsonConverter writes them, except that
/// strings, numbers and booleans go straight to the writer instead of through the serializer's lookup by runtime type
/// (every leaf of an answer is one), into a buffer kept per thread, without the serializer's asynchronous machinery. Errors,
/// extensions and values of any other type are still written by the serializer, with its options.
/// </summary>
internal sealed class ResultSerializer(IErrorInfoProvider errors)
    // JSON for API clients, not HTML: no need to escape every non-ASCII character or angle bracket. Nothing else is
    // set, so the fast path below writes what the serializer's own converters would.
    : GraphQLSerializer(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, errors)
{
    private const int DefaultMaxDepth = 64;

    // A writer and its buffer per thread, as the serializer keeps its own; taken while in use.
    [ThreadStatic]
    private static (ResultSerializer Owner, ArrayBufferWriter<byte> Output, Utf8JsonWriter Writer)? _spare;

    /// <summary>The answer as UTF-8, the bytes both sent and kept by the response cache.</summary>
    public byte[] ToUtf8Bytes(ExecutionResult result)
    {
        var (_, output, writer) = _spare is { } spare && spare.Owner == this ? spare : (this, NewOutput(), (Utf8JsonWriter?)null);
        _spare = null;
        // The writer the serializer would make from its options.
        writer ??= new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = SerializerOptions.Encoder,
            MaxDepth = SerializerOptions.MaxDepth == 0 ? DefaultMaxDepth : SerializerOptions.MaxDepth,
            SkipValidation = true,
        });
        try
        {
            Write(writer, result);
            writer.Flush();
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset(output);
            output.ResetWrittenCount();
            if (output.Capacity <= 256 * 1024)
            {
                _spare = (this, output, writer); // a large answer's buffer is not kept
            }
        }
    }

    private static ArrayBufferWriter<byte> NewOutput() => new(16 * 1024);

    private void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName("errors");
            JsonSerializer.Serialize(writer, errors, SerializerOptions);
        }
        if (result.Executed)
        {
            writer.WritePropertyName("data");
            if (result.Data is ExecutionNode node)
            {
                Write(writer, node);
            }
            else
            {
                JsonSerializer.Serialize(writer, result.Data, SerializerOptions);
            }
        }
        if (result.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions");
            JsonSerializer.Serialize(writer, extensions, SerializerOptions);
        }
        writer.WriteEndObject();
    }

    private void Write(Utf8JsonWriter writer, ExecutionNode? node)
    {
        switch (node)
        {
            case ValueExecutionNode value:
                Write(writer, value.ToValue());
                break;
            case ObjectExecutionNode { SubFields: null }:
                writer.WriteNullValue();
                break;
            case ObjectExecutionNode parent:
                writer.WriteStartObject();
                foreach (var field in parent.SubFields)
                {
                    writer.WritePropertyName(SerializerOptions.PropertyNamingPolicy?.ConvertName(field.Name!) ?? field.Name!);
                    Write(writer, field);
                }
                writer.WriteEndObject();
                break;
            case ArrayExecutionNode { Items: null } array:
                JsonSerializer.Serialize(writer, array.SerializedResult, SerializerOptions);
                break;
            case ArrayExecutionNode array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case null or NullExecutionNode:
                writer.WriteNullValue();
                break;
            default:
                Write(writer, node.ToValue());
                break;
        }
    }

    // What the serializer's own converters write for these types.
    private void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, value, SerializerOptions);
                break;
        }
    }
}

using System.Collections.Concurrent;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// The response cache's key of a request, by the request's JSON body as sent. A frontend sends the same bodies again
/// and again, and the key follows from the body alone: a body seen before skips parsing the JSON, writing the
/// variables out again and normalizing the query, so a cached answer costs reading the body, one lookup here and one
/// in the cache. Bounded by the characters it holds; when full it starts over.
/// </summary>
public sealed class RequestKeys
{
    // Larger bodies are rare and are simply read the long way.
    private const int MaxBodyChars = 8 * 1024;
    private const long MaxChars = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Known> _byBody = new(StringComparer.Ordinal);
    private long _chars;

    /// <summary>What a body's request contributes to a response cache key (<see cref="ResponseCache.RequestKey"/>), and its normalized query.</summary>
    public sealed record Known(string RequestKey, string NormalizedQuery);

    public Known? Find(string body) => _byBody.GetValueOrDefault(body);

    public void Remember(string body, Known known)
    {
        if (body.Length > MaxBodyChars)
        {
            return;
        }
        if (Interlocked.Add(ref _chars, body.Length + known.RequestKey.Length) > MaxChars)
        {
            _byBody.Clear();
            Interlocked.Exchange(ref _chars, body.Length + known.RequestKey.Length);
        }
        _byBody.TryAdd(body, known);
    }
}

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Other instances' committed changes as they happen (Redis pub/sub in the host); registered only when instances share
/// one. While it is live, a reader may trust what it last read from the database until a change is announced.
/// </summary>
public interface IChangeFeed
{
    /// <summary>True while messages can arrive: connected and subscribed.</summary>
    bool IsLive { get; }

    /// <summary>Moves on whenever the feed may have missed messages (it lost its connection, or got it back).</summary>
    long Epoch { get; }
}

namespace ClinicCms.Tests.TestHost;

/// <summary>Waits for a condition by asking again, instead of sleeping for a fixed time that is too long on a quiet machine and too short on a busy one.</summary>
public static class Eventually
{
    /// <summary>Sends until the answer satisfies <paramref name="done"/> or <paramref name="timeout"/> (30 s) passes; returns the last answer.</summary>
    public static async Task<HttpResponseMessage> SendUntilAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await send();
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(50);
        }
    }
}

using System.Net;
using System.Text.RegularExpressions;
using ClinicCms.Tests.Security;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// Plain HTTP to the app on 127.0.0.1, posing as a proxy on the same host: every request carries the given
/// X-Forwarded-* headers. Cookies are kept by hand, since a cookie container withholds Secure cookies over http://.
/// </summary>
public sealed partial class LoopbackClient(string baseAddress, IDictionary<string, string> forwarded) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseAddress) };
    private readonly Dictionary<string, string> _cookies = [];

    /// <summary>The Set-Cookie headers of every response so far.</summary>
    public List<string> SetCookies { get; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        using var page = await GetAsync("/login");
        var token = SecuredSite.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return await PostAsync("/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token });
    }

    public Task<HttpResponseMessage> TokenAsync() => PostAsync("/connect/token", new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = "reader-app",
        ["client_secret"] = "Reader-app-secret-1",
    });

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        foreach (var (name, value) in forwarded)
        {
            request.Headers.Add(name, value);
        }
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _http.SendAsync(request);
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookies.Add(cookie);
            var pair = CookiePair().Match(cookie);
            _cookies[pair.Groups[1].Value] = pair.Groups[2].Value;
        }
        return response;
    }

    public static bool IsSecure(string setCookie) => setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a Set-Cookie header sets a value, rather than deleting the cookie.</summary>
    public static bool SetsValue(string setCookie) => CookiePair().Match(setCookie).Groups[2].Length > 0;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("^([^=]+)=([^;]*)")]
    private static partial Regex CookiePair();
}

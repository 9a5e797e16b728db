using System.Security.Cryptography;
using System.Text.Json;
using ClinicCms.Content.Store;
using RoleStore = ClinicCms.Content.Security.RoleStore;
using Stereotypes = ClinicCms.Content.Security.Stereotypes;
using ClinicCms.Web.Security.OpenId;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicCms.Web.Pages.Admin.Clients;

/// <summary>API clients for the client-credentials flow: the secret is generated, shown once and stored hashed; clients can be disabled or get a new secret, which also ends the tokens taken with the old one.</summary>
public sealed class ClientsModel(IOpenIddictApplicationManager applications, RoleStore roles) : PageModel
{
    private const string DisabledProperty = ApplicationRoles.DisabledProperty;

    public sealed record Client(string ClientId, string? DisplayName, string[] Roles, bool Enabled);

    public List<Client> Clients { get; } = [];
    public List<string> Roles { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public string? NewClientId { get; private set; }
    public string? Error { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string clientId, string? displayName, string[] roles)
    {
        if (string.IsNullOrWhiteSpace(clientId) || await applications.FindByClientIdAsync(clientId, HttpContext.RequestAborted) is not null)
        {
            Error = $"Choose a client id that is not in use.";
            await LoadAsync();
            return Page();
        }
        var secret = NewSecretValue();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? clientId : displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        ApplicationRoles.Set(descriptor, roles);
        ApplicationSecrets.Renew(descriptor);
        await applications.CreateAsync(descriptor, HttpContext.RequestAborted);
        (NewClientId, NewSecret) = (clientId, secret);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(string clientId)
    {
        if (await applications.FindByClientIdAsync(clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, HttpContext.RequestAborted);
        descriptor.ClientSecret = NewSecretValue();
        ApplicationSecrets.Renew(descriptor); // tokens taken with the old secret end with it
        await applications.UpdateAsync(application, descriptor, HttpContext.RequestAborted);
        (NewClientId, NewSecret) = (clientId, descriptor.ClientSecret);
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// A disabled client keeps its settings but may not use the token endpoint, and the tokens it holds end for good:
    /// enabled again, it takes new ones.
    /// </summary>
    public async Task<IActionResult> OnPostToggleAsync(string clientId)
    {
        if (await applications.FindByClientIdAsync(clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, HttpContext.RequestAborted);
        var enabled = !descriptor.Properties.ContainsKey(DisabledProperty);
        if (enabled)
        {
            descriptor.Permissions.Remove(Permissions.Endpoints.Token);
            descriptor.Properties[DisabledProperty] = JsonSerializer.SerializeToElement(true);
            ApplicationSecrets.Renew(descriptor);
        }
        else
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Token);
            descriptor.Properties.Remove(DisabledProperty);
        }
        await applications.UpdateAsync(application, descriptor, HttpContext.RequestAborted);
        TempData["Message"] = $"{clientId} is {(enabled ? "disabled" : "enabled")}.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Roles = (await roles.ListAsync(HttpContext.RequestAborted)).Select(r => r.Name).Where(r => r != Stereotypes.Anonymous).ToList();
        await foreach (var application in applications.ListAsync(count: 500, offset: 0, HttpContext.RequestAborted))
        {
            var properties = await applications.GetPropertiesAsync(application, HttpContext.RequestAborted);
            Clients.Add(new Client(
                await applications.GetClientIdAsync(application, HttpContext.RequestAborted) ?? "",
                await applications.GetDisplayNameAsync(application, HttpContext.RequestAborted),
                await ApplicationRoles.GetAsync(applications, application, HttpContext.RequestAborted),
                !properties.ContainsKey(DisabledProperty)));
        }
    }

    private static string NewSecretValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

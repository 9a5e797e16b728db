namespace ClinicCms.Web.Security.OpenId;

/// <summary>Orchard's OpenIdServerSettings that ClinicCms honours; the rest of the step is stored as given.</summary>
public sealed class OpenIdServerSettings
{
    public const string DocumentName = "OpenIdServerSettings";

    public bool EnableTokenEndpoint { get; set; } = true;
    public bool AllowClientCredentialsFlow { get; set; } = true;
}

namespace ClinicCms.Tests.TestHost;

/// <summary>The fixed ids of the clinic recipe's items.</summary>
public static class ClinicIds
{
    public const string Article = "nh7bd7gx046qaj9thkj7tmbnjt";
    public const string TreatmentOverview = "8e6bv2g4zr2fdcekjykxb6jrbe";
}

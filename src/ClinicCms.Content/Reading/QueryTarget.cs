namespace ClinicCms.Content.Reading;

/// <summary>What a filter compares or an order sorts by: a root column of the version row, or a field of a part.</summary>
public abstract record QueryTarget;

namespace ClinicCms.Content.Parts;

/// <summary>The names of the built-in field kinds (see <see cref="Fields.ContentFieldKinds"/>), for code that names one.</summary>
public static class FieldKinds
{
    public const string TextField = nameof(TextField);
    public const string HtmlField = nameof(HtmlField);
    public const string MarkdownField = nameof(MarkdownField);
    public const string NumericField = nameof(NumericField);
    public const string BooleanField = nameof(BooleanField);
    public const string DateField = nameof(DateField);
    public const string DateTimeField = nameof(DateTimeField);
    public const string TimeField = nameof(TimeField);
    public const string LinkField = nameof(LinkField);
    public const string ContentPickerField = nameof(ContentPickerField);
    public const string MediaField = nameof(MediaField);
    public const string MultiTextField = nameof(MultiTextField);
}

using System.Text;
using ClinicCms.Web.Media;

namespace ClinicCms.Tests.Media;

/// <summary>Which SVGs the media library keeps: drawings yes, anything that runs script or loads another file no.</summary>
public sealed class SvgCheckTests
{
    [Theory]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "the SVG has a script element")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><SCRIPT>alert(1)</SCRIPT></svg>", "the SVG has a script element")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject></svg>", "the SVG has a foreignObject element")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><rect OnClick='alert(1)'/></svg>", "the SVG has an event handler attribute 'OnClick'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><a xlink:href='java&#x09;script:alert(1)'><text>x</text></a></svg>", "the SVG has a javascript: value in 'xlink:href'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><use href='https://evil.example/x.svg#a'/></svg>", "the SVG has an external reference in 'href'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><set attributeName='href' to='x'/></svg>", "the SVG has an external reference in 'attributeName'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><style>@import url(https://evil.example/a.css);</style></svg>", "the SVG has a style sheet @import")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill: url(https://evil.example/p.svg#p)'/></svg>", "the SVG has an external reference in 'style'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><image href='data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+'/></svg>", "the SVG has an external reference in 'href'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><style>*{background:u\\72l(http://evil.example/x)}</style></svg>", "the SVG has an external reference in a style url()")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill: \\75 rl(https://evil.example/p.svg#p)'/></svg>", "the SVG has an external reference in 'style'")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><style>@\\69mport 'https://evil.example/a.css';</style></svg>", "the SVG has a style sheet @import")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><rect fill='url(https://evil.example/p.svg#p)' filter='url(#f)'/></svg>", "the SVG has an external reference in 'fill'")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x 'y'>]><svg xmlns='http://www.w3.org/2000/svg'>&x;</svg>", "the SVG has a DOCTYPE, which is not allowed")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "the SVG is not well-formed XML (line 1, position ")]
    public void Svgs_that_could_run_script_or_load_files_are_refused_with_the_reason(string svg, string problem) =>
        Assert.StartsWith(problem, SvgCheck.Problem(new MemoryStream(Encoding.UTF8.GetBytes(svg))), StringComparison.Ordinal);

    [Fact]
    public void A_drawing_with_gradients_internal_references_and_inline_styles_is_kept()
    {
        const string svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
              <!-- exported from a drawing program -->
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0h10"/></defs>
              <style>.a { fill: url(#g); } .q::before { content: "\201C"; }</style>
              <rect class="a" width="10" height="10" style="stroke: url('#g')"/>
              <use xlink:href="#p"/>
              <image href="data:image/png;base64,iVBORw0KGgo="/>
            </svg>
            """;
        Assert.Null(SvgCheck.Problem(new MemoryStream(Encoding.UTF8.GetBytes(svg))));
    }
}

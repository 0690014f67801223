namespace Tuner.Host.Tests.Report;

/// <summary>A fact that needs Debian's headless Chromium (/usr/bin/chromium); skipped, saying so, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path)) Skip = $"{Path} is not installed (apt-get install -y chromium; .ci/run should install it): the page is not rendered";
    }
}

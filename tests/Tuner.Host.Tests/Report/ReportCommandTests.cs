using System.Diagnostics;
using SkiaSharp;
using Tuner.Host.Tests.Cli;

namespace Tuner.Host.Tests.Report;

/// <summary>`tuner report` on a real work_dir: the page, its plots, what a browser shows, and the work_dir left as it was.</summary>
public sealed class ReportCommandTests(TunedWorkDir wd) : IClassFixture<TunedWorkDir>
{
    private (string Page, string Html) Report(string name)
    {
        var page = Path.Combine(wd.Dir, name + ".html");
        var (code, output, err) = CliRunner.Run("report", wd.Work, "-o", page);
        Assert.True(code == 0, err);
        Assert.Contains($"wrote {page}: 2 task(s), 16 trials", output);
        return (page, File.ReadAllText(page));
    }

    [Fact]
    public void The_page_names_every_task_and_embeds_its_plots_which_are_also_written_beside_it()
    {
        var (page, html) = Report("report");
        Assert.Contains("Task 0: mm", html);
        Assert.Contains("Task 1: sfm", html);
        Assert.Contains("<th>Weighted Latency (us)</th>", html);
        Assert.Contains("trials per minute", html);
        // Curve against trials and against wall time, latency distribution: three plots per task at least.
        var files = Directory.GetFiles(Path.Combine(wd.Dir, "report_files"), "*.png").Select(Path.GetFileName).ToList();
        Assert.Contains("task0_curve_trials.png", files);
        Assert.Contains("task0_curve_time.png", files);
        Assert.Contains("task1_latency.png", files);
        Assert.Equal(files.Count, html.Split("data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("src=\"http", html); // self-contained
        Assert.True(new FileInfo(page).Length > 10_000);
    }

    [Fact]
    public void The_work_dir_is_only_read()
    {
        static string[] Snapshot(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}").ToArray();
        var before = Snapshot(wd.Work);
        Report("readonly");
        Assert.Equal(before, Snapshot(wd.Work));
    }

    [ChromiumFact]
    public void Headless_Chromium_renders_the_page_with_plots_that_are_not_blank()
    {
        var (page, _) = Report("browser");
        var shot = Path.Combine(wd.Dir, "shot.png");
        var profile = Directory.CreateTempSubdirectory("tuner-report-chromium").FullName;
        try
        {
            var psi = new ProcessStartInfo(ChromiumFactAttribute.Path) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={shot}", "--window-size=1400,1600", new Uri(page).AbsoluteUri })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(60))) { p.Kill(true); Assert.Fail("chromium did not finish in 60 s"); }
            Assert.True(File.Exists(shot), $"no screenshot: {err.Result}");
        }
        finally { Directory.Delete(profile, true); }
        using var bmp = SKBitmap.Decode(shot);
        Assert.Equal(1400, bmp.Width);
        // The first task's plots start below the two tables; their lines and bars are the only saturated colours on the page.
        int coloured = 0;
        for (int y = bmp.Height / 3; y < bmp.Height; y += 2)
            for (int x = 0; x < bmp.Width; x += 2)
            {
                var c = bmp.GetPixel(x, y);
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80) coloured++;
            }
        Assert.True(coloured > 300, $"only {coloured} coloured pixels in the plot area of the screenshot: the plots look blank");
    }

    [Fact]
    public void A_missing_work_dir_is_refused_in_one_line()
    {
        var (code, _, err) = CliRunner.Run("report", Path.Combine(wd.Dir, "nope"), "-o", Path.Combine(wd.Dir, "x.html"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: WORK_DIR", err);
    }
}

using Tuner.Actors.Runner;
using Tuner.Actors.Tuning;

namespace Tuner.Actors.Tests.Tuning;

public class FailureReporterTests
{
    private static MeasureResult Failed(int i, FailureKind kind, string error) => new(i, null, error, false, kind);

    [Fact]
    public void The_first_failure_of_each_kind_is_printed_with_its_first_lines_and_all_are_counted_by_kind()
    {
        var console = new StringWriter();
        var reporter = new FailureReporter(console, firstLines: 2);

        reporter.Report("mm", Failed(0, FailureKind.Build, "compiler exited with code 1:\nline one\nline two\nline three"), "logs/task_0_mm.log");
        reporter.Report("mm", Failed(1, FailureKind.Build, "another build error"), "logs/task_0_mm.log");
        reporter.Report("relu", Failed(0, FailureKind.Timeout, "timeout after 10.1 s"), "logs/task_1_relu.log");
        reporter.Report("relu", new MeasureResult(1, [1e-6], null, true), "logs/task_1_relu.log");

        var text = console.ToString();
        Assert.Contains("error: mm: first candidate that failed to build (later ones are counted; all are in logs/task_0_mm.log):\n  compiler exited with code 1:\n  line one\n  … (2 more lines)", text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("another build error", text);
        Assert.Contains("error: relu: first candidate that timed out", text);
        Assert.Equal("2 build, 1 timeout", reporter.CountsText());
    }

    [Fact]
    public void A_batch_is_stopped_only_when_every_candidate_failed_to_build_with_the_same_error_up_to_file_names()
    {
        string Error(int k) => $"compiler exited with code 1:\n/tmp/tuner-build/77/b{k}_0a1b2c3d/batch{k}.c: cc1: error: bad value 'notacpu' for '-march=' switch in cand_{k}";
        MeasureResult[] same = [Failed(0, FailureKind.Build, Error(0)), Failed(1, FailureKind.Build, Error(1))];
        MeasureResult[] differ = [Failed(0, FailureKind.Build, Error(0)), Failed(1, FailureKind.Build, "compiler exited with code 1:\nother")];
        MeasureResult[] oneRan = [Failed(0, FailureKind.Build, Error(0)), new MeasureResult(1, [1e-6], null, true)];

        Assert.Equal(Error(0), FailureReporter.SameBuildError(same));
        Assert.Null(FailureReporter.SameBuildError(differ));
        Assert.Null(FailureReporter.SameBuildError(oneRan));
        Assert.Null(FailureReporter.SameBuildError(same[..1]));
    }
}

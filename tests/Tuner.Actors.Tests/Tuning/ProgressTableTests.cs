using Tuner.Actors.Tuning;

namespace Tuner.Actors.Tests.Tuning;

public class ProgressTableTests
{
    [Fact]
    public void The_table_has_TVMs_columns_and_the_untuned_latency_right_aligned_with_NA_for_a_task_without_a_valid_record_and_in_the_total()
    {
        var text = ProgressTable.Format(
            [
                new TaskSummary("matmul", 2, 0, 268435456, 1.5e-3, 64, 64, 60, 4, 9e-3),
                new TaskSummary("softmax", 1, 1, 327680, double.PositiveInfinity, 3, 3, 0, 3),
            ],
            [true, false]);
        var lines = text.Split('\n');

        Assert.Equal(" ID |    Name |      FLOP | Weight | Speed (GFLOPS) | Latency (us) | Untuned (us) | Weighted Latency (us) | Trials | Done ", lines[0]);
        Assert.Equal(new string('-', lines[0].Length), lines[1]);
        Assert.Equal("  0 |  matmul | 268435456 |      2 |       178.9570 |    1500.0000 |    9000.0000 |             3000.0000 |     64 |    Y ", lines[2]);
        Assert.Equal("  1 | softmax |    327680 |      1 |            N/A |          N/A |          N/A |                   N/A |      3 |      ", lines[3]);
        Assert.Equal("Total trials: 67", lines[5]);
        Assert.Equal("Total latency (us): N/A", lines[6]);
    }

    [Fact]
    public void Tasks_whose_untuned_function_no_candidate_beats_show_its_latency_and_are_named_under_the_table()
    {
        var text = ProgressTable.Format(
            [
                new TaskSummary("add", 1, 0, 1024, 4.8e-6, 8, 8, 8, 0, 1.0e-6),
                new TaskSummary("matmul", 1, 1, 2048, 2e-6, 8, 8, 8, 0, 3e-6),
            ],
            [true, true]);

        var add = text.Split('\n')[2].Split('|').Select(c => c.Trim());
        Assert.Equal(["0", "add", "1024", "1", "1.0240", "1.0000", "1.0000", "1.0000", "8", "Y"], add);
        Assert.Contains("Total latency (us): 3\n", text); // what apply delivers: the untuned add, the tuned matmul
        Assert.EndsWith("Untuned is fastest (apply keeps it): add\n", text.ReplaceLineEndings("\n"));
    }
}

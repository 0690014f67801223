using Tuner.Ir.Script;

namespace Tuner.Ir.Tests.Script;

public class ErrorTests
{
    private const string Head = "@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n";

    private static TvmScriptException Fail(string text)
    {
        return Assert.Throws<TvmScriptException>(() => TvmScript.ParseModule(text, "bad.py"));
    }

    private static void AssertError(string text, int line, int col, string detail)
    {
        var e = Fail(text);
        Assert.Equal(("bad.py", line, col), (e.File, e.Line, e.Column));
        Assert.Equal(detail, e.Detail);
        var lines = e.Message.Split('\n');
        Assert.Equal($"bad.py:{line}:{col}: {detail}", lines[0]);
        Assert.Equal(text.Split('\n')[line - 1], lines[1]);
        Assert.Equal(new string(' ', col - 1) + "^", lines[2]);
    }

    [Fact]
    public void A_syntax_error_points_at_the_unexpected_token()
    {
        AssertError(Head + "    for i in range(4):\n        A[i] = A[i] +\n", 4, 22, "invalid syntax: unexpected end of line");
    }

    [Fact]
    public void A_dedent_to_an_unknown_level_is_a_bad_indentation()
    {
        AssertError(Head + "    for i in range(4):\n        A[i] = A[i]\n      A[0] = A[1]\n", 5, 7, "unindent does not match any outer indentation level");
    }

    [Fact]
    public void An_unexpected_indent_is_reported()
    {
        AssertError(Head + "    A[0] = A[1]\n        A[1] = A[2]\n", 4, 9, "unexpected indent");
    }

    [Fact]
    public void An_unterminated_string_points_at_its_opening_quote()
    {
        AssertError(Head + "    with T.block(\"abc):\n        pass\n", 3, 18, "unterminated string literal");
    }

    [Fact]
    public void An_unclosed_bracket_points_at_the_bracket()
    {
        AssertError(Head + "    A[0] = (A[1] + A[2]\n", 3, 12, "'(' was never closed");
    }

    [Fact]
    public void An_unknown_T_builtin_is_named()
    {
        AssertError(Head + "    A[0] = T.foo(A[1])\n", 3, 12, "unknown TVMScript builtin 'T.foo'");
    }

    [Fact]
    public void A_wrong_argument_count_is_reported_at_the_call()
    {
        AssertError(Head + "    A[0] = T.exp(A[1], A[2])\n", 3, 12, "T.exp expects 1 positional argument(s), got 2");
    }

    [Fact]
    public void An_undefined_variable_is_named()
    {
        AssertError(Head + "    for i in range(4):\n        A[i] = C[i]\n", 4, 16, "undefined variable 'C'");
    }

    [Fact]
    public void Indexing_a_buffer_with_the_wrong_rank_is_rejected()
    {
        AssertError("@T.prim_func\ndef f(A: T.Buffer((4, 4), \"float32\")):\n    for i in range(4):\n        A[i, 0] = A[i]\n",
            4, 19, "buffer 'A' has 2 dimension(s) but is indexed with 1 index(es)");
    }

    [Fact]
    public void A_block_using_an_outer_loop_variable_without_binding_is_rejected()
    {
        AssertError(Head + "    for i in range(4):\n        with T.block(\"b\"):\n            T.reads()\n            T.writes()\n            A[i] = T.float32(0)\n",
            7, 15, "variable 'i' is defined outside the block 'b'; bind it to a block iterator with T.axis.spatial/reduce or T.axis.remap before using it");
    }

    [Fact]
    public void Storing_a_value_of_another_dtype_is_rejected()
    {
        AssertError("@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\"), B: T.Buffer((4,), \"int32\")):\n    for i in range(4):\n        A[i] = B[i]\n",
            4, 16, "cannot store a value of type int32 into buffer 'A' of type float32; use T.Cast");
    }

    [Fact]
    public void Plain_python_is_not_TVMScript()
    {
        AssertError("import numpy as np\n\ndef foo(x):\n    return x + 1\n", 3, 1, "not TVMScript: expected '@I.ir_module' or '@T.prim_func' but found 'def'");
    }

    [Fact]
    public void Prose_is_not_TVMScript()
    {
        AssertError("This file holds notes about matrix multiplication tuning.\n", 1, 1,
            "not TVMScript: expected '@I.ir_module' or '@T.prim_func' but found 'This'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void An_empty_file_is_rejected(string text)
    {
        var e = Fail(text);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Equal("empty file: expected an '@I.ir_module' class or a '@T.prim_func' function", e.Detail);
        Assert.StartsWith("bad.py:1:1: empty file", e.Message);
    }

    [Fact]
    public void Chained_comparisons_are_rejected()
    {
        AssertError("@T.prim_func\ndef f(A: T.Buffer((4,), \"bool\")):\n    for i in range(4):\n        A[i] = 0 < i < 3\n",
            4, 22, "chained comparisons (a < b < c) are not supported; use 'and'");
    }

    [Fact]
    public void Remap_of_a_non_loop_variable_is_rejected()
    {
        AssertError("@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\"), n: T.int32):\n    with T.block(\"b\"):\n        v = T.axis.remap(\"S\", [n])\n        A[v] = T.float32(0)\n",
            4, 31, "T.axis.remap binds loop variables only");
    }

    [Fact]
    public void The_caret_line_follows_the_column_in_the_message()
    {
        var e = Fail(Head + "    A[0] = T.foo(A[1])\n");
        Assert.Equal("bad.py:3:12: unknown TVMScript builtin 'T.foo'\n    A[0] = T.foo(A[1])\n           ^", e.Message);
        Assert.Equal(e.Message, e.ToString());
    }
}

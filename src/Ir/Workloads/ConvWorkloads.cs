namespace Tuner.Ir.Workloads;

/// <summary>
/// Convolution workloads of TVM's te_workload, channels last: C1D, C2D (and its dilated DIL and grouped GRP
/// forms), C3D, depthwise DEP, transposed T2D, capsule CAP and conv + bias + batch-norm + relu CBR. Each pads its
/// input in a block of its own first (topi's nn.pad), as TVM does, so the design space sees the same blocks.
/// </summary>
internal static class ConvWorkloads
{
    private static long Out(long size, long kernel, long stride, long pad, long dilation = 1) =>
        (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;

    /// <summary>The reduction channel read for output channel <paramref name="co"/> (grouped: its group's slice).</summary>
    private static string Channel(string co, string rc, long ci, long coCount, long groups) =>
        groups == 1 ? rc : $"{co} // {coCount / groups} * {ci / groups} + {rc}";

    /// <summary>C1D, conv1d_nlc; shape (N, L, CI, CO, kernel, stride, padding).</summary>
    public static string Conv1d(long[] s, string name)
    {
        long n = s[0], l = s[1], ci = s[2], co = s[3], k = s[4], st = s[5], p = s[6];
        long ol = Out(l, k, st, p);
        return new TeScript(name)
            .Param("inputs", [n, l, ci]).Param("weight", [k, ci, co]).Param("conv1d_nlc", [n, ol, co])
            .Pad("PadInput", "inputs", [n, l, ci], [0, p, 0], [0, p, 0])
            .Sum("conv1d_nlc", ["n", "l", "co"], [n, ol, co], ["rl", "rc"], [k, ci],
                (v, r) => $"PadInput[{v[0]}, {TeScript.Window(v[1], st, r[0], 1)}, {r[1]}] * weight[{r[0]}, {r[1]}, {v[2]}]")
            .Build();
    }

    /// <summary>C2D, DIL, GRP: conv2d_nhwc; shape (N, H, W, CI, CO, kernel, stride, padding[, dilation[, groups]]).</summary>
    public static string Conv2d(long[] s, string name)
    {
        long n = s[0], h = s[1], w = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long d = s.Length > 8 ? s[8] : 1, g = s.Length > 9 ? s[9] : 1;
        long oh = Out(h, k, st, p, d), ow = Out(w, k, st, p, d);
        return new TeScript(name)
            .Param("inputs", [n, h, w, ci]).Param("weight", [k, k, ci / g, co]).Param("conv2d_nhwc", [n, oh, ow, co])
            .Pad("PadInput", "inputs", [n, h, w, ci], [0, p, p, 0], [0, p, p, 0])
            .Sum("conv2d_nhwc", ["n", "h", "w", "co"], [n, oh, ow, co], ["rh", "rw", "rc"], [k, k, ci / g],
                (v, r) => $"PadInput[{v[0]}, {TeScript.Window(v[1], st, r[0], d)}, {TeScript.Window(v[2], st, r[1], d)}, {Channel(v[3], r[2], ci, co, g)}]"
                    + $" * weight[{r[0]}, {r[1]}, {r[2]}, {v[3]}]")
            .Build();
    }

    public static string? CheckConv2d(long[] s)
    {
        long g = s.Length > 9 ? s[9] : 1;
        if (g < 1 || s[3] % g != 0 || s[4] % g != 0) return "groups must divide both CI and CO";
        return CheckWindow(s[1], s[5], s[6], s[7], s.Length > 8 ? s[8] : 1) ?? CheckWindow(s[2], s[5], s[6], s[7], s.Length > 8 ? s[8] : 1);
    }

    /// <summary>A sliding window that fits at least once, with a stride and dilation of at least 1.</summary>
    public static string? CheckWindow(long size, long kernel, long stride, long pad, long dilation = 1) =>
        stride < 1 || dilation < 1 || kernel < 1 ? "kernel, stride and dilation must be at least 1"
        : Out(size, kernel, stride, pad, dilation) < 1 ? "the kernel does not fit the padded input"
        : null;

    /// <summary>C3D, conv3d_ndhwc; shape (N, D, H, W, CI, CO, kernel, stride, padding).</summary>
    public static string Conv3d(long[] s, string name)
    {
        long n = s[0], dd = s[1], h = s[2], w = s[3], ci = s[4], co = s[5], k = s[6], st = s[7], p = s[8];
        long od = Out(dd, k, st, p), oh = Out(h, k, st, p), ow = Out(w, k, st, p);
        return new TeScript(name)
            .Param("inputs", [n, dd, h, w, ci]).Param("weight", [k, k, k, ci, co]).Param("conv3d_ndhwc", [n, od, oh, ow, co])
            .Pad("PadInput", "inputs", [n, dd, h, w, ci], [0, p, p, p, 0], [0, p, p, p, 0])
            .Sum("conv3d_ndhwc", ["n", "d", "h", "w", "co"], [n, od, oh, ow, co], ["rd", "rh", "rw", "rc"], [k, k, k, ci],
                (v, r) => $"PadInput[{v[0]}, {TeScript.Window(v[1], st, r[0], 1)}, {TeScript.Window(v[2], st, r[1], 1)}, {TeScript.Window(v[3], st, r[2], 1)}, {r[3]}]"
                    + $" * weight[{r[0]}, {r[1]}, {r[2]}, {r[3]}, {v[4]}]")
            .Build();
    }

    /// <summary>DEP, depthwise_conv2d_nhwc with channel multiplier 1; shape (N, H, W, C, kernel, stride, padding).</summary>
    public static string Depthwise(long[] s, string name)
    {
        long n = s[0], h = s[1], w = s[2], c = s[3], k = s[4], st = s[5], p = s[6];
        long oh = Out(h, k, st, p), ow = Out(w, k, st, p);
        return new TeScript(name)
            .Param("inputs", [n, h, w, c]).Param("weight", [1, k, k, c]).Param("depth_conv2d_nhwc", [n, oh, ow, c])
            .Pad("PadInput", "inputs", [n, h, w, c], [0, p, p, 0], [0, p, p, 0])
            .Sum("depth_conv2d_nhwc", ["n", "h", "w", "c"], [n, oh, ow, c], ["rh", "rw"], [k, k],
                (v, r) => $"PadInput[{v[0]}, {TeScript.Window(v[1], st, r[0], 1)}, {TeScript.Window(v[2], st, r[1], 1)}, {v[3]}] * weight[0, {r[0]}, {r[1]}, {v[3]}]")
            .Build();
    }

    /// <summary>
    /// T2D, conv2d_transpose_nhwc; shape (N, H, W, CI, CO, kernel, stride, padding). As topi writes it: the input
    /// padded by ceil((kernel − 1 − padding) / stride), the stride's zeros folded into the convolution's read
    /// (an if_then_else on the window position), the kernel flipped.
    /// </summary>
    public static string Conv2dTranspose(long[] s, string name)
    {
        long n = s[0], h = s[1], w = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long back = k - 1 - p, edge = (back + st - 1) / st, border = (st - back % st) % st;
        long oh = (h - 1) * st - 2 * p + k, ow = (w - 1) * st - 2 * p + k;
        return new TeScript(name)
            .Param("inputs", [n, h, w, ci]).Param("weight", [k, k, ci, co]).Param("conv2d_transpose_nhwc", [n, oh, ow, co])
            .Pad("PadInput", "inputs", [n, h, w, ci], [0, edge, edge, 0], [0, edge, edge, 0])
            .Sum("conv2d_transpose_nhwc", ["n", "h", "w", "co"], [n, oh, ow, co], ["rh", "rw", "rc"], [k, k, ci], (v, r) =>
            {
                string y = TeScript.Offset($"{v[1]} + {r[0]}", border), x = TeScript.Offset($"{v[2]} + {r[1]}", border);
                string read = $"PadInput[{v[0]}, ({y}) // {st}, ({x}) // {st}, {r[2]}]";
                string dilated = st == 1 ? read : $"T.if_then_else(({y}) % {st} == 0 and ({x}) % {st} == 0, {read}, {TeScript.Zero})";
                return $"{dilated} * weight[{k - 1} - {r[0]}, {k - 1} - {r[1]}, {r[2]}, {v[3]}]";
            })
            .Build();
    }

    public static string? CheckTranspose(long[] s) =>
        s[5] < 1 || s[6] < 1 ? "kernel and stride must be at least 1"
        : s[7] > s[5] - 1 ? "padding must be less than the kernel size"
        : null;

    /// <summary>CAP, conv2d_capsule_nhwijc with 4×4 capsules; shape (N, H, W, CI, CO, kernel, stride, padding).</summary>
    public static string Capsule(long[] s, string name)
    {
        const long cap = 4;
        long n = s[0], h = s[1], w = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long oh = Out(h, k, st, p), ow = Out(w, k, st, p);
        return new TeScript(name)
            .Param("inputs", [n, h, w, cap, cap, ci]).Param("weight", [k, k, cap, cap, ci, co]).Param("conv2d_capsule_nhwijc", [n, oh, ow, cap, cap, co])
            .Pad("PadInput", "inputs", [n, h, w, cap, cap, ci], [0, p, p, 0, 0, 0], [0, p, p, 0, 0, 0])
            .Sum("conv2d_capsule_nhwijc", ["n", "h", "w", "cap_i", "cap_j", "co"], [n, oh, ow, cap, cap, co], ["rh", "rw", "cap_k", "rc"], [k, k, cap, ci],
                (v, r) => $"PadInput[{v[0]}, {TeScript.Window(v[1], st, r[0], 1)}, {TeScript.Window(v[2], st, r[1], 1)}, {v[3]}, {r[2]}, {r[3]}]"
                    + $" * weight[{r[0]}, {r[1]}, {r[2]}, {v[4]}, {r[3]}, {v[5]}]")
            .Build();
    }

    /// <summary>
    /// CBR, conv2d_nhwc_bn_relu: convolution, + bias, × bn_scale, + bn_offset, relu, one block each, parameters in
    /// te_workload's order (data, kernel, bias, bn_offset, bn_scale, out); shape (N, H, W, CI, CO, kernel, stride, padding).
    /// </summary>
    public static string ConvBnRelu(long[] s, string name)
    {
        long n = s[0], h = s[1], w = s[2], ci = s[3], co = s[4], k = s[5], st = s[6], p = s[7];
        long oh = Out(h, k, st, p), ow = Out(w, k, st, p);
        long[] o = [n, oh, ow, co];
        string[] ax = ["i", "j", "k", "l"];
        return new TeScript(name)
            .Param("data", [n, h, w, ci]).Param("kernel", [k, k, ci, co]).Param("bias", [co]).Param("bn_offset", [co]).Param("bn_scale", [co])
            .Param("compute", o)
            .Alloc("Conv2dOutput", o).Alloc("bias_add", o).Alloc("bn_mul", o).Alloc("bn_add", o)
            .Pad("PaddedInput", "data", [n, h, w, ci], [0, p, p, 0], [0, p, p, 0])
            .Sum("Conv2dOutput", ["nn", "yy", "xx", "ff"], o, ["ry", "rx", "rc"], [k, k, ci],
                (v, r) => $"PaddedInput[{v[0]}, {TeScript.Window(v[1], st, r[0], 1)}, {TeScript.Window(v[2], st, r[1], 1)}, {r[2]}] * kernel[{r[0]}, {r[1]}, {r[2]}, {v[3]}]")
            .Compute("bias_add", ax, o, v => $"Conv2dOutput[{string.Join(", ", v)}] + bias[{v[3]}]")
            .Compute("bn_mul", ax, o, v => $"bias_add[{string.Join(", ", v)}] * bn_scale[{v[3]}]")
            .Compute("bn_add", ax, o, v => $"bn_mul[{string.Join(", ", v)}] + bn_offset[{v[3]}]")
            .Compute("compute", ["i0", "i1", "i2", "i3"], o, v => $"T.max(bn_add[{string.Join(", ", v)}], {TeScript.Zero})")
            .Build();
    }
}

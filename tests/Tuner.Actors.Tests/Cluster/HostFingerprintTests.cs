using Tuner.Actors.Cluster;

namespace Tuner.Actors.Tests.Cluster;

public class HostFingerprintTests
{
    private const string X86 = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 9R14
        flags		: fpu vme de pse tsc msr sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma bmi1 bmi2 avx512f avx512bw hypervisor constant_tsc
        processor	: 1
        model name	: AMD EPYC 9R14
        flags		: fpu vme de pse tsc msr sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma bmi1 bmi2 avx512f avx512bw hypervisor constant_tsc
        """;

    private const string Arm = """
        processor	: 0
        BogoMIPS	: 243.75
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics
        CPU implementer	: 0x41
        CPU part	: 0xd0c
        """;

    [Fact]
    public void An_x86_fingerprint_keeps_the_model_and_only_the_code_generation_flags_sorted()
    {
        var f = HostFingerprint.Parse(X86, "cc (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022\n", 2);
        Assert.Equal("AMD EPYC 9R14", f.CpuModel);
        Assert.Equal(["avx", "avx2", "avx512bw", "avx512f", "bmi1", "bmi2", "fma", "sse", "sse2", "sse4_1", "sse4_2", "ssse3"], f.IsaFlags);
        Assert.Equal("cc (Debian 12.2.0-14) 12.2.0", f.Compiler);
        Assert.Matches("^[0-9a-f]{12}$", f.Key);
    }

    [Fact]
    public void Hypervisor_flags_do_not_change_the_key_but_isa_core_count_and_compiler_do()
    {
        var f = HostFingerprint.Parse(X86, "gcc 12", 2);
        Assert.Equal(f, HostFingerprint.Parse(X86.Replace(" hypervisor", ""), "gcc 12", 2));
        Assert.NotEqual(f.Key, HostFingerprint.Parse(X86.Replace(" avx512bw", ""), "gcc 12", 2).Key);
        Assert.NotEqual(f.Key, HostFingerprint.Parse(X86, "gcc 12", 4).Key);
        Assert.NotEqual(f.Key, HostFingerprint.Parse(X86, "gcc 13", 2).Key);
    }

    [Fact]
    public void An_arm_fingerprint_names_implementer_and_part_and_keeps_every_feature()
    {
        var f = HostFingerprint.Parse(Arm, "", 4);
        Assert.Equal("implementer 0x41 part 0xd0c", f.CpuModel);
        Assert.Contains("asimd", f.IsaFlags);
        Assert.Equal("unknown compiler", f.Compiler);
    }

    [Fact]
    public void This_machines_fingerprint_names_its_cores_and_compiler()
    {
        var f = HostFingerprint.Local;
        Assert.Equal(Environment.ProcessorCount, f.Cores);
        Assert.NotEqual("unknown compiler", f.Compiler); // the tests need a C compiler anyway
        Assert.Contains(f.Key, f.ToString());
    }
}

public class ClusterProgressTests
{
    [Fact]
    public void The_progress_line_names_each_workers_host_state_throughput_and_fingerprint()
    {
        var fp = new HostFingerprint("AMD EPYC", ["avx2"], 2, "cc 12.2");
        var status = new DispatcherStatus(3, 1, 12, 2, 0, 1, 0,
        [
            new WorkerView("w1", new WorkerInfo("host-a", fp, 2), WorkerState.Measuring, 1, 8, 1),
            new WorkerView("w2", new WorkerInfo("host-b", fp, 2), WorkerState.Lost, 0, 4, 0),
        ]);
        Assert.Equal($"workers: host-a measuring (8 done, 4.0/min) [{fp.Key}], host-b lost (4 done, 2.0/min) [{fp.Key}]; " +
            "queue 3, in flight 1, re-queued 2, late results dropped 1; 6.0 items/min", ClusterProgress.Describe(status, TimeSpan.FromMinutes(2)));
    }
}

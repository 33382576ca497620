using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Course.Tests;

/// <summary>
/// The rank-deficient PCA cases (<see cref="RankDeficientProbe"/>) under every SIMD path this processor offers, each
/// in its own process with the wider paths switched off: the .NET JIT's with its <c>DOTNET_Enable*</c> knobs, MKL's
/// (libtorch's LAPACK) with <c>MKL_ENABLE_INSTRUCTIONS</c>. A fit that tests a singular value against exactly 0 passes
/// on one path and fails on another; these runs catch it on whichever machine runs the suite.
/// </summary>
[Trait("Category", Tier.Slow)]
public sealed class SimdPathTests
{
    public static TheoryData<string> Paths() => ["default", "no AVX-512", "no AVX2", "no SIMD"];

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void Rank_deficient_PCA_gives_exact_zeros_on_every_SIMD_path(string path)
    {
        var (environment, expected) = path switch
        {
            "default" => (new Dictionary<string, string>(), (string?)null),
            "no AVX-512" => (new() { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0", ["MKL_ENABLE_INSTRUCTIONS"] = "AVX2" }, "vector512=False avx2=True"),
            "no AVX2" => (new() { ["DOTNET_EnableAVX2"] = "0", ["MKL_ENABLE_INSTRUCTIONS"] = "SSE4_2" }, "vector512=False avx2=False vector128=True"),
            _ => (new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0", ["MKL_ENABLE_INSTRUCTIONS"] = "SSE4_2" }, "vector512=False avx2=False vector128=False"),
        };
        Skip.If(path == "no AVX-512" && !Vector512.IsHardwareAccelerated, "this processor has no AVX-512 path to switch off: the default run is its widest path.");
        Skip.If(path == "no AVX2" && !Avx2.IsSupported, "this processor has no AVX2 path to switch off.");
        Skip.If(path != "default" && !(RuntimeInformationIsX64()), "the knobs named here are the x64 ones.");

        var probe = typeof(RankDeficientProbe).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [probe, "rank-probe"])
        {
            WorkingDirectory = Path.GetDirectoryName(probe)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(2)), "the probe did not finish within 2 minutes");
        string report = output + stderr.Result;
        Assert.True(child.ExitCode == 0, $"the rank-deficient cases failed on the {path} path:\n{report}");
        // The knobs took effect: the child really ran the narrower path.
        if (expected is not null) Assert.Contains(expected, report);
    }

    private static bool RuntimeInformationIsX64() =>
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
}

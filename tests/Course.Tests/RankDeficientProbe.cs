using Course.Compute;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Course.Decomposition;
using Course.Neural;

namespace Course.Tests;

/// <summary>
/// The rank-deficient cases of PCA, incremental PCA and Kernel PCA, runnable in a child process
/// (<c>dotnet Course.Tests.dll rank-probe</c>) so that <see cref="SimdPathTests"/> can run them under each SIMD path
/// the processor offers: the JIT picks Vector512, Vector256 or Vector128 code once per process, and MKL (inside
/// libtorch) picks its kernels once per process too, so one process cannot visit them all.
/// </summary>
public static class RankDeficientProbe
{
    /// <summary>The test assembly's entry point: <c>rank-probe</c> runs the cases and prints what the process ran
    /// on; exit 0 when every case holds, 1 with the failures listed otherwise.</summary>
    public static int Main(string[] args)
    {
        if (args is not ["rank-probe"]) { Console.Error.WriteLine("usage: dotnet Course.Tests.dll rank-probe"); return 2; }
        Console.WriteLine($"paths: vector512={Vector512.IsHardwareAccelerated} avx2={Avx2.IsSupported} vector128={Vector128.IsHardwareAccelerated}");
        var failures = new List<string>();
        foreach (var (name, backend) in new (string, ILinearAlgebraBackend)[] { ("managed", new ManagedLinearAlgebra()), ("libtorch", new TorchLinearAlgebra()) })
            using (LinearAlgebra.Scope(backend))
                failures.AddRange(Failures().Select(f => $"{name}: {f}"));
        foreach (var f in failures) Console.WriteLine($"FAIL {f}");
        Console.WriteLine(failures.Count == 0 ? "all rank-deficient cases hold" : $"{failures.Count} failed");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Every case, as messages naming what did not hold (empty when all hold).</summary>
    public static IEnumerable<string> Failures()
    {
        // Two points in 3-D: one direction of spread, so the second whitened coordinate must be exactly 0.
        var two = Matrix.FromRows([[0.0, 1, 2], [2, 1, 0]]);
        // Constant rows: no spread at all.
        var constant = Matrix.FromRows(Enumerable.Repeat(new[] { 2.0, -1.0, 0.5 }, 6).ToList());
        // Rank 2 in 5-D with asymmetric values: 40 points a·u + b·v + c for fixed u, v, c.
        var plane = Plane(40);
        foreach (var solver in new[] { PcaSolver.Full, PcaSolver.CovarianceEigh, PcaSolver.Randomized })
        {
            foreach (var (name, x, k, rank) in new[] { ("two points", two, 2, 1), ("constant rows", constant, 2, 0), ("a plane in 5-D", plane, 4, 2) })
            {
                var model = new Pca(new PcaOptions { NComponents = k, Whiten = true, Solver = solver }).Fit(x);
                for (int c = rank; c < k; c++)
                    if (model.ExplainedVariance[c] != 0) yield return $"{solver}, {name}: component {c + 1}'s variance is {model.ExplainedVariance[c]:R}, not 0";
                var z = model.Transform(x);
                for (int i = 0; i < z.Rows; i++)
                    for (int c = rank; c < k; c++)
                        if (Math.Abs(z[i, c]) > 1e-9) { yield return $"{solver}, {name}: whitened coordinate ({i}, {c + 1}) is {z[i, c]:R}, not 0"; goto nextCase; }
                for (int c = 0; c < rank; c++)
                {
                    // The kept directions are whitened to unit variance.
                    double v = Enumerable.Range(0, z.Rows).Sum(i => z[i, c] * z[i, c]) / (z.Rows - 1);
                    if (Math.Abs(v - 1) > 1e-9) yield return $"{solver}, {name}: whitened component {c + 1} has variance {v:R}, not 1";
                }
            nextCase:;
            }
        }
        var incremental = new IncrementalPca(new IncrementalPcaOptions { NComponents = 4, BatchSize = 10 }).Fit(plane);
        for (int c = 2; c < 4; c++)
            if (incremental.ExplainedVariance[c] != 0) yield return $"IncrementalPca, a plane in 5-D: component {c + 1}'s variance is {incremental.ExplainedVariance[c]:R}, not 0";
        // A linear kernel's centred Gram matrix has the data's rank: keeping "the positive eigenvalues" keeps 2.
        var kernel = new KernelPca(new KernelPcaOptions { Kernel = KernelType.Linear }).Fit(plane);
        if (kernel.NComponents != 2) yield return $"KernelPca (linear), a plane in 5-D: kept {kernel.NComponents} components, not 2";
    }

    private static Matrix Plane(int n)
    {
        double[] u = [0.9, -0.3, 1.7, 0.2, -1.1], v = [0.4, 1.3, -0.6, 2.1, 0.05], c = [3.5, -2.25, 0.75, 10, -4];
        var x = new Matrix(n, 5);
        for (int i = 0; i < n; i++)
        {
            double a = Math.Sin(1.3 * i + 0.2) * 2.7, b = Math.Cos(0.7 * i * i + 0.9) * 0.8;
            for (int j = 0; j < 5; j++) x[i, j] = a * u[j] + b * v[j] + c[j];
        }
        return x;
    }
}

using Course.Compute;
using Course.Decomposition;

namespace Course.Manifold;

/// <summary>
/// UMAP's spectral initialisation: the eigenvectors of the normalised graph Laplacian L = I − D^−½ A D^−½ with the
/// smallest eigenvalues after the trivial one, which lay connected regions of the graph out smoothly (Belkin and
/// Niyogi's Laplacian eigenmaps). umap-learn asks ARPACK for them; here a block subspace iteration on
/// (I + D^−½ A D^−½) / 2, whose largest eigenvalues are L's smallest, with the known trivial vector D^½ 1 projected
/// out and Rayleigh-Ritz every 10 steps. The block carries extra vectors because clustered data has many eigenvalues
/// near the top, and convergence goes with the gap to the first vector outside the block.
/// </summary>
internal static class SpectralLayout
{
    public static double[] Embed(SparseGraph graph, int dims, Random rng, int maxIterations = 600, double tolerance = 1e-4)
    {
        int n = graph.Count, block = Math.Min(n - 1, dims + 10);
        var sqrtDeg = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++) s += graph.Values[e];
            sqrtDeg[i] = Math.Sqrt(s);
        }
        // D^−½ A D^−½ once, so each product is one multiply-add per stored edge.
        var normalised = new double[graph.EdgeCount];
        for (int i = 0; i < n; i++)
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                double d = sqrtDeg[i] * sqrtDeg[graph.Columns[e]];
                normalised[e] = d > 0 ? graph.Values[e] / d : 0;
            }
        graph = new SparseGraph(n, graph.RowStart, graph.Columns, normalised);
        var trivial = (double[])sqrtDeg.Clone();
        Normalise(trivial);
        var v = new double[block][];
        for (int c = 0; c < block; c++) { v[c] = new double[n]; for (int i = 0; i < n; i++) v[c][i] = rng.NextGaussian(); }
        Orthonormalise(v, trivial);
        var next = new double[block][];
        for (int c = 0; c < block; c++) next[c] = new double[n];
        for (int it = 1; it <= maxIterations; it++)
        {
            Parallel.For(0, block, c => Apply(graph, v[c], next[c]));
            (v, next) = (next, v);
            Orthonormalise(v, trivial);
            if (it % 10 == 0 || it == maxIterations)
            {
                double residual = RayleighRitz(graph, v, next, dims);
                if (residual < tolerance) break;
            }
        }
        var y = new double[n * dims];
        for (int i = 0; i < n; i++) for (int d = 0; d < dims; d++) y[i * dims + d] = v[d][i];
        return y;
    }

    // result = (x + N x) / 2, N = D^−½ A D^−½ already stored in g
    private static void Apply(SparseGraph g, double[] x, double[] result)
    {
        for (int i = 0; i < g.Count; i++)
        {
            double s = 0;
            for (int e = g.RowStart[i]; e < g.RowStart[i + 1]; e++) s += g.Values[e] * x[g.Columns[e]];
            result[i] = 0.5 * (x[i] + s);
        }
    }

    /// <summary>Rotates the block to the Ritz vectors (largest first) and returns the largest residual
    /// ‖M v − θ v‖ among the first <paramref name="dims"/>.</summary>
    private static double RayleighRitz(SparseGraph g, double[][] v, double[][] mv, int dims)
    {
        int b = v.Length, n = v[0].Length;
        Parallel.For(0, b, c => Apply(g, v[c], mv[c]));
        var h = new Matrix(b, b);
        for (int r = 0; r < b; r++) for (int c = r; c < b; c++) h[r, c] = h[c, r] = Compute.Distance.Dot(v[r], mv[c]);
        var (theta, vectors) = LinearAlgebra.SymmetricEigen(h);
        var rotated = new double[b][]; var rotatedM = new double[b][];
        for (int c = 0; c < b; c++)
        {
            rotated[c] = new double[n]; rotatedM[c] = new double[n];
            for (int r = 0; r < b; r++)
            {
                double w = vectors[r, c];
                for (int i = 0; i < n; i++) { rotated[c][i] += w * v[r][i]; rotatedM[c][i] += w * mv[r][i]; }
            }
        }
        double worst = 0;
        for (int c = 0; c < dims; c++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) { double t = rotatedM[c][i] - theta[c] * rotated[c][i]; s += t * t; }
            worst = Math.Max(worst, Math.Sqrt(s));
        }
        for (int c = 0; c < b; c++) v[c] = rotated[c];
        return worst;
    }

    private static void Orthonormalise(double[][] v, double[] trivial)
    {
        for (int c = 0; c < v.Length; c++)
        {
            for (int r = 0; r < c; r++) Subtract(v[c], v[r]);
            Subtract(v[c], trivial);
            Normalise(v[c]);
        }
    }

    private static void Subtract(double[] x, double[] unit)
    {
        double d = Compute.Distance.Dot(x, unit);
        for (int i = 0; i < x.Length; i++) x[i] -= d * unit[i];
    }

    private static void Normalise(double[] x)
    {
        double norm = Math.Sqrt(Compute.Distance.Dot(x, x));
        if (norm == 0) return;
        for (int i = 0; i < x.Length; i++) x[i] /= norm;
    }
}

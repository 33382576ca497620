using System.Runtime.CompilerServices;

namespace Course.Manifold;

/// <summary>
/// t-SNE's objective and gradient with the Student-t kernel wᵢⱼ = 1 / (1 + |yᵢ − yⱼ|²), qᵢⱼ = wᵢⱼ / Z:
/// ∂KL/∂yᵢ = 4 [Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ) − (1/Z) Σⱼ wᵢⱼ² (yᵢ − yⱼ)]. The attraction runs over the sparse P only; the
/// repulsion over every pair, exactly or through <see cref="QuadTree"/>. Points are processed in parallel and each
/// point's share of Z is kept apart and summed in order, so results do not depend on the thread count.
/// </summary>
internal sealed class TsneGradient(SparseGraph p, int n, int dims, double theta, bool barnesHut)
{
    private readonly double[] zPart = new double[n];
    private readonly double[] repulsion = new double[n * dims];
    private readonly QuadTree? tree = barnesHut ? new QuadTree() : null;

    /// <summary>Writes the gradient at <paramref name="y"/> (n x dims row-major) into <paramref name="grad"/>, with the
    /// attractions multiplied by <paramref name="exaggeration"/>; returns KL(P ‖ Q) when asked, else NaN.</summary>
    public double Compute(double[] y, double[] grad, double exaggeration, bool computeKl)
    {
        current = y;
        if (tree is not null)
        {
            tree.Build(y, n);
            double theta2 = theta * theta;
            Parallel.For(0, n, i => zPart[i] = tree.Repulsion(i, theta2, out repulsion[2 * i], out repulsion[2 * i + 1]));
        }
        else Parallel.For(0, n, ExactRepulsion);
        double z = 0;
        for (int i = 0; i < n; i++) z += zPart[i];
        double[] klPart = computeKl ? new double[n] : [];
        Parallel.For(0, n, i => Attraction(i, y, grad, exaggeration, z, computeKl ? klPart : null));
        if (!computeKl) return double.NaN;
        double total = 0;
        foreach (double v in klPart) total += v;
        return total;
    }

    /// <summary>Point i's attractions and, when asked, its share of the KL divergence; finishes its gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attraction(int i, double[] y, double[] grad, double exaggeration, double z, double[]? klPart)
    {
        bool computeKl = klPart is not null;
        var yi = y.AsSpan(i * dims, dims);
        var g = grad.AsSpan(i * dims, dims);
        for (int d = 0; d < dims; d++) g[d] = 0;
        double kl = 0;
        for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
        {
            int j = p.Columns[e];
            var yj = y.AsSpan(j * dims, dims);
            double d2 = 0;
            for (int d = 0; d < dims; d++) { double t = yi[d] - yj[d]; d2 += t * t; }
            double w = 1 / (1 + d2), pij = p.Values[e];
            double f = exaggeration * pij * w;
            for (int d = 0; d < dims; d++) g[d] += f * (yi[d] - yj[d]);
            if (computeKl) kl += pij * Math.Log(Math.Max(pij, double.Epsilon) / Math.Max(w / z, double.Epsilon));
        }
        for (int d = 0; d < dims; d++) g[d] = 4 * (g[d] - repulsion[i * dims + d] / z);
        if (computeKl) klPart![i] = kl;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExactRepulsion(int i)
    {
        var y = current;
        var f = repulsion.AsSpan(i * dims, dims);
        f.Clear();
        double z = 0;
        if (dims == 2)
        {
            double px = y[2 * i], py = y[2 * i + 1], fx = 0, fy = 0;
            for (int j = 0; j < n; j++)
            {
                double dx = px - y[2 * j], dy = py - y[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                z += w; fx += w * w * dx; fy += w * w * dy;
            }
            // j = i added w = 1 and no force.
            zPart[i] = z - 1; f[0] = fx; f[1] = fy;
            return;
        }
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double d2 = 0;
            for (int d = 0; d < dims; d++) { double t = y[i * dims + d] - y[j * dims + d]; d2 += t * t; }
            double w = 1 / (1 + d2);
            z += w;
            for (int d = 0; d < dims; d++) f[d] += w * w * (y[i * dims + d] - y[j * dims + d]);
        }
        zPart[i] = z;
    }

    private double[] current = [];
}

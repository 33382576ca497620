using System.Runtime.CompilerServices;

namespace Course.Manifold;

/// <summary>
/// The Barnes-Hut quadtree over a 2-D embedding (Barnes and Hut, Nature 1986; van der Maaten, JMLR 2014): each cell
/// stores its points' count and centre of mass, so a far cell's repulsion on a point is computed once, as if all its
/// points sat at the centre. Rebuilt every iteration; nodes live in one reused array of structs (no per-node objects)
/// and leaves hold up to <see cref="LeafSize"/> points, which keeps the tree shallow and is exact within a leaf.
/// </summary>
internal sealed class QuadTree
{
    private const int LeafSize = 4;
    private const int MaxDepth = 40; // past this, points are (near) duplicates: keep them in one leaf

    private struct Node
    {
        public double Cx, Cy, Width2;
        public int Count, Start, FirstChild; // FirstChild < 0 for a leaf; its points are order[Start..Start+Count)
    }

    private Node[] nodes = new Node[64];
    private int nodeCount;
    private int[] order = [], scratch = [];
    private double[] y = [];

    /// <summary>Rebuilds the tree over <paramref name="positions"/> (n x 2 row-major).</summary>
    public void Build(double[] positions, int n)
    {
        y = positions;
        if (order.Length != n) { order = new int[n]; scratch = new int[n]; }
        for (int i = 0; i < n; i++) order[i] = i;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            double px = y[2 * i], py = y[2 * i + 1];
            if (px < minX) minX = px; if (px > maxX) maxX = px;
            if (py < minY) minY = py; if (py > maxY) maxY = py;
        }
        double size = Math.Max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12;
        nodeCount = 1;
        Split(0, 0, n, minX, minY, size, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Split(int node, int start, int count, double x0, double y0, double size, int depth)
    {
        double sx = 0, sy = 0;
        for (int t = start; t < start + count; t++) { int i = order[t]; sx += y[2 * i]; sy += y[2 * i + 1]; }
        nodes[node] = new Node { Cx = sx / count, Cy = sy / count, Width2 = size * size, Count = count, Start = start, FirstChild = -1 };
        if (count <= LeafSize || depth >= MaxDepth) return;
        double half = size / 2, mx = x0 + half, my = y0 + half;
        Span<int> counts = stackalloc int[4];
        for (int t = start; t < start + count; t++) counts[Quadrant(order[t], mx, my)]++;
        Span<int> at = stackalloc int[4];
        at[0] = start; for (int q = 1; q < 4; q++) at[q] = at[q - 1] + counts[q - 1];
        for (int t = start; t < start + count; t++) { int i = order[t]; scratch[at[Quadrant(i, mx, my)]++] = i; }
        Array.Copy(scratch, start, order, start, count);
        if (nodeCount + 4 > nodes.Length) Array.Resize(ref nodes, nodes.Length * 2);
        int first = nodeCount;
        nodeCount += 4;
        nodes[node].FirstChild = first;
        int s = start;
        for (int q = 0; q < 4; q++)
        {
            // An empty child stays a zero-count leaf, which traversal skips.
            if (counts[q] == 0) nodes[first + q] = new Node { FirstChild = -1 };
            else Split(first + q, s, counts[q], (q & 1) == 0 ? x0 : mx, (q & 2) == 0 ? y0 : my, half, depth + 1);
            s += counts[q];
        }
    }

    private int Quadrant(int i, double mx, double my) => (y[2 * i] >= mx ? 1 : 0) | (y[2 * i + 1] >= my ? 2 : 0);

    /// <summary>The repulsion on point <paramref name="i"/>: adds Σⱼ qᵢⱼ² (yᵢ − yⱼ) to (fx, fy) and returns Σⱼ qᵢⱼ,
    /// with qᵢⱼ = 1 / (1 + |yᵢ − yⱼ|²) unnormalised and far cells summarised when width² / d² &lt; θ².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 JIT
    public double Repulsion(int i, double theta2, out double fx, out double fy)
    {
        double px = y[2 * i], py = y[2 * i + 1], z = 0;
        fx = 0; fy = 0;
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly Node node = ref nodes[stack[--top]];
            if (node.Count == 0) continue;
            double dx = px - node.Cx, dy = py - node.Cy, d2 = dx * dx + dy * dy;
            if (node.Width2 < theta2 * d2)
            {
                double q = 1 / (1 + d2), nq = node.Count * q;
                z += nq; fx += nq * q * dx; fy += nq * q * dy;
            }
            else if (node.FirstChild < 0)
            {
                for (int t = node.Start; t < node.Start + node.Count; t++)
                {
                    int j = order[t];
                    if (j == i) continue;
                    double ex = px - y[2 * j], ey = py - y[2 * j + 1];
                    double q = 1 / (1 + ex * ex + ey * ey);
                    z += q; fx += q * q * ex; fy += q * q * ey;
                }
            }
            else
                for (int c = 0; c < 4; c++) stack[top++] = node.FirstChild + c;
        }
        return z;
    }
}

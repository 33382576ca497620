namespace Course.Data;

/// <summary>
/// Seeded generators for the shapes that show where clustering and embedding methods work and where they break.
/// Shapes and defaults follow scikit-learn's <c>make_*</c> functions and its clustering gallery.
/// </summary>
public static partial class SyntheticData
{
    /// <summary>Isotropic Gaussian blobs: <paramref name="centers"/> centres drawn uniformly in [-10, 10]^d, standard deviation <paramref name="std"/>.</summary>
    public static LabeledData Blobs(int n = 300, int centers = 3, int dims = 2, double std = 1.0, int? seed = Seed.Default)
        => Blobs(n, RandomCenters(centers, dims, Seed.Create(seed)), Enumerable.Repeat(std, centers).ToArray(), seed);

    /// <summary>Blobs around given centres (k x d) with one standard deviation per blob, points split as evenly as possible.</summary>
    public static LabeledData Blobs(int n, Matrix centers, double[] stds, int? seed = Seed.Default)
    {
        Guard.InRange(n, 1, int.MaxValue, nameof(n));
        Guard.Data(centers, nameof(centers));
        ArgumentNullException.ThrowIfNull(stds);
        if (stds.Length != centers.Rows) throw new ArgumentException($"stds has {stds.Length} entries but there are {centers.Rows} centers.", nameof(stds));
        foreach (var s in stds) Guard.NonNegative(s, nameof(stds));
        var rng = Seed.Create(seed is int s0 ? s0 + 1 : null);
        int k = centers.Rows, d = centers.Cols;
        var x = new Matrix(n, d);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i * k / n;
            labels[i] = c;
            for (int j = 0; j < d; j++) x[i, j] = centers[c, j] + stds[c] * rng.NextGaussian();
        }
        return Shuffle(new LabeledData(x, labels, "blobs"), rng);
    }

    /// <summary>Blobs with very different spreads (1.0, 2.5, 0.5), where K-means' equal-variance assumption fails.</summary>
    public static LabeledData VariedBlobs(int n = 1500, int? seed = Seed.Default)
    {
        var centers = RandomCenters(3, 2, Seed.Create(seed));
        return Blobs(n, centers, [1.0, 2.5, 0.5], seed) with { Name = "unequal-variance blobs" };
    }

    /// <summary>Three round blobs of one spread (1.0) but very different sizes, around (0, 0), (4, 0.5) and (0.8, 4):
    /// K-means carves up the large one, since moving a centroid into it lowers the inertia more than covering a small
    /// neighbour does (scikit-learn's "unevenly sized blobs" in its K-means assumptions gallery).</summary>
    /// <param name="sizes">Points per blob, three positive counts. Default [900, 90, 45].</param>
    /// <param name="seed">Seed; null draws a fresh one.</param>
    /// <exception cref="ArgumentException">sizes is not three positive counts (ParamName "sizes").</exception>
    public static LabeledData UnevenBlobs(int[]? sizes = null, int? seed = Seed.Default)
    {
        sizes ??= [900, 90, 45];
        if (sizes.Length != 3 || sizes.Any(s => s < 1))
            throw new ArgumentException("sizes must hold three positive counts.", nameof(sizes));
        var all = Blobs(3 * sizes.Max(), Matrix.FromRows([[0, 0], [4, 0.5], [0.8, 4]]), [1.0, 1.0, 1.0], seed);
        // The first sizes[c] points of each blob in the shuffled order: still shuffled, and each blob its own size.
        var taken = new int[3];
        var keep = Enumerable.Range(0, all.Count).Where(i => taken[all.Labels[i]]++ < sizes[all.Labels[i]]).ToArray();
        return new LabeledData(all.X.SelectRows(keep), keep.Select(i => all.Labels[i]).ToArray(), "unevenly sized blobs");
    }

    /// <summary>Blobs sheared by the linear map [[0.6, -0.6], [-0.4, 0.8]]: elongated clusters K-means cuts across.</summary>
    public static LabeledData AnisotropicBlobs(int n = 1500, int? seed = Seed.Default)
    {
        var b = Blobs(n, 3, 2, 1.0, seed);
        var x = new Matrix(b.X.Rows, 2);
        for (int i = 0; i < x.Rows; i++)
        {
            double u = b.X[i, 0], v = b.X[i, 1];
            x[i, 0] = 0.6 * u - 0.4 * v;
            x[i, 1] = -0.6 * u + 0.8 * v;
        }
        return b with { X = x, Name = "anisotropic blobs" };
    }

    /// <summary>Two interleaving half circles with Gaussian <paramref name="noise"/> (scikit-learn's <c>make_moons</c>).</summary>
    public static LabeledData Moons(int n = 500, double noise = 0.05, int? seed = Seed.Default)
    {
        Guard.InRange(n, 2, int.MaxValue, nameof(n));
        Guard.NonNegative(noise, nameof(noise));
        var rng = Seed.Create(seed);
        int outer = n / 2;
        var x = new Matrix(n, 2);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            bool first = i < outer;
            int m = first ? outer : n - outer, idx = first ? i : i - outer;
            double t = m > 1 ? Math.PI * idx / (m - 1) : 0;
            x[i, 0] = (first ? Math.Cos(t) : 1 - Math.Cos(t)) + noise * rng.NextGaussian();
            x[i, 1] = (first ? Math.Sin(t) : 0.5 - Math.Sin(t)) + noise * rng.NextGaussian();
            labels[i] = first ? 0 : 1;
        }
        return Shuffle(new LabeledData(x, labels, "moons"), rng);
    }

    /// <summary>A small circle inside a large one (radius ratio <paramref name="factor"/>), scikit-learn's <c>make_circles</c>.</summary>
    public static LabeledData Circles(int n = 500, double noise = 0.05, double factor = 0.5, int? seed = Seed.Default)
    {
        Guard.InRange(n, 2, int.MaxValue, nameof(n));
        if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1).");
        var rng = Seed.Create(seed);
        int outer = n / 2;
        var x = new Matrix(n, 2);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            bool isOuter = i < outer;
            int m = isOuter ? outer : n - outer, idx = isOuter ? i : i - outer;
            double t = 2 * Math.PI * idx / m, r = isOuter ? 1 : factor;
            x[i, 0] = r * Math.Cos(t) + noise * rng.NextGaussian();
            x[i, 1] = r * Math.Sin(t) + noise * rng.NextGaussian();
            labels[i] = isOuter ? 0 : 1;
        }
        return Shuffle(new LabeledData(x, labels, "circles"), rng);
    }

    /// <summary>The swiss roll: a 2-D sheet rolled up in 3-D. Labels are the position along the roll cut into 6 bands.</summary>
    public static LabeledData SwissRoll(int n = 1500, double noise = 0.0, int? seed = Seed.Default)
    {
        Guard.InRange(n, 1, int.MaxValue, nameof(n));
        var rng = Seed.Create(seed);
        var x = new Matrix(n, 3);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble(), t = 1.5 * Math.PI * (1 + 2 * u);
            x[i, 0] = t * Math.Cos(t) + noise * rng.NextGaussian();
            x[i, 1] = 21 * rng.NextDouble() + noise * rng.NextGaussian();
            x[i, 2] = t * Math.Sin(t) + noise * rng.NextGaussian();
            labels[i] = Math.Min(5, (int)(u * 6));
        }
        return new LabeledData(x, labels, "swiss roll");
    }

    private static Matrix RandomCenters(int k, int d, Random rng)
    {
        Guard.InRange(k, 1, int.MaxValue, "centers");
        Guard.InRange(d, 1, int.MaxValue, "dims");
        var c = new Matrix(k, d);
        for (int i = 0; i < c.Data.Length; i++) c.Data[i] = rng.NextDouble() * 20 - 10;
        return c;
    }

    private static LabeledData Shuffle(LabeledData data, Random rng)
    {
        var perm = Enumerable.Range(0, data.Count).ToArray();
        rng.Shuffle(perm);
        return data with { X = data.X.SelectRows(perm), Labels = perm.Select(i => data.Labels[i]).ToArray() };
    }

}

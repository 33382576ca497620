namespace Course.Data;

// Generators for lesson 03: noise, densities that differ, planted anomalies and coordinates on the Earth.
public static partial class SyntheticData
{
    /// <summary>Adds <paramref name="count"/> points drawn uniformly over the bounding box of <paramref name="data"/>
    /// (widened by <paramref name="margin"/> on every side), labelled -1, and shuffles.</summary>
    public static LabeledData WithUniformNoise(LabeledData data, int count, double margin = 1.0, int? seed = Seed.Default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.InRange(count, 0, int.MaxValue, nameof(count));
        Guard.NonNegative(margin, nameof(margin));
        var rng = Seed.Create(seed is int s ? s + 7 : null);
        int n = data.Count, d = data.X.Cols;
        var x = new Matrix(n + count, d);
        data.X.Data.CopyTo(x.Data, 0);
        for (int j = 0; j < d; j++)
        {
            var col = data.X.Column(j);
            double lo = col.Min() - margin, hi = col.Max() + margin;
            for (int i = n; i < n + count; i++) x[i, j] = lo + (hi - lo) * rng.NextDouble();
        }
        var labels = data.Labels.Concat(Enumerable.Repeat(-1, count)).ToArray();
        return Shuffle(new LabeledData(x, labels, $"{data.Name} with noise", data.ClassNames, data.FeatureNames), rng);
    }

    /// <summary>Two tight blobs 1.3 apart (standard deviation 0.2) and a wide sparse one (1.5) above them: no single
    /// DBSCAN radius both separates the tight pair and keeps the sparse blob together.</summary>
    public static LabeledData VaryingDensity(int n = 900, int? seed = Seed.Default)
    {
        var centres = Matrix.FromRows([[0.0, 0.0], [1.3, 0.0], [0.6, 5.0]]);
        return Blobs(n, centres, [0.2, 0.2, 1.5], seed) with { Name = "varying density" };
    }

    /// <summary>
    /// Normal data with planted anomalies: five blobs of different spreads (n points in all) and
    /// <paramref name="anomalies"/> planted points labelled -1. Half are global (uniform over a box two units wider
    /// than the data; some land inside a blob by chance and are indistinguishable from normal points, as in real
    /// data), half are local: 4 to 7 standard deviations from the centre of a blob, which is far for a tight blob but
    /// closer than the rim of a wide one.
    /// </summary>
    public static LabeledData PlantedAnomalies(int n = 2000, int anomalies = 60, int? seed = Seed.Default)
    {
        Guard.InRange(anomalies, 0, int.MaxValue, nameof(anomalies));
        var centres = Matrix.FromRows([[-6.0, -4.0], [0.0, 5.0], [5.0, -3.0], [7.0, 6.0], [-5.0, 6.0]]);
        double[] stds = [1.5, 0.5, 1.2, 0.35, 0.8];
        var normal = Blobs(n, centres, stds, seed);
        int local = anomalies / 2;
        var withGlobal = WithUniformNoise(normal, anomalies - local, 2.0, seed);
        var rng = Seed.Create(seed is int s ? s + 11 : null);
        var x = new Matrix(withGlobal.Count + local, 2);
        withGlobal.X.Data.CopyTo(x.Data, 0);
        for (int i = withGlobal.Count; i < x.Rows; i++)
        {
            int c = rng.Next(centres.Rows);
            double angle = 2 * Math.PI * rng.NextDouble(), r = stds[c] * (4 + 3 * rng.NextDouble());
            x[i, 0] = centres[c, 0] + r * Math.Cos(angle); x[i, 1] = centres[c, 1] + r * Math.Sin(angle);
        }
        var labels = withGlobal.Labels.Concat(Enumerable.Repeat(-1, local)).ToArray();
        return Shuffle(new LabeledData(x, labels, "planted anomalies"), rng);
    }

    /// <summary>
    /// Synthetic points of interest in and around a city centred at 38.72° N, 9.14° W, as [latitude, longitude] in
    /// degrees: six neighbourhoods of different extent (a few hundred metres to 1.5 km, one stretched along a
    /// 3 km avenue) and 15% of the points scattered over a 24 x 24 km area, labelled -1.
    /// </summary>
    public static LabeledData PointsOfInterest(int n = 1500, int? seed = Seed.Default)
    {
        Guard.InRange(n, 10, int.MaxValue, nameof(n));
        var rng = Seed.Create(seed);
        const double lat0 = 38.72, lon0 = -9.14, kmPerDegLat = 111.2;
        double kmPerDegLon = kmPerDegLat * Math.Cos(lat0 * Math.PI / 180);
        // (east km, north km, spread km, share of points)
        (double E, double N, double S, double W)[] hoods = [(0, 0, 0.35, 0.2), (-4, 2.5, 0.6, 0.15), (5, -1, 0.9, 0.15), (2, 6, 0.3, 0.1), (-6, -5, 1.5, 0.12)];
        int scattered = (int)(0.15 * n), avenue = (int)(0.13 * n);
        var x = new Matrix(n, 2);
        var labels = new int[n];
        int at = 0;
        void Add(double east, double north, int label)
        {
            x[at, 0] = lat0 + north / kmPerDegLat; x[at, 1] = lon0 + east / kmPerDegLon; labels[at++] = label;
        }
        int remaining = n - scattered - avenue;
        for (int h = 0; h < hoods.Length; h++)
        {
            int count = h == hoods.Length - 1 ? remaining - (at) : (int)(hoods[h].W / 0.72 * remaining);
            for (int i = 0; i < count; i++) Add(hoods[h].E + hoods[h].S * rng.NextGaussian(), hoods[h].N + hoods[h].S * rng.NextGaussian(), h);
        }
        for (int i = 0; i < avenue; i++)
        {
            double t = rng.NextDouble() * 3; // along a north-east avenue starting 3 km south of the centre
            Add(1 + t * 0.8 + 0.08 * rng.NextGaussian(), -3 - t * 0.6 + 0.08 * rng.NextGaussian(), hoods.Length);
        }
        while (at < n) Add(rng.NextDouble() * 24 - 12, rng.NextDouble() * 24 - 12, -1);
        string[] names = ["old town", "west hill", "east market", "north campus", "south-west suburb", "avenue"];
        return Shuffle(new LabeledData(x, labels, "points of interest", names, ["latitude", "longitude"]), rng);
    }
}

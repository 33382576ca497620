namespace Course.Neighbors;

/// <summary>
/// A fitted local outlier factor: each training row's LOF and outlier flag, and what scoring new rows needs (the
/// training rows, their k-distances and densities). Saves and loads like every model of the kit; the file holds the
/// training rows, as a k-nearest-neighbour model must.
/// </summary>
public sealed class LocalOutlierFactorModel : ISavedModel<LocalOutlierFactorModel>, IClustering, IPredictor
{
    private readonly Matrix data;
    private readonly double[] kDistances, densities, scores;
    private NeighborIndex? index;

    /// <summary>The neighbours each density was measured over (the option, capped at n − 1).</summary>
    public int NNeighbors { get; }
    /// <summary>Each training row's LOF (scikit-learn's <c>-negative_outlier_factor_</c>): about 1 inside a cluster,
    /// larger the more isolated the row is from its neighbours' density.</summary>
    public double[] Scores => (double[])scores.Clone();
    /// <summary>An LOF above this flags an outlier: 1.5 for "auto", else the quantile the contamination asked for.</summary>
    public double Threshold { get; }
    /// <summary>−1 for each training row whose LOF exceeds <see cref="Threshold"/>, 0 for the others.</summary>
    public int[] Labels => scores.Select(s => s > Threshold ? -1 : 0).ToArray();
    /// <summary>Number of training rows flagged.</summary>
    public int OutlierCount => scores.Count(s => s > Threshold);

    internal LocalOutlierFactorModel(Matrix data, int nNeighbors, double[] kDistances, double[] densities, double[] scores, double threshold, NeighborIndex? index)
    {
        this.data = data; NNeighbors = nNeighbors; this.kDistances = kDistances; this.densities = densities; this.scores = scores;
        Threshold = threshold; this.index = index;
    }

    /// <summary>The LOF of each row of <paramref name="x"/> (m x d) against the training rows, which are not told
    /// apart from new points: a training row scored again counts itself among its neighbours (scikit-learn's
    /// <c>score_samples</c> with <c>novelty=True</c>, negated).</summary>
    public double[] ScoreSamples(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, data.Cols, nameof(x), "the training rows");
        index ??= NeighborIndex.Build(data);
        var neighbours = index.KNeighbors(x, NNeighbors);
        var result = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
            result[i] = Factor(neighbours.IndicesOf(i), densities, Density(neighbours.IndicesOf(i), neighbours.DistancesOf(i), kDistances));
        return result;
    }

    /// <summary>−1 for each row of <paramref name="x"/> whose LOF against the training rows exceeds
    /// <see cref="Threshold"/>, 0 for the others.</summary>
    public int[] Predict(Matrix x) => ScoreSamples(x).Select(s => s > Threshold ? -1 : 0).ToArray();

    /// <summary>Local reachability density: 1 / (the mean of max(k-distance of o, d(p, o)) over p's neighbours o + 1e-10).</summary>
    internal static double Density(ReadOnlySpan<int> neighbours, ReadOnlySpan<double> distances, double[] kDistances)
    {
        double sum = 0;
        for (int j = 0; j < neighbours.Length; j++) sum += Math.Max(kDistances[neighbours[j]], distances[j]);
        // scikit-learn's guard: duplicates give a mean reachability of 0.
        return 1 / (sum / neighbours.Length + 1e-10);
    }

    /// <summary>The neighbours' mean density over the point's own.</summary>
    internal static double Factor(ReadOnlySpan<int> neighbours, double[] densities, double density)
    {
        double sum = 0;
        foreach (int o in neighbours) sum += densities[o];
        return sum / neighbours.Length / density;
    }

    private const string Format = "course.local-outlier-factor";
    private sealed record State(Matrix Data, int NNeighbors, double[] KDistances, double[] Densities, double[] Scores, double Threshold);

    /// <summary>The model as a <see cref="ModelFile"/> document, the training rows included.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(data, NNeighbors, kDistances, densities, scores, Threshold));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">the JSON is not a local outlier factor of a known version, or its parts are
    /// missing, of mismatched sizes, not finite or negative.</exception>
    public static LocalOutlierFactorModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        if (s.Data is not { Rows: >= 2 } data || s.KDistances is not { } kDistances || s.Densities is not { } densities || s.Scores is not { } scores)
            throw new FormatException($"{Format}: missing training rows or scores");
        int n = data.Rows;
        ModelFile.Check(kDistances.Length == n && densities.Length == n && scores.Length == n, Format, "parts of different lengths");
        ModelFile.Check(s.NNeighbors >= 1 && s.NNeighbors < n, Format, "a neighbour count outside [1, n)");
        ModelFile.Check(ModelFile.AllFinite(data.Data) && ModelFile.AllFinite(kDistances) && ModelFile.AllFinite(densities) && ModelFile.AllFinite(scores)
            && double.IsFinite(s.Threshold) && kDistances.All(v => v >= 0) && densities.All(v => v > 0), Format, "non-finite or negative values");
        return new LocalOutlierFactorModel(data, s.NNeighbors, kDistances, densities, scores, s.Threshold, null);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static LocalOutlierFactorModel Load(string path) => ModelFile.Load<LocalOutlierFactorModel>(path);

    /// <inheritdoc/>
    public override string ToString() => $"LocalOutlierFactorModel(n={data.Rows}, k={NNeighbors}, threshold={Threshold:G4}, outliers={OutlierCount})";
}

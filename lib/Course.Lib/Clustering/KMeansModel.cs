using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Clustering;

/// <summary>
/// A fitted K-means model: centroids plus what the fit found. It saves to and loads from the kit's model format
/// (<see cref="ModelFile"/>), so a service can load the centroids and call <see cref="Predict"/> without the training
/// data; every fitted model in the kit follows this pattern (<c>model.Save(path)</c>, <c>XModel.Load(path)</c>,
/// <c>ToJson</c>/<c>FromJson</c>).
/// </summary>
public sealed class KMeansModel : ISavedModel<KMeansModel>, IClustering, IPredictor, ITransformer
{
    /// <summary>The centroids, k x d.</summary>
    public Matrix Centroids { get; }
    /// <summary>Cluster index (0..k-1) of each training row; empty for a model loaded from JSON.</summary>
    public int[] Labels { get; }
    /// <summary>Sum of squared distances of the training rows to their centroids (scikit-learn's <c>inertia_</c>).</summary>
    public double Inertia { get; }
    /// <summary>Lloyd iterations run by the winning restart.</summary>
    public int Iterations { get; }
    /// <summary>Whether the winning run met the tolerance (or a fixed point) before the iteration limit.</summary>
    public bool Converged { get; }
    /// <summary>Centroids before the first and after every iteration, when <see cref="KMeansOptions.RecordHistory"/> was set.</summary>
    public IReadOnlyList<Matrix>? History { get; }
    /// <summary>Number of clusters.</summary>
    public int NClusters => Centroids.Rows;

    /// <summary>A model from its parts; <paramref name="labels"/> may be empty.</summary>
    public KMeansModel(Matrix centroids, int[] labels, double inertia, int iterations, bool converged, IReadOnlyList<Matrix>? history = null)
    {
        Guard.Data(centroids, nameof(centroids));
        Centroids = centroids; Labels = labels ?? []; Inertia = inertia; Iterations = iterations; Converged = converged; History = history;
    }

    /// <summary>Index of the nearest centroid for each row of <paramref name="x"/> (m x d).</summary>
    public int[] Predict(Matrix x)
    {
        AlgorithmUse.Report("KMeansModel.Predict");
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Centroids.Cols, nameof(x), "the centroids");
        var labels = new int[x.Rows];
        LloydKernel.Assign(x, Distance.RowSquaredNorms(x), Centroids, labels, null, null, null);
        return labels;
    }

    /// <summary>Euclidean distance from each row of <paramref name="x"/> to each centroid: m x k (scikit-learn's <c>transform</c>).</summary>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Centroids.Cols, nameof(x), "the centroids");
        var result = new Matrix(x.Rows, NClusters);
        var norms = Distance.RowSquaredNorms(Centroids);
        Parallel.For(0, x.Rows, i =>
        {
            var row = x.Row(i);
            var dist = result.Row(i);
            Distance.SquaredToCenters(row, Distance.Dot(row, row), Centroids, norms, dist);
            TensorPrimitives.Sqrt(dist, dist);
        });
        return result;
    }

    /// <summary>Sum of squared distances of <paramref name="x"/>'s rows to their nearest centroids.</summary>
    public double InertiaOf(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Centroids.Cols, nameof(x), "the centroids");
        return LloydKernel.Assign(x, Distance.RowSquaredNorms(x), Centroids, new int[x.Rows], null, null, null);
    }

    private const string Format = "course.kmeans";
    private sealed record State(Matrix Centroids, double Inertia, int Iterations, bool Converged);

    /// <summary>The model as a <see cref="ModelFile"/> document: centroids, inertia and convergence (not the training
    /// labels or history, which a service that predicts does not need).</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Centroids, Inertia, Iterations, Converged));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">the JSON is not a K-means model of a known version, or its centroids are
    /// empty or not finite.</exception>
    public static KMeansModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Centroids.Rows > 0 && s.Centroids.Cols > 0, Format, "no centroids");
        ModelFile.Check(ModelFile.AllFinite(s.Centroids.Data)
            && Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(s.Centroids.Data)) <= Guard.MaxMagnitude, Format, "non-finite or overflowing centroids");
        ModelFile.Check(s.Inertia >= 0 && double.IsFinite(s.Inertia) && s.Iterations >= 0, Format, "a negative or non-finite inertia, or negative iterations");
        return new KMeansModel(s.Centroids, [], s.Inertia, s.Iterations, s.Converged);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static KMeansModel Load(string path) => ModelFile.Load<KMeansModel>(path);

    /// <inheritdoc/>
    public override string ToString() => $"KMeansModel(k={NClusters}, inertia={Inertia:G6}, iterations={Iterations}, converged={Converged})";
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Numerics.Tensors;
using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// A fitted K-means model: centroids plus what the fit found. It saves to and loads from JSON, so a service can load
/// the centroids and call <see cref="Predict"/> without the training data; every fitted model in the kit follows this
/// pattern (<c>Save</c>/<c>Load</c>, <c>ToJson</c>/<c>FromJson</c>, a <c>format</c> tag and a version).
/// </summary>
public sealed class KMeansModel
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
    public int K => Centroids.Rows;

    /// <summary>A model from its parts; <paramref name="labels"/> may be empty.</summary>
    public KMeansModel(Matrix centroids, int[] labels, double inertia, int iterations, bool converged, IReadOnlyList<Matrix>? history = null)
    {
        Guard.Data(centroids, nameof(centroids));
        Centroids = centroids; Labels = labels ?? []; Inertia = inertia; Iterations = iterations; Converged = converged; History = history;
    }

    /// <summary>Index of the nearest centroid for each row of <paramref name="x"/> (m x d).</summary>
    public int[] Predict(Matrix x)
    {
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
        var result = new Matrix(x.Rows, K);
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

    private sealed record Dto(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("centroids")] double[][] Centroids,
        [property: JsonPropertyName("inertia")] double Inertia,
        [property: JsonPropertyName("iterations")] int Iterations,
        [property: JsonPropertyName("converged")] bool Converged);

    private const string FormatTag = "course.kmeans";

    /// <summary>The model as JSON: centroids, inertia and convergence (not the training labels).</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dto(FormatTag, 1, Centroids.ToRows(), Inertia, Iterations, Converged), JsonOptions.Indented);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">the JSON is not a K-means model of a known version.</exception>
    public static KMeansModel FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Dto dto;
        try { dto = JsonSerializer.Deserialize<Dto>(json) ?? throw new FormatException("empty JSON."); }
        catch (JsonException e) { throw new FormatException($"not a K-means model: {e.Message}", e); }
        if (dto.Format != FormatTag) throw new FormatException($"expected format '{FormatTag}', found '{dto.Format}'.");
        if (dto.Version != 1) throw new FormatException($"unsupported K-means model version {dto.Version}.");
        if (dto.Centroids is null || dto.Centroids.Length == 0) throw new FormatException("the model has no centroids.");
        return new KMeansModel(Matrix.FromRows(dto.Centroids, "centroids"), [], dto.Inertia, dto.Iterations, dto.Converged);
    }

    /// <summary>Writes <see cref="ToJson"/> to a file.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static KMeansModel Load(string path) => FromJson(File.ReadAllText(path));

    /// <inheritdoc/>
    public override string ToString() => $"KMeansModel(k={K}, inertia={Inertia:G6}, iterations={Iterations}, converged={Converged})";
}

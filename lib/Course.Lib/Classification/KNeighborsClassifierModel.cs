using System.Numerics.Tensors;
using Course.Neighbors;

namespace Course.Classification;

/// <summary>A fitted <see cref="KNeighborsClassifier"/>: the training rows, their labels and the index over them.</summary>
public sealed class KNeighborsClassifierModel : ISavedModel<KNeighborsClassifierModel>, IPredictor
{
    private readonly Matrix training;
    private readonly int[] labels;
    private readonly NeighborIndex index;
    private readonly int classes;

    /// <summary>Neighbours that vote.</summary>
    public int NNeighbors { get; }

    internal KNeighborsClassifierModel(Matrix training, int[] labels, int nNeighbors)
    {
        this.training = training; this.labels = labels; NNeighbors = nNeighbors;
        index = NeighborIndex.Build(training);
        classes = labels.Max() + 1;
    }

    /// <summary>The majority label among the k nearest training points of each row of <paramref name="x"/> (m x d);
    /// ties go to the smallest label, as scikit-learn's.</summary>
    public int[] Predict(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, training.Cols, nameof(x));
        var neighbours = index.KNeighbors(x, NNeighbors);
        var result = new int[x.Rows];
        var votes = new int[classes];
        for (int i = 0; i < x.Rows; i++)
        {
            Array.Clear(votes);
            foreach (int j in neighbours.IndicesOf(i)) votes[labels[j]]++;
            result[i] = TensorPrimitives.IndexOfMax<int>(votes); // first maximum: ties to the smallest label
        }
        return result;
    }

    /// <summary>Accuracy on labelled rows: the fraction predicted correctly.</summary>
    public double Score(Matrix x, IReadOnlyList<int> y) => Metrics.Accuracy.OfClassifier(x, y, Predict);

    private const string Format = "course.k-neighbors-classifier";
    private sealed record State(int NNeighbors, Matrix Training, int[] Labels);

    /// <summary>The model as a <see cref="ModelFile"/> document. k-NN keeps its training data, so the file holds every
    /// training row.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(NNeighbors, training, labels));

    /// <inheritdoc/>
    public static KNeighborsClassifierModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Training.Rows > 0 && s.Training.Cols > 0 && s.Labels.Length == s.Training.Rows, Format, "one label per training row");
        ModelFile.Check(s.NNeighbors >= 1 && s.NNeighbors <= s.Training.Rows, Format, "NNeighbors must be between 1 and the number of training rows");
        ModelFile.Check(s.Labels.All(l => l >= 0) && ModelFile.AllFinite(s.Training.Data), Format, "negative labels or non-finite training rows");
        return new KNeighborsClassifierModel(s.Training, s.Labels, s.NNeighbors);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static KNeighborsClassifierModel Load(string path) => ModelFile.Load<KNeighborsClassifierModel>(path);
}

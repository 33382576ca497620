using System.Numerics.Tensors;

namespace Course.Classification;

/// <summary>A fitted <see cref="LogisticRegression"/>: weights W (d x classes) and intercepts.</summary>
public sealed class LogisticRegressionModel : ISavedModel<LogisticRegressionModel>, IProbabilisticClassifier
{
    /// <summary>Weights, d x classes (scikit-learn's <c>coef_</c> transposed).</summary>
    public Matrix Weights { get; }
    /// <summary>Intercepts, one per class.</summary>
    public double[] Intercepts { get; }
    /// <summary>Number of classes.</summary>
    public int Classes => Intercepts.Length;

    internal LogisticRegressionModel(Matrix weights, double[] intercepts)
    {
        Weights = weights; Intercepts = intercepts;
    }

    /// <summary>Class probabilities for each row (m x classes), the softmax of x W + b.</summary>
    public Matrix PredictProbabilities(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Weights.Rows, nameof(x));
        var p = new Matrix(x.Rows, Classes);
        for (int i = 0; i < x.Rows; i++)
        {
            var row = p.Row(i);
            for (int c = 0; c < Classes; c++)
            {
                double s = Intercepts[c];
                for (int j = 0; j < x.Cols; j++) s += x[i, j] * Weights[j, c];
                row[c] = s;
            }
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double sum = 0;
            for (int c = 0; c < Classes; c++) { row[c] = Math.Exp(row[c] - max); sum += row[c]; }
            for (int c = 0; c < Classes; c++) row[c] /= sum;
        }
        return p;
    }

    /// <summary>The most probable class of each row (ties to the smallest class).</summary>
    public int[] Predict(Matrix x)
    {
        var p = PredictProbabilities(x);
        var result = new int[x.Rows];
        for (int i = 0; i < x.Rows; i++) result[i] = TensorPrimitives.IndexOfMax<double>(p.Row(i)); // first maximum: ties to the smaller class
        return result;
    }

    /// <summary>Accuracy on labelled rows.</summary>
    public double Score(Matrix x, IReadOnlyList<int> y) => Metrics.Accuracy.OfClassifier(x, y, Predict);

    private const string Format = "course.logistic-regression";
    private sealed record State(Matrix Weights, double[] Intercepts);

    /// <inheritdoc/>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Weights, Intercepts));

    /// <inheritdoc/>
    public static LogisticRegressionModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Weights.Rows > 0 && s.Intercepts.Length > 0 && s.Weights.Cols == s.Intercepts.Length, Format, "weights must be d x classes with one intercept per class");
        ModelFile.Check(ModelFile.AllFinite(s.Weights.Data) && ModelFile.AllFinite(s.Intercepts), Format, "non-finite weights");
        return new LogisticRegressionModel(s.Weights, s.Intercepts);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static LogisticRegressionModel Load(string path) => ModelFile.Load<LogisticRegressionModel>(path);
}

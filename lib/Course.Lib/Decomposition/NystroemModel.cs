using Course.Compute;

namespace Course.Decomposition;

/// <summary>A fitted <see cref="Nystroem"/> feature map.</summary>
public sealed class NystroemModel : ISavedModel<NystroemModel>, ITransformer
{
    /// <summary>The kernel and its parameters (γ resolved).</summary>
    public KernelFunction Kernel { get; }
    /// <summary>The landmark rows L (m x d).</summary>
    public Matrix Landmarks { get; }
    /// <summary>Which training rows became landmarks (m).</summary>
    public int[] LandmarkIndices { get; }
    /// <summary>K_LL^(-1/2) (m x m, symmetric).</summary>
    public Matrix Normalization { get; }
    /// <summary>Number of features, m.</summary>
    public int NComponents => Landmarks.Rows;

    internal NystroemModel(KernelFunction kernel, Matrix landmarks, int[] landmarkIndices, Matrix normalization)
    {
        Kernel = kernel; Landmarks = landmarks; LandmarkIndices = landmarkIndices; Normalization = normalization;
    }

    /// <summary>The features of new points (n x d → n x m): k(x, L) K_LL^(-1/2). Their dot products approximate the
    /// kernel.</summary>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Landmarks.Cols, nameof(x));
        return LinearAlgebra.Multiply(Kernel.Compute(x, Landmarks), Normalization);
    }

    private const string Format = "course.nystroem";
    private sealed record State(KernelFunction Kernel, Matrix Landmarks, int[] LandmarkIndices, Matrix Normalization);

    /// <summary>The model as a <see cref="ModelFile"/> document.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Kernel, Landmarks, LandmarkIndices, Normalization));

    /// <inheritdoc/>
    public static NystroemModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        int m = s.Landmarks.Rows;
        ModelFile.Check(m > 0 && s.Landmarks.Cols > 0, Format, "no landmarks");
        ModelFile.Check(s.LandmarkIndices.Length == m && s.Normalization.Rows == m && s.Normalization.Cols == m, Format, "indices and normalization must match m landmarks");
        ModelFile.Check(Enum.IsDefined(s.Kernel.Type) && s.Kernel.Gamma > 0 && double.IsFinite(s.Kernel.Gamma) && s.Kernel.Degree >= 1 && double.IsFinite(s.Kernel.Coef0), Format, "invalid kernel");
        ModelFile.Check(s.LandmarkIndices.All(i => i >= 0) && s.LandmarkIndices.Distinct().Count() == m, Format, "landmark indices must be distinct and non-negative");
        ModelFile.Check(ModelFile.AllFinite(s.Landmarks.Data) && ModelFile.AllFinite(s.Normalization.Data), Format, "non-finite landmarks or normalization");
        return new NystroemModel(s.Kernel, s.Landmarks, s.LandmarkIndices, s.Normalization);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static NystroemModel Load(string path) => ModelFile.Load<NystroemModel>(path);
}

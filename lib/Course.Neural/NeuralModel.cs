namespace Course.Neural;

/// <summary>
/// The neural models' contract, PyTorch's rather than scikit-learn's (<see cref="IEstimator{TOptions, TModel}"/>): the
/// constructor builds the architecture (sizes, layers), <see cref="Fit"/> trains the weights in place and returns what
/// the run did; the run's settings are a <see cref="TrainingOptions"/> record, the objective a record of its own, and
/// what a caller watches a <see cref="FitObserver"/>, as everywhere in the kit. <see cref="Save"/> writes the weights
/// with a manifest of the architecture; each type's static <c>Load(path)</c> rebuilds it (a manifest of another format
/// version is refused with the version named). EstimatorContractTests finds every implementation by reflection.
/// </summary>
/// <typeparam name="THistory">What a training run reports (<see cref="TrainingHistory"/>, <see cref="VaeHistory"/>).</typeparam>
public interface INeuralModel<out THistory> where THistory : class
{
    /// <summary>Input width d (for images, height x width).</summary>
    int InputSize { get; }

    /// <summary>Trains on the rows of <paramref name="x"/> (n x d) with the model's default objective.</summary>
    /// <exception cref="ArgumentException">x or validation is null, not finite, of another width, or outside what the
    /// output layer can produce (ParamName names which).</exception>
    THistory Fit(Matrix x, TrainingOptions? options = null, Matrix? validation = null, FitObserver? observer = null);

    /// <summary>Codes of the rows of <paramref name="x"/> (n x d → n x k): the representation the model learned.</summary>
    Matrix Encode(Matrix x);

    /// <summary>Writes the weights to <paramref name="path"/> and the architecture to a manifest beside it.</summary>
    void Save(string path);
}

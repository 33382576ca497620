namespace Course;

// The estimator contract as types, after scikit-learn's API (Buitinck et al., "API design for machine learning
// software: experiences from the scikit-learn project", 2013), with one change: Fit returns the fitted model instead of
// storing it in the estimator, so an estimator is only its options and can be fitted again, or in parallel, unchanged.
// EstimatorContractTests finds every implementation by reflection and holds each to the rules written here.

/// <summary>An unsupervised estimator <c>X</c>: its hyperparameters in an <c>XOptions</c> record (pure data: no
/// callbacks, see <see cref="FitObserver"/>), and <see cref="Fit"/>, which returns a new fitted model.</summary>
/// <typeparam name="TOptions">The options record, <c>XOptions</c>; every value has a default, so <c>new X()</c> works
/// unless the method has no sensible default (then the shorthand constructor names what it needs).</typeparam>
/// <typeparam name="TModel">The fitted model, <c>XModel</c>, or the model of the method's family (MiniBatchKMeans
/// gives a KMeansModel, IncrementalPca a PcaModel).</typeparam>
public interface IEstimator<out TOptions, out TModel> where TOptions : class where TModel : class
{
    /// <summary>The hyperparameters, as given (validated) at construction.</summary>
    TOptions Options { get; }

    /// <summary>Fits the rows of <paramref name="x"/> (n x d). Neither the estimator nor <paramref name="x"/> changes;
    /// a seeded fit returns the same model every time.</summary>
    /// <param name="x">The data, n x d, finite, values within ±<see cref="Guard.MaxMagnitude"/>.</param>
    /// <param name="observer">Progress, snapshots and cancellation, for an iterative method; null to watch nothing.</param>
    /// <exception cref="ArgumentException">x is null, empty or not finite (ParamName "x").</exception>
    /// <exception cref="OperationCanceledException">the observer's cancellation was requested.</exception>
    TModel Fit(Matrix x, FitObserver? observer = null);
}

/// <summary>A supervised estimator (the classifiers the lessons judge representations with): as
/// <see cref="IEstimator{TOptions, TModel}"/>, with labels.</summary>
public interface ISupervisedEstimator<out TOptions, out TModel> where TOptions : class where TModel : class
{
    /// <summary>The hyperparameters.</summary>
    TOptions Options { get; }

    /// <summary>Fits rows <paramref name="x"/> (n x d) with non-negative class labels <paramref name="y"/> (n).</summary>
    /// <exception cref="ArgumentException">x is bad (ParamName "x"), or y is null, of another length or negative ("y").</exception>
    TModel Fit(Matrix x, IReadOnlyList<int> y);
}

/// <summary>A fitted model that assigns new rows to its clusters or classes.</summary>
public interface IPredictor
{
    /// <summary>One label per row of <paramref name="x"/> (m x d, d as fitted); -1 is noise where the method has it.</summary>
    /// <exception cref="ArgumentException">x is null, not finite or of another width (ParamName "x").</exception>
    int[] Predict(Matrix x);
}

/// <summary>A fitted model that maps new rows into its space (components, features, distances, an embedding).</summary>
public interface ITransformer
{
    /// <summary>The rows of <paramref name="x"/> (m x d, d as fitted) in the model's space, m x k.</summary>
    /// <exception cref="ArgumentException">x is null, not finite or of another width (ParamName "x").</exception>
    Matrix Transform(Matrix x);
}

/// <summary>A transformer that also maps back (PCA's reconstruction, a scaler's unscaling).</summary>
public interface IInvertibleTransformer : ITransformer
{
    /// <summary>Rows of the model's space (m x k) mapped back to the data's (m x d).</summary>
    /// <exception cref="ArgumentException">z is null, not finite or of another width (ParamName "z").</exception>
    Matrix InverseTransform(Matrix z);
}

/// <summary>A classifier that also gives each class's probability.</summary>
public interface IProbabilisticClassifier : IPredictor
{
    /// <summary>m x classes; each row sums to 1.</summary>
    Matrix PredictProbabilities(Matrix x);
}

/// <summary>A fitted clustering of the training rows (scikit-learn's <c>labels_</c>).</summary>
public interface IClustering
{
    /// <summary>One cluster per training row, 0-based; -1 for noise where the method has it.</summary>
    int[] Labels { get; }
}

/// <summary>A fitted embedding of the training rows (t-SNE, UMAP, Kernel PCA's training scores).</summary>
public interface IEmbedding
{
    /// <summary>The training rows' coordinates, n x k.</summary>
    Matrix Embedding { get; }
}

/// <summary>The contract's shared operations.</summary>
public static class Estimators
{
    /// <summary>Fits <paramref name="x"/> and maps the same rows: <c>estimator.Fit(x).Transform(x)</c>, scikit-learn's
    /// <c>fit_transform</c>, for every estimator whose model is an <see cref="ITransformer"/>.</summary>
    public static Matrix FitTransform<TOptions, TModel>(this IEstimator<TOptions, TModel> estimator, Matrix x)
        where TOptions : class where TModel : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(x).Transform(x);
    }
}

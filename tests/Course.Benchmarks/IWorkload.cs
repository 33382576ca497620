namespace Course.Benchmarks;

/// <summary>
/// One row of the benchmark: a task run by our library and by a Python reference on identical inputs, timed the same
/// way on both sides (warm-up runs, then the median of repeats; see <see cref="Timing"/>
/// and <c>reference/harness.py</c>).
/// </summary>
/// <remarks>
/// Each side splits its work in two so that only the algorithm is timed: <see cref="RunOurs"/> (timed) returns an
/// opaque result, and <see cref="Metrics"/> (untimed) reads the numbers to compare from it. The Python module named
/// by <see cref="ReferenceScript"/> mirrors this with <c>setup(arrays, params)</c>, which returns the callable to
/// time, and <c>metrics(result)</c>, which must return the same metric names.
/// </remarks>
public interface IWorkload
{
    /// <summary>The name selected on the command line and printed in the table (e.g. <c>kmeans-lloyd</c>).</summary>
    string Name { get; }

    /// <summary>One line saying what is run on which data.</summary>
    string Description { get; }

    /// <summary>The reference implementation's name in the table. Default <c>sklearn</c>.</summary>
    string ReferenceName => "sklearn";

    /// <summary>File name, under <c>reference/</c>, of the Python module that runs the same task.</summary>
    string ReferenceScript { get; }

    /// <summary>Hyperparameters handed to the Python module as JSON, so both sides read them from one place.</summary>
    IReadOnlyDictionary<string, object> ReferenceParameters { get; }

    /// <summary>
    /// The metric whose relative difference (ours vs reference) the table shows, e.g. <c>inertia</c>; it tells whether
    /// both sides solved the problem equally well, which makes the time ratio meaningful.
    /// </summary>
    string QualityMetric { get; }

    /// <summary>Builds the inputs (untimed). Every matrix is also written to the file the Python side loads, by name.</summary>
    IReadOnlyDictionary<string, Matrix> Prepare();

    /// <summary>One timed run of our implementation.</summary>
    object RunOurs(IReadOnlyDictionary<string, Matrix> inputs);

    /// <summary>The numbers to compare, read from a result of <see cref="RunOurs"/>; names match the Python side's.
    /// A metric named <c>n_iter</c> also gives the time-per-iteration column.</summary>
    IReadOnlyDictionary<string, double> Metrics(object result);
}

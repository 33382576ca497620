using Course.Compute;

namespace Course.Decomposition;

/// <summary>
/// An incremental PCA fit in progress (<see cref="IncrementalPca.Begin"/>): <see cref="Add(Matrix)"/> one batch at a time,
/// read <see cref="Model"/> whenever needed. Memory is O((k + batch) d). The one mutable object of the estimator
/// contract, and a separate one, so the estimator stays only its options.
/// </summary>
public sealed class IncrementalPcaRun
{
    private readonly IncrementalPcaOptions options;
    private double[]? mean, variance;
    private Matrix? components;
    private double[]? singular;
    private long seen;

    internal IncrementalPcaRun(IncrementalPcaOptions options) => this.options = options;

    private int? k; // fixed by the first batch when the options leave it open

    /// <summary>Batches added so far.</summary>
    public int Batches { get; private set; }

    /// <summary>Updates the decomposition with one more batch (m x d, m ≥ k) and returns the model so far.</summary>
    /// <exception cref="ArgumentException">the batch is empty, non-finite, smaller than k rows, or its width differs.</exception>
    public PcaModel Add(Matrix batch) => Add(batch, nameof(batch));

    internal PcaModel Add(Matrix batch, string name)
    {
        Guard.Data(batch, name);
        if (mean is not null) Guard.Columns(batch, mean.Length, name, "the earlier batches");
        int m = batch.Rows, d = batch.Cols;
        int NComponents = k ?? options.NComponents ?? Math.Min(m, d);
        if (components is null && NComponents > Math.Min(m, d))
            throw new ArgumentException($"NComponents = {NComponents} needs a first batch of at least that many rows and columns; it is {m} x {d}.", name);
        if (m < NComponents && components is null)
            throw new ArgumentException($"each batch needs at least NComponents = {NComponents} rows; this one has {m}.", name);
        k = NComponents;
        Batches++;
        var batchMean = batch.ColumnMeans();
        var batchVar = new double[d];
        for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) { double t = batch[i, j] - batchMean[j]; batchVar[j] += t * t; }
        long total = seen + m;
        Matrix stacked;
        if (components is null)
        {
            stacked = batch.SubtractFromRows(batchMean);
            mean = batchMean;
            variance = batchVar.Select(v => v / m).ToArray();
        }
        else
        {
            int k = components.Rows;
            stacked = new Matrix(k + m + 1, d);
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) stacked[c, j] = singular![c] * components[c, j];
            var centred = batch.SubtractFromRows(batchMean);
            centred.Data.CopyTo(stacked.Data, k * d);
            double scale = Math.Sqrt(seen * (double)m / total);
            for (int j = 0; j < d; j++) stacked[k + m, j] = scale * (mean![j] - batchMean[j]);
            // Chan et al.'s pairwise update of the per-column mean and (population) variance.
            for (int j = 0; j < d; j++)
            {
                double delta = batchMean[j] - mean![j];
                double m2 = variance![j] * seen + batchVar[j] + delta * delta * seen * m / total;
                mean[j] += delta * m / total;
                variance[j] = m2 / total;
            }
        }
        seen = total;
        var (u, s, vt) = LinearAlgebra.ThinSvd(stacked);
        s = NumericalRank.ZeroNoise(s, stacked.Rows, stacked.Cols);
        LinearAlgebra.FlipSigns(u, vt);
        int keep = Math.Min(NComponents, s.Length);
        components = vt.SelectRows(Enumerable.Range(0, keep).ToArray());
        singular = s[..keep];
        return Model;
    }

    /// <summary>The model of the batches so far.</summary>
    /// <exception cref="InvalidOperationException">no batch has been added yet.</exception>
    public PcaModel Model => components is null ? throw new InvalidOperationException("add a batch first.") : Build();

    private PcaModel Build()
    {
        // One row so far has no spread: report zero variances rather than 0 / 0.
        double dof = Math.Max(seen - 1.0, 1.0);
        double totalVar = variance!.Sum() * seen / dof;
        var explained = singular!.Select(v => v * v / dof).ToArray();
        int r = (int)Math.Min(seen, mean!.Length);
        double rest = r > explained.Length ? (totalVar - explained.Sum()) / (r - explained.Length) : 0;
        return new PcaModel((double[])mean.Clone(), components!.Clone(), (double[])singular!.Clone(), explained,
            PcaModel.Ratios(explained, totalVar), Math.Max(rest, 0), (int)seen, options.Whiten, PcaSolver.Full);
    }
}

using System.Collections;
using System.Reflection;
using System.Text;
using Course.Classification;
using Course.Clustering;
using Course.Compute;
using Course.Data;
using Course.Decomposition;
using Course.Manifold;
using Course.Metrics;
using Course.Neighbors;
using Xunit.Abstractions;

namespace Course.Tests;

/// <summary>
/// The contract every public estimator and metric keeps, in the spirit of scikit-learn's <c>check_estimator</c>: one
/// table of subjects, one of hostile inputs. Invalid input (null, NaN, ±∞, values whose squares overflow, no rows, no
/// columns, the wrong width at Predict/Transform) must throw an <see cref="ArgumentException"/> whose ParamName is the
/// public argument; degenerate but valid input (one row, all rows identical) must either do the same or return a
/// finite result; never a NullReference, IndexOutOfRange, Overflow or a silent NaN. A seeded fit is bit-identical
/// across runs and across thread counts. A new estimator joins by adding a row to <see cref="Subjects"/>.
/// </summary>
[Collection(LibtorchGlobalGenerator.Name)]
public partial class EstimatorContractTests(ITestOutputHelper output)
{
    /// <summary>A public entry point under test: <see cref="Fit"/> takes the data (argument name
    /// <see cref="Argument"/>); <see cref="Apply"/>, when the fitted object has one, maps new rows.</summary>
    /// <param name="Others">Other public arguments a degenerate case may be refused by (a one-row x leaves too few
    /// distinct labels, say).</param>
    /// <param name="Sample">Valid data for the determinism check, when blobs are not (probabilities).</param>
    public sealed record Subject(string Name, Func<Matrix, object> Fit, Func<object, Matrix, object>? Apply = null, string Argument = "x",
        string ApplyArgument = "x", string[]? Others = null, Func<Matrix>? Sample = null, bool Deterministic = true)
    {
        public override string ToString() => Name;
    }

    // Labels and a second embedding of the same rows, for the metrics that take them (any length when x is null).
    private static int[] Labels(Matrix? x) => Enumerable.Range(0, x?.Rows ?? 3).Select(i => i % 3).ToArray();

    private static Matrix Embedding(Matrix? x)
    {
        var e = new Matrix(x?.Rows ?? 3, 2);
        for (int i = 0; i < e.Rows; i++) { e[i, 0] = i * 0.37 % 5; e[i, 1] = i * 0.11 % 3; }
        return e;
    }

    public static readonly Subject[] Subjects =
    [
        new("KMeans", x => new KMeans(3).Fit(x), (m, x) => ((KMeansModel)m).Predict(x)),
        new("LocalOutlierFactor", x => new LocalOutlierFactor(5).Fit(x), (m, x) => ((LocalOutlierFactorModel)m).ScoreSamples(x)),
        new("GaussianMixture full", x => new GaussianMixture(3).Fit(x), (m, x) => ((GaussianMixtureModel)m).PredictProbabilities(x)),
        new("GaussianMixture spherical, scored", x => new GaussianMixture(new GaussianMixtureOptions { NComponents = 2, CovarianceType = CovarianceType.Spherical, Init = GaussianMixtureInit.Random }).Fit(x), (m, x) => ((GaussianMixtureModel)m).ScoreSamples(x)),
        new("KMeans.Transform", x => new KMeans(new KMeansOptions { NClusters = 3, Init = KMeansInit.Random }).Fit(x), (m, x) => ((KMeansModel)m).Transform(x)),
        new("MiniBatchKMeans", x => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 3, BatchSize = 16 }).Fit(x), (m, x) => ((KMeansModel)m).Predict(x)),
        new("Agglomerative ward", x => new AgglomerativeClustering(3).Fit(x)),
        new("Agglomerative single", x => new AgglomerativeClustering(3, Linkage.Single).Fit(x)),
        new("Agglomerative average, threshold", x => new AgglomerativeClustering(new AgglomerativeClusteringOptions { Linkage = Linkage.Average, DistanceThreshold = 1 }).Fit(x)),
        new("Dbscan", x => new Dbscan(0.8, 3).Fit(x), (m, x) => ((DbscanModel)m).Predict(x)),
        new("Hdbscan", x => new Hdbscan(3).Fit(x)),
        new("Pca full", x => new Pca(new PcaOptions { Solver = PcaSolver.Full }).Fit(x), (m, x) => ((PcaModel)m).Transform(x)),
        new("Pca whitened, 2", x => new Pca(new PcaOptions { NComponents = 2, Whiten = true, Solver = PcaSolver.CovarianceEigh }).Fit(x), (m, x) => ((PcaModel)m).Transform(x)),
        new("Pca randomized", x => new Pca(new PcaOptions { NComponents = 2, Solver = PcaSolver.Randomized }).Fit(x), (m, x) => ((PcaModel)m).InverseTransform(((PcaModel)m).Transform(x))),
        new("Pca variance 0.9", x => new Pca(new PcaOptions { VarianceToKeep = 0.9 }).Fit(x), (m, x) => ((PcaModel)m).Transform(x)),
        new("IncrementalPca", x => new IncrementalPca(new IncrementalPcaOptions { NComponents = 2, Whiten = true }).Fit(x), (m, x) => ((PcaModel)m).Transform(x)),
        new("KernelPca rbf", x => new KernelPca(new KernelPcaOptions { Kernel = KernelType.Rbf, FitInverseTransform = true }).Fit(x), (m, x) => ((KernelPcaModel)m).Transform(x)),
        new("Nystroem", x => new Nystroem(new NystroemOptions { NComponents = 4 }).Fit(x), (m, x) => ((NystroemModel)m).Transform(x)),
        new("KernelPca cosine", x => new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = KernelType.Cosine }).Fit(x), (m, x) => ((KernelPcaModel)m).Transform(x)),
        new("Tsne exact", x => new Tsne(new TsneOptions { Perplexity = 2, MaxIterations = 250, Method = TsneMethod.Exact }).Fit(x)),
        new("Tsne Barnes-Hut", x => new Tsne(new TsneOptions { Perplexity = 2, MaxIterations = 250, Method = TsneMethod.BarnesHut }).Fit(x)),
        new("Umap", x => new Umap(new UmapOptions { NNeighbors = 3, Epochs = 20 }).Fit(x), (m, x) => ((UmapModel)m).Transform(x)),
        new("StandardScaler", x => new StandardScaler().Fit(x), (m, x) => ((StandardScalerModel)m).Transform(x)),
        new("LogisticRegression", x => new LogisticRegression().Fit(x, Labels(x), classes: 3), (m, x) => ((LogisticRegressionModel)m).PredictProbabilities(x)),
        new("KNeighborsClassifier", x => new KNeighborsClassifier(1).Fit(x, Labels(x)), (m, x) => ((KNeighborsClassifierModel)m).Predict(x)),
        new("NeighborIndex k-d tree", x => NeighborIndex.Build(x, algorithm: IndexAlgorithm.KdTree), (m, x) => ((NeighborIndex)m).KNeighbors(x, 1).Distances, ApplyArgument: "queries"),
        new("NeighborIndex brute force", x => NeighborIndex.Build(x, algorithm: IndexAlgorithm.BruteForce), (m, x) => ((NeighborIndex)m).RadiusNeighbors(x, 1.0).Offsets, ApplyArgument: "queries"),
        new("KNearestNeighbors.Graph", x => KNearestNeighbors.Graph(x, 1)),
        new("KDistanceCurve", x => KDistanceCurve.Compute(x, 2)),
        new("ElbowCurve", x => ElbowCurve.Compute(x, 1, 2), Others: ["kMax"]),
        new("GapStatistic", x => GapStatistic.Compute(x, 1, 2, references: 2), Others: ["kMax"]),
        new("Silhouette", x => Silhouette.Score(x, Labels(x)), Others: ["labels"]),
        new("DaviesBouldin", x => DaviesBouldin.Score(x, Labels(x)), Others: ["labels"]),
        new("CalinskiHarabasz", x => CalinskiHarabasz.Score(x, Labels(x)), Others: ["labels"]),
        new("Dbcv", x => Dbcv.Score(x, Labels(x)), Others: ["labels"]),
        new("Trustworthiness", x => Trustworthiness.Score(x, Embedding(x), 1), Argument: "original", Others: ["embedded", "k"]),
        new("Continuity", x => Trustworthiness.Continuity(x, Embedding(x), 1), Argument: "original", Others: ["embedded", "k"]),
        new("DistancePreservation", x => DistancePreservation.Spearman(x, Embedding(x)), Argument: "original", Others: ["embedded"]),
        new("CopheneticCorrelation", x => CopheneticCorrelation.Score(x, new AgglomerativeClustering(1, Linkage.Average).Fit(x is not null && x.Rows > 0 && x.Cols > 0 && !x.Data.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e150) ? x : Matrix.FromRows([[0.0], [1.0]])).Tree)),
        new("FrechetDistance", x => FrechetDistance.OfFeatures(x, x), Argument: "features1"),
        new("SampleCoverage", x => SampleCoverage.Compute(x, x, 1), Argument: "real"),
        new("InceptionScore", x => InceptionScore.FromProbabilities(x), Argument: "probabilities", Sample: () => Probabilities(90, 4)),
        new("MutualInformationGap", x => MutualInformationGap.Score(x, [Labels(x)]), Argument: "latents"),
        new("LabelPropagation", x => Labeling.LabelPropagation.Propagate(x, Labels(x), new Dictionary<int, int> { [0] = 1 }), Argument: "pool", Others: ["clusters"]),
        // The neural estimators (seeded; libtorch's own thread count decides their last bits, so no determinism row).
        new("MlpAutoencoder", x => { Neural.NeuralSeed.Set(0); var m = new Neural.MlpAutoencoder(3, 2, [4], sigmoidOutput: false); return (m, m.Fit(x, new Neural.TrainingOptions { Epochs = 2, BatchSize = 4 })); },
            (m, x) => (((Neural.MlpAutoencoder, Neural.TrainingHistory))m).Item1.Encode(x), Deterministic: false),
        new("Vae (Gaussian)", x => { Neural.NeuralSeed.Set(0); var m = new Neural.Vae(3, 2, [4], Neural.Likelihood.Gaussian); return m.Fit(x, new Neural.TrainingOptions { Epochs = 2, BatchSize = 4 }); },
            Deterministic: false),
    ];

    /// <summary>The metrics of labels and scores, with their own hostile inputs: null, empty, unequal lengths,
    /// non-finite scores. Each must refuse by name or answer finitely.</summary>
    [Fact]
    public void Label_and_score_metrics_refuse_by_name_or_answer_finitely()
    {
        int[] a = [0, 0, 1, 1, 2], b = [1, 1, 0, 0, 0];
        bool[] truth = [true, false, true, false, false];
        double[] scores = [0.9, 0.2, 0.7, 0.4, 0.1];
        var cases = new (string Name, Func<object> Act, Expect Expect, string Argument)[]
        {
            ("ARI null", () => AdjustedRandIndex.Score(null!, b), Expect.Refuse, "labelsTrue"),
            ("ARI empty", () => AdjustedRandIndex.Score([], []), Expect.Refuse, "labelsTrue"),
            ("ARI unequal", () => AdjustedRandIndex.Score(a, b[..4]), Expect.Refuse, "labelsPred"),
            ("ARI one point", () => AdjustedRandIndex.Score([3], [7]), Expect.RefuseOrFinite, "labelsTrue"),
            ("NMI null", () => NormalizedMutualInfo.Score(a, null!), Expect.Refuse, "labelsPred"),
            ("NMI empty", () => NormalizedMutualInfo.Score([], []), Expect.Refuse, "labelsTrue"),
            ("NMI one cluster each", () => NormalizedMutualInfo.Score([1, 1, 1], [0, 0, 0]), Expect.RefuseOrFinite, "labelsTrue"),
            ("Accuracy unequal", () => Accuracy.Score(a, b[..2]), Expect.Refuse, "predicted"),
            ("Accuracy empty", () => Accuracy.Score([], []), Expect.Refuse, "truth"),
            ("NoiseLabels null", () => NoiseLabels.AsSingletons(null!), Expect.Refuse, "labels"),
            ("ROC NaN score", () => RocCurve.Compute(truth, [0.9, double.NaN, 0.7, 0.4, 0.1]), Expect.Refuse, "scores"),
            ("ROC unequal", () => RocCurve.Compute(truth, scores[..3]), Expect.Refuse, "scores"),
            ("ROC null", () => RocCurve.Compute(null!, scores), Expect.Refuse, "positive"),
            ("PR +inf score", () => PrecisionRecall.Curve(truth, [0.9, 0.2, double.PositiveInfinity, 0.4, 0.1]), Expect.Refuse, "scores"),
            ("PR flags unequal", () => PrecisionRecall.At(truth, [true]), Expect.Refuse, "flagged"),
            ("Threshold NaN", () => AnomalyThreshold.FromNormalScores([0.1, double.NaN]), Expect.Refuse, "normalScores"),
            ("Threshold empty", () => AnomalyThreshold.FromNormalScores([]), Expect.Refuse, "normalScores"),
            ("Threshold identical", () => AnomalyThreshold.FromNormalScores([0.5, 0.5, 0.5]), Expect.RefuseOrFinite, "normalScores"),
        };
        var failures = new List<string>();
        foreach (var (name, act, expect, argument) in cases)
        {
            var outcome = Outcome(act, expect, argument, [], out var failure);
            output.WriteLine($"{name,-24} {outcome}");
            if (failure is not null) failures.Add($"{name}: {failure}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static Matrix Probabilities(int n, int k)
    {
        var p = new Matrix(n, k);
        for (int i = 0; i < n; i++)
        {
            double total = 0;
            for (int c = 0; c < k; c++) total += p[i, c] = 1 + (i * 7 + c * 3) % 5;
            for (int c = 0; c < k; c++) p[i, c] /= total;
        }
        return p;
    }

    public static IEnumerable<object[]> SubjectRows => Subjects.Select(s => new object[] { s });

    /// <summary>The subjects whose seeded fits are bit-identical on any thread count (not libtorch's, see NeuralSeed).</summary>
    public static IEnumerable<object[]> DeterministicRows => Subjects.Where(s => s.Deterministic).Select(s => new object[] { s });

    /// <summary>How a case may end: invalid input must be refused; degenerate input may be refused or answered finitely.</summary>
    private enum Expect { Refuse, RefuseOrFinite }

    private static readonly (string Case, Func<Matrix?> Data, Expect Expect)[] DataCases =
    [
        ("null", () => null, Expect.Refuse),
        ("NaN", () => Good(v => v == 7 ? double.NaN : null), Expect.Refuse),
        ("+inf", () => Good(v => v == 3 ? double.PositiveInfinity : null), Expect.Refuse),
        ("-inf", () => Good(v => v == 11 ? double.NegativeInfinity : null), Expect.Refuse),
        ("squares overflow (1e200)", () => Good(v => v == 5 ? 1e200 : null), Expect.Refuse),
        ("no rows", () => new Matrix(0, 3), Expect.Refuse),
        ("no columns", () => new Matrix(6, 0), Expect.Refuse),
        ("one row", () => Matrix.FromRows([[1.5, -2.0, 0.25]]), Expect.RefuseOrFinite),
        ("identical rows", () => Matrix.FromRows(Enumerable.Repeat(new[] { 1.5, -2.0, 0.25 }, 12).ToList()), Expect.RefuseOrFinite),
        ("near-limit values (1e140)", () => Good(v => 1e140 * (v % 5 + 1) * (v % 2 == 0 ? 1 : -1)), Expect.RefuseOrFinite),
    ];

    /// <summary>12 x 3 rows in three loose groups, asymmetric, with <paramref name="edit"/> applied by position.</summary>
    private static Matrix Good(Func<int, double?>? edit = null)
    {
        var x = new Matrix(12, 3);
        for (int k = 0; k < x.Data.Length; k++)
        {
            int i = k / 3, j = k % 3;
            x.Data[k] = (i % 3) * 4.0 + 0.3 * j + 0.17 * i * (j + 1) % 1.3;
            if (edit?.Invoke(k) is double v) x.Data[k] = v;
        }
        return x;
    }

    private static readonly Dictionary<(string Subject, string Case), string> Table = new();

    private static string Outcome(Func<object> act, Expect expect, string argument, string[] others, out string? failure)
    {
        failure = null;
        try
        {
            var result = act();
            var bad = NonFinite(result, 0);
            if (bad is not null) { failure = $"returned a non-finite value ({bad})"; return "NON-FINITE"; }
            if (expect == Expect.Refuse) { failure = "accepted invalid input"; return "accepted"; }
            return "finite result";
        }
        catch (ArgumentException e) when (e.ParamName == argument || (expect == Expect.RefuseOrFinite && others.Contains(e.ParamName)))
        {
            if (string.IsNullOrWhiteSpace(e.Message)) failure = "empty message";
            return (e is ArgumentNullException ? "ArgumentNull(" : "Argument(") + e.ParamName + ")";
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name} (ParamName {(e as ArgumentException)?.ParamName ?? "-"}): {e.Message}";
            return e.GetType().Name;
        }
    }

    /// <summary>The first NaN or infinity anywhere in a result (numbers, arrays, matrices, properties), or null.</summary>
    private static string? NonFinite(object? value, int depth)
    {
        switch (value)
        {
            case null: return null;
            case double d: return double.IsFinite(d) ? null : d.ToString();
            case Matrix m: return m.Data.FirstOrDefault(v => !double.IsFinite(v)) is var v && !double.IsFinite(v) ? $"matrix entry {v}" : null;
            case string: return null;
            case IEnumerable e when value is not Matrix:
                foreach (var item in e) if (NonFinite(item, depth + 1) is string s) return s;
                return null;
        }
        if (depth > 3 || value.GetType().IsPrimitive || value.GetType().IsEnum) return null;
        if (value.GetType().FullName is string name && !name.StartsWith("Course") && !name.StartsWith("System.ValueTuple")) return null;
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            if (p.Name is "Tree" or "CondensedTree" or "SingleLinkageTree" or "MinimumSpanningTree" or "Graph" or "Options") continue; // structure, not scores (λ may be +∞ by definition)
            if (NonFinite(p.GetValue(value), depth + 1) is string s) return $"{p.Name}: {s}";
        }
        foreach (var f in value.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
            if (NonFinite(f.GetValue(value), depth + 1) is string s) return $"{f.Name}: {s}";
        return null;
    }

    [Theory]
    [MemberData(nameof(SubjectRows))]
    public void Hostile_data_is_refused_by_name_or_answered_finitely(Subject subject)
    {
        var failures = new List<string>();
        foreach (var (name, data, expect) in DataCases)
        {
            var x = data();
            var outcome = Outcome(() => subject.Fit(x!), expect, subject.Argument, subject.Others ?? [], out var failure);
            lock (Table) Table[(subject.Name, name)] = outcome;
            if (failure is not null) failures.Add($"{name}: {failure}");
        }
        if (subject.Apply is { } apply)
        {
            var model = subject.Fit(Good());
            foreach (var (name, x, expect) in new (string, Matrix?, Expect)[]
            {
                ("apply: null", null, Expect.Refuse),
                ("apply: wrong width", new Matrix(2, 4), Expect.Refuse),
                ("apply: NaN", Good(v => v == 1 ? double.NaN : null), Expect.Refuse),
                ("apply: 1e200", Good(v => v == 2 ? -1e200 : null), Expect.Refuse),
                ("apply: one row", Matrix.FromRows([[0.5, 4.0, -1.0]]), Expect.RefuseOrFinite),
            })
            {
                var outcome = Outcome(() => apply(model, x!), expect, subject.ApplyArgument, [], out var failure);
                lock (Table) Table[(subject.Name, name)] = outcome;
                if (failure is not null) failures.Add($"{name}: {failure}");
            }
        }
        foreach (var (key, value) in Table.Where(t => t.Key.Subject == subject.Name)) output.WriteLine($"{key.Case,-28} {value}");
        Assert.True(failures.Count == 0, $"{subject.Name}:\n" + string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(DeterministicRows))]
    public void A_seeded_fit_is_bit_identical_across_runs_and_thread_counts(Subject subject)
    {
        var x = subject.Sample?.Invoke() ?? SyntheticData.Blobs(n: 90, centers: 3, dims: 4, std: 0.8, seed: 21).X;
        string Run(int threads)
        {
            var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, threads).ConcurrentScheduler;
            // Parallel.For runs on TaskScheduler.Current, so everything the fit starts is limited to this many threads.
            // On the library's own (managed) linear algebra: libtorch's BLAS may round differently with its thread
            // count, which depends on the calling thread (lib/TOOLCHAIN.md).
            return Task.Factory.StartNew(() =>
            {
                using var managed = LinearAlgebra.Scope(new ManagedLinearAlgebra());
                return Fingerprint(subject.Fit(x));
            }, CancellationToken.None, TaskCreationOptions.None, scheduler).Result;
        }
        string one = Run(1), again = Run(1), several = Run(4);
        Assert.Equal(one, again);
        Assert.Equal(one, several);
    }

    /// <summary>Every number a result holds, written in full (round-trip) form.</summary>
    private static string Fingerprint(object? value)
    {
        var sb = new StringBuilder();
        void Walk(object? v, int depth)
        {
            switch (v)
            {
                case null: sb.Append("null;"); return;
                case double d: sb.Append(d.ToString("R")).Append(';'); return;
                case int or long or bool: sb.Append(v).Append(';'); return;
                case Matrix m: foreach (var e in m.Data) sb.Append(e.ToString("R")).Append(','); sb.Append(';'); return;
                case string s: sb.Append(s).Append(';'); return;
                case IEnumerable e: foreach (var item in e) Walk(item, depth + 1); sb.Append('|'); return;
            }
            if (depth > 3 || v.GetType().IsEnum) { sb.Append(v).Append(';'); return; }
            foreach (var p in v.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "Options"))
                Walk(p.GetValue(v), depth + 1);
        }
        Walk(value, 0);
        return sb.ToString();
    }

    /// <summary>A cast such as <c>(Linkage)99</c> compiles; every estimator names the option that holds it.</summary>
    [Fact]
    public void Undefined_enum_values_are_refused_with_the_option_name()
    {
        var cases = new (string Option, Action Act)[]
        {
            ("Init", () => new KMeans(new KMeansOptions { Init = (KMeansInit)99 })),
            ("CovarianceType", () => new GaussianMixture(new GaussianMixtureOptions { CovarianceType = (CovarianceType)99 })),
            ("Init", () => new GaussianMixture(new GaussianMixtureOptions { Init = (GaussianMixtureInit)99 })),
            ("Linkage", () => new AgglomerativeClustering(new AgglomerativeClusteringOptions { Linkage = (Linkage)99 })),
            ("Metric", () => new Dbscan(new DbscanOptions { Metric = (NeighborMetric)99 })),
            ("Algorithm", () => new Dbscan(new DbscanOptions { Algorithm = (IndexAlgorithm)99 })),
            ("Metric", () => new Hdbscan(new HdbscanOptions { Metric = (NeighborMetric)99 })),
            ("ClusterSelectionMethod", () => new Hdbscan(new HdbscanOptions { ClusterSelectionMethod = (ClusterSelectionMethod)99 })),
            ("Solver", () => new Pca(new PcaOptions { Solver = (PcaSolver)99 })),
            ("Kernel", () => new KernelPca(new KernelPcaOptions { Kernel = (KernelType)99 })),
            ("Kernel", () => new Nystroem(new NystroemOptions { Kernel = (KernelType)99 })),
            ("Method", () => new Tsne(new TsneOptions { Method = (TsneMethod)99 })),
            ("Init", () => new Tsne(new TsneOptions { Init = (TsneInit)99 })),
            ("Init", () => new Umap(new UmapOptions { Init = (UmapInit)99 })),
            ("metric", () => NeighborIndex.Build(Good(), (NeighborMetric)99)),
            ("algorithm", () => NeighborIndex.Build(Good(), algorithm: (IndexAlgorithm)99)),
            ("likelihood", () => new Neural.Vae(4, 2, likelihood: (Neural.Likelihood)99)),
            ("Loss", () => new Neural.GanTrainer(new Neural.DcganGenerator(4, 4), new Neural.DcganDiscriminator(4), Neural.GanOptions.Dcgan with { Loss = (Neural.GanLoss)99 })),
            ("Corruption", () => new Neural.MlpAutoencoder(3, 2, sigmoidOutput: false).Fit(Good(), new Neural.TrainingOptions { Epochs = 1 }, objective: new Neural.AutoencoderObjective { Corruption = (Neural.Corruption)99 })),
        };
        foreach (var (option, act) in cases)
            Assert.Equal(option, Assert.ThrowsAny<ArgumentOutOfRangeException>(act).ParamName);
    }

    /// <summary>The bad-input cases found by hand in the library's other public entry points.</summary>
    [Fact]
    public void Other_entry_points_name_their_bad_arguments()
    {
        var x = Good();
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => new LogisticRegression().Fit(x, Labels(x)).Score(null!, [0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => new KNeighborsClassifier(1).Fit(x, Labels(x)).Score(null!, [0])).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentNullException>(() => x.SelectRows(null!)).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => x.SelectRows([0, 12])).ParamName);
        Assert.Equal("j", Assert.Throws<ArgumentOutOfRangeException>(() => x.Column(3)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Compute.Distance.Squared([1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Compute.Distance.Squared([1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("Connectivity", Assert.Throws<ArgumentException>(() => new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = 2, Connectivity = [[1], null!, [0], [0], [0], [0], [0], [0], [0], [0], [0], [0]] }).Fit(x)).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => MutualInformationGap.Score(x, [Labels(x), null!])).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => MutualInformationGap.Score(x, [new int[5]])).ParamName);
        Assert.Throws<FormatException>(() => KMeansModel.FromJson("   "));
        Assert.Throws<FormatException>(() => KMeansModel.FromJson("""{"format":"course.kmeans","version":1,"model":null}"""));
    }

    /// <summary>Writes the estimator x case table (for the closing note) to the test output.</summary>
    [Fact]
    public void Contract_table_lists_every_subject()
    {
        foreach (var subject in Subjects) Hostile_data_is_refused_by_name_or_answered_finitely(subject);
        var cases = Table.Keys.Select(k => k.Case).Distinct().ToList();
        var sb = new StringBuilder("| subject | " + string.Join(" | ", cases) + " |\n|" + string.Concat(Enumerable.Repeat("---|", cases.Count + 1)) + "\n");
        foreach (var subject in Subjects)
            sb.Append("| ").Append(subject.Name).Append(" | ").Append(string.Join(" | ", cases.Select(c => Table.GetValueOrDefault((subject.Name, c), "")))).Append(" |\n");
        output.WriteLine(sb.ToString());
        var path = Environment.GetEnvironmentVariable("COURSE_CONTRACT_TABLE");
        if (!string.IsNullOrEmpty(path)) File.WriteAllText(path, sb.ToString());
        Assert.DoesNotContain(Table.Values, v => v is "NullReferenceException" or "IndexOutOfRangeException" or "OverflowException" or "NON-FINITE");
    }
}

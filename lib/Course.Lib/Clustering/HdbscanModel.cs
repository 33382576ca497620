using Course.Neighbors;

namespace Course.Clustering;

/// <summary>A fitted <see cref="Hdbscan"/>: flat labels and their confidence, outlier scores, and every intermediate
/// structure (core distances, spanning tree, single-linkage tree, condensed tree) for plotting and teaching.</summary>
public sealed class HdbscanModel : ISavedModel<HdbscanModel>, IClustering
{
    /// <summary>Cluster of each row, 0..NClusters-1 (numbered by cluster id in the condensed tree), or -1 for noise.</summary>
    public int[] Labels { get; }
    /// <summary>Strength of each point's membership in its cluster, in [0, 1] (1 in the cluster's densest part); 0 for noise.</summary>
    public double[] Probabilities { get; }
    /// <summary>GLOSH outlier score of each point in [0, 1]: higher is more anomalous, whatever its label.</summary>
    public double[] OutlierScores { get; }
    /// <summary>The condensed tree the clusters were selected from.</summary>
    public CondensedTree CondensedTree { get; }
    /// <summary>Ids (in <see cref="CondensedTree"/>) of the selected clusters; label i is cluster <c>SelectedClusters[i]</c>.</summary>
    public int[] SelectedClusters { get; }
    /// <summary>The single-linkage tree of the mutual reachability distance (scipy convention).</summary>
    public LinkageTree SingleLinkageTree { get; }
    /// <summary>The minimum spanning tree of the mutual reachability distance, in the order Prim's algorithm built it.</summary>
    public SpanningTree MinimumSpanningTree { get; }
    /// <summary>Each point's core distance (to its MinSamples-th nearest neighbour, itself included).</summary>
    public double[] CoreDistances { get; }
    /// <summary>Number of clusters (noise excluded).</summary>
    public int NClusters => SelectedClusters.Length;
    /// <summary>Number of points labelled noise.</summary>
    public int NoiseCount => Labels.Count(l => l < 0);

    // What ApproximatePredict needs: the training points (a copy), the metric and MinSamples of the fit.
    private readonly Matrix points;
    private readonly NeighborMetric metric;
    private readonly int minSamples;
    private readonly Lazy<NeighborIndex> index;

    internal HdbscanModel(int[] labels, double[] probabilities, double[] outlierScores, CondensedTree condensedTree,
        int[] selectedClusters, LinkageTree singleLinkageTree, SpanningTree minimumSpanningTree, double[] coreDistances,
        Matrix points, NeighborMetric metric, int minSamples)
    {
        Labels = labels; Probabilities = probabilities; OutlierScores = outlierScores; CondensedTree = condensedTree;
        SelectedClusters = selectedClusters; SingleLinkageTree = singleLinkageTree; MinimumSpanningTree = minimumSpanningTree;
        CoreDistances = coreDistances;
        this.points = points; this.metric = metric; this.minSamples = minSamples;
        index = new Lazy<NeighborIndex>(() => NeighborIndex.Build(points, metric));
    }

    /// <summary>
    /// Places new points (m x d) in the clusters found, without refitting: McInnes' <c>approximate_predict</c> of the
    /// hdbscan library. Each new point gets a core distance as a training point would (distance to its
    /// MinSamples-th nearest point, itself counted first), then attaches to the training point nearest to it in
    /// mutual reachability distance among its 2·MinSamples nearest, at λ = 1 / that distance (no later than the
    /// training point itself left the tree). It takes that point's label (-1 when it is noise) and a membership
    /// strength λ / λ_max of the cluster, capped at 1, as <see cref="Probabilities"/> gives training points. A point
    /// that attaches at a λ below the cluster's birth (so far out that, at its density, the cluster did not exist yet)
    /// is noise.
    /// </summary>
    /// <remarks>Approximate because a new point never changes the tree: a point between two clusters joins one of
    /// them rather than merging them, and many new points in an empty region do not form a cluster of their own.
    /// Refit when the new data may change the structure. Where the hdbscan library reads the cluster of the training
    /// point's condensed-tree parent, this takes the training point's label, which is the same cluster except for
    /// points that fell out of a sub-cluster of a selected one (there the library answers noise, a known quirk); and where
    /// the library gives a far-away point its neighbour's cluster with a strength near 0, this calls it noise once it
    /// attaches below the cluster's birth.</remarks>
    /// <returns>Labels (m) in 0..NClusters-1 or -1, and membership strengths (m) in [0, 1], 0 for noise.</returns>
    /// <exception cref="ArgumentException">x is null, empty, non-finite, or has another number of columns than the fit's data.</exception>
    public (int[] Labels, double[] Probabilities) ApproximatePredict(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, points.Cols, nameof(x));
        int n = Labels.Length, k = Math.Min(2 * minSamples, n);
        var neighbors = index.Value.KNeighbors(x, k);
        var (left, deaths, births) = (CondensedTree.PointLambdas(), CondensedTree.MaxChildLambdas(), CondensedTree.Births());
        var labels = new int[x.Rows];
        var strengths = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            var ids = neighbors.IndicesOf(i);
            var dist = neighbors.DistancesOf(i);
            // Itself counted first, as the fit counts a training point: its (MinSamples - 1)-th nearest training point.
            double core = minSamples == 1 ? 0 : dist[Math.Min(minSamples - 2, k - 1)];
            int nearest = -1;
            double best = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double reach = Math.Max(Math.Max(dist[j], core), CoreDistances[ids[j]]);
                if (reach < best) (best, nearest) = (reach, ids[j]);
            }
            if (Labels[nearest] < 0) { labels[i] = -1; continue; }
            double lambda = Math.Min(best > 0 ? 1 / best : double.PositiveInfinity, left[nearest]);
            int cluster = SelectedClusters[Labels[nearest]] - n;
            if (lambda < births[cluster]) { labels[i] = -1; continue; }
            labels[i] = Labels[nearest];
            double max = deaths[cluster];
            strengths[i] = max == 0 || !double.IsFinite(lambda) ? 1.0 : Math.Min(lambda, max) / max;
        }
        return (labels, strengths);
    }


    /// <summary>Stability of each selected cluster, in label order: how long (in λ) its points stay together.</summary>
    public double[] ClusterStabilities()
    {
        var s = CondensedTree.Stabilities();
        return SelectedClusters.Select(c => s[c - CondensedTree.NPoints]).ToArray();
    }

    private const string Format = "course.hdbscan";
    private sealed record State(int[] Labels, double[] Probabilities, double[] OutlierScores, CondensedTree.State CondensedTree,
        int[] SelectedClusters, LinkageTree.State SingleLinkageTree, SpanningTree MinimumSpanningTree, double[] CoreDistances,
        Matrix Points, NeighborMetric Metric, int MinSamples);

    /// <summary>The model as a <see cref="ModelFile"/> document (version 2): labels, probabilities, outlier scores,
    /// every tree, and the training points with the metric and MinSamples, which <see cref="ApproximatePredict"/> needs.</summary>
    public string ToJson() => ModelFile.Write(Format, 2, new State(Labels, Probabilities, OutlierScores, CondensedTree.ToState(),
        SelectedClusters, SingleLinkageTree.ToState(), MinimumSpanningTree, CoreDistances, points, metric, minSamples));

    /// <inheritdoc/>
    public static HdbscanModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 2);
        var condensed = CondensedTree.FromState(s.CondensedTree, Format);
        var linkage = LinkageTree.FromState(s.SingleLinkageTree, Format);
        int n = s.Labels.Length, k = s.SelectedClusters.Length;
        ModelFile.Check(n == condensed.NPoints && n == linkage.N, Format, "the trees and the labels cover different numbers of points");
        ModelFile.Check(s.Probabilities.Length == n && s.OutlierScores.Length == n && s.CoreDistances.Length == n, Format, "one probability, outlier score and core distance per point");
        ModelFile.Check(s.Labels.All(l => l >= -1 && l < k) && s.SelectedClusters.All(c => c >= n && c < n + condensed.ClusterCount), Format, "labels or selected clusters out of range");
        var mst = s.MinimumSpanningTree;
        ModelFile.Check(mst.From.Length == n - 1 && mst.To.Length == n - 1 && mst.Weight.Length == n - 1
            && mst.From.Concat(mst.To).All(i => i >= 0 && i < n), Format, "the spanning tree must have n - 1 edges between points");
        ModelFile.Check(s.Points is not null && s.Points.Rows == n && s.Points.Data.All(double.IsFinite), Format, "one finite training point per label");
        ModelFile.Check(Enum.IsDefined(s.Metric) && s.MinSamples >= 1 && s.MinSamples <= n, Format, "a known metric and MinSamples in 1..n");
        return new HdbscanModel(s.Labels, s.Probabilities, s.OutlierScores, condensed, s.SelectedClusters, linkage, mst, s.CoreDistances,
            s.Points!, s.Metric, s.MinSamples);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static HdbscanModel Load(string path) => ModelFile.Load<HdbscanModel>(path);
}

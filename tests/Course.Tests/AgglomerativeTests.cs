using Course.Clustering;
using Course.Data;
using Course.Metrics;

namespace Course.Tests;

/// <summary>Merge trees equal scipy 1.10.1's <c>linkage</c> (reference values printed by it) on hand-made data.</summary>
public class AgglomerativeTests
{
    private static readonly Matrix Line = Matrix.FromRows([[0], [1], [3], [7], [15]]);

    // rng = RandomState(0); round(randn(12, 3) * 2, 3): values with three decimals, exact in both languages.
    private static readonly Matrix Twelve = Matrix.FromRows([[3.528, 0.8, 1.957], [4.482, 3.735, -1.955], [1.9, -0.303, -0.206], [0.821, 0.288, 2.909], [1.522, 0.243, 0.888], [0.667, 2.988, -0.41], [0.626, -1.708, -5.106], [1.307, 1.729, -1.484], [4.54, -2.909, 0.092], [-0.374, 3.066, 2.939], [0.31, 0.756, -1.776], [-3.962, -0.696, 0.313]]);

    public static TheoryData<string, Linkage, double[][], double> Cases => new()
    {
        // Worked by hand for Line: {0,1} at 1; then 3 joins at 2 (single), 2.5 (average: mean of 3 and 2), 3 (complete),
        // and Ward's sqrt(2 * increase in SSE) = sqrt(2 * 25/6) = 2.8868.
        { "line", Linkage.Single, [[0, 1, 1, 2], [2, 5, 2, 3], [3, 6, 4, 4], [4, 7, 8, 5]], 0.9216884913894681 },
        { "line", Linkage.Complete, [[0, 1, 1, 2], [2, 5, 3, 3], [3, 6, 7, 4], [4, 7, 15, 5]], 0.9216884913894681 },
        { "line", Linkage.Average, [[0, 1, 1, 2], [2, 5, 2.5, 3], [3, 6, 5.666666666666667, 4], [4, 7, 12.25, 5]], 0.9217701261619589 },
        { "line", Linkage.Ward, [[0, 1, 1, 2], [2, 5, 2.8867513459481287, 3], [3, 6, 6.940220937885671, 4], [4, 7, 15.495160534825057, 5]], 0.9217595025096822 },
        { "twelve", Linkage.Ward, [[2, 4, 1.2797796685367369, 2], [7, 10, 1.4233769704473935, 2], [5, 13, 2.4644654592832094, 3], [0, 3, 2.9148408189813724, 2], [12, 15, 3.137123602920357, 4], [9, 16, 5.006638083584632, 5], [1, 14, 5.200386091435904, 4], [8, 17, 6.562656266076006, 6], [6, 18, 7.031761123644631, 5], [11, 19, 8.014202877510948, 7], [20, 21, 8.982797081352885, 12]], 0.5552220737870166 },
        { "twelve", Linkage.Complete, [[2, 4, 1.2797796685367369, 2], [7, 10, 1.4233769704473935, 2], [5, 13, 2.641065883313024, 3], [0, 3, 2.9148408189813724, 2], [12, 15, 3.349141233211881, 4], [14, 16, 4.928767492994572, 7], [9, 17, 5.294825870602356, 8], [6, 8, 6.6167213179942825, 2], [1, 18, 6.995943538937404, 9], [11, 19, 8.788072257326974, 3], [20, 21, 9.801975362140022, 12]], 0.7595056200079622 },
        { "twelve", Linkage.Average, [[2, 4, 1.2797796685367369, 2], [7, 10, 1.4233769704473935, 2], [5, 13, 2.207685267922977, 3], [0, 12, 2.631794138457676, 3], [3, 15, 2.801192369112678, 4], [14, 16, 3.7085936237831527, 7], [9, 17, 4.353193222103031, 8], [1, 18, 5.311752654673557, 9], [8, 19, 5.791612187994468, 10], [11, 20, 6.625345008487926, 11], [6, 21, 6.7572670621950515, 12]], 0.80050079523297 },
        { "twelve", Linkage.Single, [[2, 4, 1.2797796685367369, 2], [7, 10, 1.4233769704473935, 2], [5, 13, 1.7743046525329293, 3], [3, 12, 2.1395950551447815, 3], [0, 15, 2.34030895396313, 4], [14, 16, 2.4726417047360503, 7], [9, 17, 3.0242699945606706, 8], [8, 18, 3.721510446042037, 9], [1, 19, 3.7850365916329, 10], [6, 20, 4.154521873814121, 11], [11, 21, 4.9721433004289, 12]], 0.7690484453030457 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_tree_and_cophenetic_correlation_equal_scipy(string data, Linkage linkage, double[][] scipy, double cophenetic)
    {
        var x = data == "line" ? Line : Twelve;
        var tree = AgglomerativeClustering.BuildTree(x, linkage);
        var ours = tree.ToScipy();
        Assert.Equal(scipy.Length, ours.Length);
        for (int m = 0; m < scipy.Length; m++)
        {
            Assert.Equal(scipy[m][0], ours[m][0]);
            Assert.Equal(scipy[m][1], ours[m][1]);
            Assert.Equal(scipy[m][2], ours[m][2], 12);
            Assert.Equal(scipy[m][3], ours[m][3]);
        }
        Assert.Equal(cophenetic, CopheneticCorrelation.Score(x, tree), 12);
    }

    [Theory]
    // scikit-learn 1.2.1 AgglomerativeClustering(n_clusters=k, linkage=...) ARI against the true labels.
    [InlineData("digits", Linkage.Ward, 0.7940031835568753)]
    [InlineData("digits", Linkage.Complete, 0.4286888142937744)]
    [InlineData("digits", Linkage.Average, 0.5142255948681158)]
    [InlineData("digits", Linkage.Single, 4.313084144605482e-05)]   // single linkage chains: one giant cluster
    // Blobs(n: 600, centers: 4, dims: 2, std: 1.5, seed: 10), written out and clustered by scikit-learn.
    [InlineData("blobs", Linkage.Ward, 0.8642128632292486)]
    [InlineData("blobs", Linkage.Complete, 0.8228847291143546)]
    [InlineData("blobs", Linkage.Average, 0.8684433870230651)]
    [InlineData("blobs", Linkage.Single, 1.8815682312226757e-05)]   // chaining through the overlap
    [InlineData("iris", Linkage.Ward, 0.7311985567707746)]
    [InlineData("iris", Linkage.Complete, 0.6422512518362898)]
    [InlineData("iris", Linkage.Average, 0.7591987071071522)]
    [InlineData("iris", Linkage.Single, 0.5637510205230709)]
    public void Ari_is_within_002_of_scikit_learn(string dataset, Linkage linkage, double sklearnAri)
    {
        var data = dataset switch
        {
            "digits" => Datasets.Digits(),
            "blobs" => SyntheticData.Blobs(n: 600, centers: 4, dims: 2, std: 1.5, seed: 10),
            _ => Datasets.Iris(),
        };
        int k = data.Labels.Distinct().Count();
        var model = new AgglomerativeClustering(k, linkage).Fit(data.X);
        Assert.Equal(k, model.NClusters);
        Assert.InRange(AdjustedRandIndex.Score(data.Labels, model.Labels), sklearnAri - 0.02, sklearnAri + 0.02);
    }

    [Fact]
    public void Large_inputs_take_the_parallel_scan_and_still_find_separated_blobs()
    {
        // 4,500 points: above the 4,096 live clusters where the chain's scans split across threads.
        var data = SyntheticData.Blobs(n: 4500, centers: 6, dims: 5, std: 0.5, seed: 3);
        var model = new AgglomerativeClustering(6, Linkage.Ward).Fit(data.X);
        Assert.Equal(1.0, AdjustedRandIndex.Score(data.Labels, model.Labels), 12);
        for (int m = 1; m < model.Tree.Heights.Length; m++) Assert.True(model.Tree.Heights[m] >= model.Tree.Heights[m - 1]);
        Assert.Equal(4500, model.Tree.Sizes[^1]);
    }

    [Fact]
    public void Cuts_by_count_and_height_agree_and_leaf_order_is_a_permutation()
    {
        var tree = AgglomerativeClustering.BuildTree(Line, Linkage.Single);
        Assert.Equal([0, 0, 0, 1, 2], tree.CutToClusters(3));
        Assert.Equal(tree.CutToClusters(3), tree.CutAtHeight(3.9));        // merges at 1, 2 kept; 4 and 8 undone
        Assert.Equal([0, 0, 0, 0, 0], tree.CutToClusters(1));
        Assert.Equal(Enumerable.Range(0, 5), tree.LeafOrder().Order());
        // Heights 1, 2, 4, 8: the widest gap, 4 to 8, keeps three merges, so five points end in two clusters.
        Assert.Equal(2, tree.ClustersAtWidestGap());
        Assert.Equal(1, AgglomerativeClustering.BuildTree(Line.SelectRows([0, 1]), Linkage.Single).ClustersAtWidestGap());
        var model = new AgglomerativeClustering(new AgglomerativeClusteringOptions { DistanceThreshold = 1.5, Linkage = Linkage.Single }).Fit(Line);
        Assert.Equal(4, model.NClusters);
    }

    [Theory]
    [InlineData(Linkage.Ward)]
    [InlineData(Linkage.Complete)]
    [InlineData(Linkage.Average)]
    [InlineData(Linkage.Single)]
    public void A_complete_graph_gives_the_unconstrained_tree(Linkage linkage)
    {
        var all = Enumerable.Range(0, Twelve.Rows).Select(i => Enumerable.Range(0, Twelve.Rows).Where(j => j != i).ToArray()).ToArray();
        var constrained = new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = 3, Linkage = linkage, Connectivity = all }).Fit(Twelve);
        var plain = AgglomerativeClustering.BuildTree(Twelve, linkage);
        Assert.Equal(plain.Heights, constrained.Tree.Heights.Order().ToArray(), new Within(1e-9));
        Assert.Equal(1.0, AdjustedRandIndex.Score(plain.CutToClusters(3), constrained.Labels), 12);
    }

    [Fact]
    public void A_neighbour_graph_lets_ward_follow_the_moons()
    {
        // scikit-learn's structured-Ward demonstration: without the graph Ward cuts across the two half circles.
        var moons = SyntheticData.Moons(600, noise: 0.05, seed: 1);
        double plain = AdjustedRandIndex.Score(moons.Labels, new AgglomerativeClustering(2, Linkage.Ward).Fit(moons.X).Labels);
        var graph = Neighbors.KNearestNeighbors.Graph(moons.X, 10);
        double structured = AdjustedRandIndex.Score(moons.Labels, new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = 2, Connectivity = graph }).Fit(moons.X).Labels);
        Assert.True(plain < 0.6, $"unconstrained Ward ARI {plain}");
        Assert.True(structured > 0.95, $"structured Ward ARI {structured}");
    }

    [Fact]
    public void A_disconnected_graph_still_gives_a_full_tree()
    {
        var x = Matrix.FromRows([[0], [1], [2], [100], [101]]);
        int[][] graph = [[1], [2], [1], [4], [3]]; // two components
        var model = new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = 2, Connectivity = graph }).Fit(x);
        Assert.Equal(5, model.Tree.Sizes[^1]);
        Assert.Equal([0, 0, 0, 1, 1], model.Labels);
        var single = new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = 2, Linkage = Linkage.Single, Connectivity = graph }).Fit(x);
        Assert.Equal([0, 0, 0, 1, 1], single.Labels);
        Assert.Equal(98.0, single.Tree.Heights[^1], 12); // the components joined at their closest points, 2 and 100
        Assert.Throws<ArgumentException>(() => new AgglomerativeClustering(new AgglomerativeClusteringOptions { Connectivity = [[1]] }).Fit(x));
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgglomerativeClustering(0));
        Assert.Contains("NClusters = 6", Assert.Throws<ArgumentException>(() => new AgglomerativeClustering(6).Fit(Line)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new AgglomerativeClustering(2).Fit(Matrix.FromRows([[0.0], [double.NaN]]))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AgglomerativeClustering.BuildTree(Line, Linkage.Ward).CutToClusters(0));
    }
}

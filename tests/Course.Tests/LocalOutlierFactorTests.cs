using Course.Data;
using Course.Metrics;
using Course.Neighbors;

namespace Course.Tests;

/// <summary>The local outlier factor against a case worked by hand, scikit-learn 1.2.1's <c>LocalOutlierFactor</c>
/// on the standardised wine data, and the property it exists for: outliers near a dense cluster are found where a
/// global distance score would flag a sparse cluster instead.</summary>
public class LocalOutlierFactorTests
{
    private static Matrix Wine() { var x = Datasets.Wine().X; return new StandardScaler().Fit(x).Transform(x); }

    [Fact]
    public void A_four_point_line_gives_the_factors_worked_out_by_hand()
    {
        // Points 0, 1, 3, 10 with k = 2. k-distances 3, 2, 3, 9; reachability densities 1/2.5, 1/3, 1/2.5, 1/8;
        // LOF(0) = (1/3 + 0.4) / 2 / 0.4 = 0.91667, LOF(1) = 0.4 / (1/3) = 1.2, LOF(10) = (0.4 + 1/3) / 2 / 0.125 = 2.9333.
        var x = Matrix.FromRows([[0.0], [1.0], [3.0], [10.0]]);
        var model = new LocalOutlierFactor(2).Fit(x);
        double[] expected = [0.9166666666694444, 1.1999999999920001, 0.9166666666694444, 2.9333333332615554];   // scikit-learn, with its 1e-10 guard
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], model.Scores[i], 12);
        Assert.Equal([0, 0, 0, -1], model.Labels);
        Assert.Equal(1, model.OutlierCount);
    }

    [Fact]
    public void Matches_scikit_learn_on_the_standardised_wine_data()
    {
        var x = Wine();
        var model = new LocalOutlierFactor().Fit(x);
        var lof = model.Scores;
        Assert.Equal(190.0931935704632, lof.Sum(), 9);
        Assert.Equal(1.7823214633328974, lof.Max(), 12);
        Assert.Equal(121, Array.IndexOf(lof, lof.Max()));
        Assert.Equal(0.9575643143666932, lof.Min(), 12);
        Assert.Equal(1.018978046581954, lof[0], 12);
        Assert.Equal(1.0173321420792583, lof[100], 12);
        Assert.Equal(6, model.OutlierCount);                       // "auto": an LOF above 1.5
        var contaminated = new LocalOutlierFactor(new LocalOutlierFactorOptions { Contamination = 0.1 }).Fit(x);
        Assert.Equal(1.221458068803812, contaminated.Threshold, 12);   // scikit-learn's offset_, negated
        Assert.Equal(18, contaminated.OutlierCount);
        // Novelty: 28 new rows judged against a model of the first 150.
        var first = new LocalOutlierFactor().Fit(x[..150]);
        var fresh = first.ScoreSamples(x[150..]);
        Assert.Equal(31.111349109956436, fresh.Sum(), 9);
        Assert.Equal(1.1822389335009702, fresh[0], 12);
        Assert.Equal(1.9317266879124049, fresh.Max(), 12);
        Assert.Equal(fresh.Select(s => s > 1.5 ? -1 : 0), first.Predict(x[150..]));
    }

    [Fact]
    public void Outliers_beside_a_dense_cluster_rank_above_a_sparse_clusters_points()
    {
        // A tight blob, a sparse blob, and five points just outside the tight one: far by its density, close by the
        // sparse blob's. The k-distance ranks the sparse blob's points first; LOF ranks the five first.
        var tight = SyntheticData.Blobs(200, Matrix.FromRows([[0.0, 0.0]]), [0.2], seed: 1).X;
        var sparse = SyntheticData.Blobs(200, Matrix.FromRows([[10.0, 10.0]]), [2.0], seed: 2).X;
        var near = Matrix.FromRows([[1.2, 0.0], [0.0, 1.3], [-1.1, 0.4], [0.7, -1.2], [-0.9, -0.9]]);
        var x = Matrix.FromRows([.. tight.ToRows(), .. sparse.ToRows(), .. near.ToRows()]);
        bool[] planted = [.. Enumerable.Repeat(false, 400), .. Enumerable.Repeat(true, 5)];
        double lofAuc = RocCurve.Compute(planted, new LocalOutlierFactor().Fit(x).Scores).Auc;
        double distanceAuc = RocCurve.Compute(planted, NeighborIndex.Build(x).KNeighbors(20).KthDistances()).Auc;
        Assert.True(lofAuc > 0.99 && distanceAuc < 0.8, $"AUC: LOF {lofAuc:F3}, 20th-neighbour distance {distanceAuc:F3}");
    }

    [Fact]
    public void A_saved_model_scores_new_rows_the_same_and_bad_input_is_refused_by_name()
    {
        var x = Wine();
        var model = new LocalOutlierFactor(new LocalOutlierFactorOptions { NNeighbors = 10, Contamination = 0.05 }).Fit(x[..120]);
        var loaded = LocalOutlierFactorModel.FromJson(model.ToJson());
        Assert.Equal(model.ScoreSamples(x[120..]), loaded.ScoreSamples(x[120..]));
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Threshold, loaded.Threshold);
        var tooMany = model.ToJson().Replace("\"NNeighbors\": 10", "\"NNeighbors\": 500");
        Assert.NotEqual(model.ToJson(), tooMany);
        Assert.Throws<FormatException>(() => LocalOutlierFactorModel.FromJson(tooMany));

        Assert.Equal("NNeighbors", Assert.ThrowsAny<ArgumentException>(() => new LocalOutlierFactor(0)).ParamName);
        Assert.Equal("Contamination", Assert.ThrowsAny<ArgumentException>(() => new LocalOutlierFactor(new LocalOutlierFactorOptions { Contamination = 0.6 })).ParamName);
        Assert.Equal("Contamination", Assert.ThrowsAny<ArgumentException>(() => new LocalOutlierFactor(new LocalOutlierFactorOptions { Contamination = double.NaN })).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new LocalOutlierFactor().Fit(Matrix.FromRows([[1.0, 2.0]]))).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.ScoreSamples(Matrix.FromRows([[1.0, 2.0]]))).ParamName);
        // k above n − 1 is capped, as scikit-learn does (with a warning there).
        Assert.Equal(3, new LocalOutlierFactor(50).Fit(Matrix.FromRows([[0.0], [1.0], [3.0], [10.0]])).NNeighbors);
    }
}

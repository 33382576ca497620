using Course.Clustering;
using Course.Data;
using Course.Metrics;

namespace Course.Tests;

public class KMeansTests
{
    private static readonly Matrix Square = Matrix.FromRows([[0, 0], [0, 1], [3, 0], [3, 1]]);

    [Fact]
    public void Four_points_in_two_pairs_have_inertia_one()
    {
        // Centroids (0, 0.5) and (3, 0.5); each point is 0.5 away: 4 * 0.25 = 1.
        var model = new KMeans(new KMeansOptions { NClusters = 2, InitialCentroids = Matrix.FromRows([[0, 0], [3, 0]]) }).Fit(Square);
        Assert.Equal(1.0, model.Inertia, 12);
        Assert.Equal([0.0, 0.5, 3.0, 0.5], model.Centroids.Data);
        Assert.Equal([0, 0, 1, 1], model.Labels);
        Assert.True(model.Converged);
    }

    [Fact]
    public void One_dimensional_case_worked_by_hand()
    {
        // {1,2,3} and {10,11,12}: centroids 2 and 11, inertia 1+0+1+1+0+1 = 4, from any k-means++ start.
        var x = Matrix.FromRows([[1], [2], [3], [10], [11], [12]]);
        var model = new KMeans(new KMeansOptions { NClusters = 2, Seed = 3 }).Fit(x);
        Assert.Equal(4.0, model.Inertia, 12);
        Assert.Equal([2.0, 11.0], model.Centroids.Data.Order().ToArray());
    }

    [Fact]
    public void Recovers_well_separated_blobs_exactly()
    {
        var data = SyntheticData.Blobs(n: 1000, centers: 5, dims: 4, std: 0.5, seed: 1);
        var model = new KMeans(new KMeansOptions { NClusters = 5, Seed = 0, NInit = 3 }).Fit(data.X);
        Assert.Equal(1.0, AdjustedRandIndex.Score(data.Labels, model.Labels), 12);
    }

    [Fact]
    public void A_large_common_offset_does_not_change_the_clustering()
    {
        // Without centring, |x|^2 - 2 x.c + |c|^2 at |x| ~ 1e8 keeps no digit of a unit-scale distance.
        var data = SyntheticData.Blobs(n: 600, centers: 3, dims: 2, std: 0.5, seed: 4);
        var shifted = data.X.Clone();
        for (int i = 0; i < shifted.Data.Length; i++) shifted.Data[i] += 1e8;
        var plain = new KMeans(new KMeansOptions { NClusters = 3, Seed = 0 }).Fit(data.X);
        var offset = new KMeans(new KMeansOptions { NClusters = 3, Seed = 0 }).Fit(shifted);
        Assert.Equal(1.0, AdjustedRandIndex.Score(data.Labels, offset.Labels), 12);
        Assert.Equal(plain.Inertia, offset.Inertia, plain.Inertia * 1e-6);
        Assert.Equal(plain.Centroids.Data[0] + 1e8, offset.Centroids.Data[0], 1e-6);
    }

    [Fact]
    public void An_empty_cluster_takes_the_farthest_point()
    {
        // The start at 100 attracts no point; relocation must revive it, ending at the optimum inertia 0.5
        // ({0, 1}, {10}, {11} or {0}, {1}, {10, 11}).
        var x = Matrix.FromRows([[0], [1], [10], [11]]);
        var model = new KMeans(new KMeansOptions { NClusters = 3, InitialCentroids = Matrix.FromRows([[0], [1], [100]]) }).Fit(x);
        Assert.Equal(0.5, model.Inertia, 12);
        Assert.Equal(3, model.Labels.Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_the_same_result()
    {
        var data = SyntheticData.Blobs(n: 500, centers: 6, dims: 3, std: 2.0, seed: 9);
        var a = new KMeans(new KMeansOptions { NClusters = 6, Seed = 5 }).Fit(data.X);
        var b = new KMeans(new KMeansOptions { NClusters = 6, Seed = 5 }).Fit(data.X);
        Assert.Equal(a.Centroids.Data, b.Centroids.Data);
        Assert.Equal(a.Labels, b.Labels);
    }

    [Fact]
    public void More_restarts_never_raise_the_inertia()
    {
        var data = SyntheticData.Blobs(n: 600, centers: 12, dims: 2, std: 1.5, seed: 4);
        double one = new KMeans(new KMeansOptions { NClusters = 12, Init = KMeansInit.Random, NInit = 1, Seed = 2 }).Fit(data.X).Inertia;
        double ten = new KMeans(new KMeansOptions { NClusters = 12, Init = KMeansInit.Random, NInit = 10, Seed = 2 }).Fit(data.X).Inertia;
        Assert.True(ten <= one, $"10 restarts gave {ten}, 1 gave {one}");
    }

    [Fact]
    public void Predict_on_training_data_returns_the_fitted_labels_and_transform_gives_distances()
    {
        var data = SyntheticData.Blobs(n: 300, centers: 3, seed: 2);
        var model = new KMeans(3, seed: 0).Fit(data.X);
        Assert.Equal(model.Labels, model.Predict(data.X));
        var d = model.Transform(data.X);
        Assert.Equal((300, 3), (d.Rows, d.Cols));
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(model.Labels[i], Enumerable.Range(0, 3).MinBy(j => d[i, j]));
            Assert.Equal(Compute.Distance.Euclidean(data.X.Row(i), model.Centroids.Row(1)), d[i, 1], 9);
        }
        Assert.Equal(model.Inertia, model.InertiaOf(data.X), 6);
    }

    [Fact]
    public void Lloyd_iterations_never_increase_the_inertia()
    {
        var data = SyntheticData.Blobs(n: 800, centers: 8, dims: 2, std: 2.5, seed: 6);
        var reports = new List<double>();
        new KMeans(new KMeansOptions { NClusters = 8, Seed = 1, Init = KMeansInit.Random, NInit = 1 }).Fit(data.X, new FitObserver { Progress = new InlineProgress<IterationProgress>(p => reports.Add(p.Metric)) });
        Assert.True(reports.Count > 2);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i] <= reports[i - 1] + 1e-9, $"iteration {i + 1}: {reports[i]} > {reports[i - 1]}");
    }

    [Fact]
    public void Kmeans_plus_plus_gives_each_separated_blob_one_seed()
    {
        var data = SyntheticData.Blobs(n: 400, centers: 4, dims: 2, std: 0.2, seed: 8);
        var (_, idx) = KMeansPlusPlus.Seed(data.X, 4, new Random(0));
        Assert.Equal(4, idx.Select(i => data.Labels[i]).Distinct().Count());
    }

    [Fact]
    public void Model_round_trips_through_json()
    {
        var data = SyntheticData.Blobs(n: 200, centers: 3, seed: 3);
        var model = new KMeans(3, seed: 0).Fit(data.X);
        var path = Path.GetTempFileName();
        model.Save(path);
        var loaded = KMeansModel.Load(path);
        File.Delete(path);
        Assert.Equal(model.Centroids.Data, loaded.Centroids.Data);
        Assert.Equal(model.Inertia, loaded.Inertia);
        Assert.Equal(model.Predict(data.X), loaded.Predict(data.X));
        Assert.Throws<FormatException>(() => KMeansModel.FromJson("{\"format\":\"something-else\",\"version\":1}"));
        Assert.Throws<FormatException>(() => KMeansModel.FromJson("not json"));
    }

    [Fact]
    public void Mini_batch_matches_lloyd_closely_on_blobs()
    {
        var data = SyntheticData.Blobs(n: 20_000, centers: 5, dims: 5, std: 1.0, seed: 12);
        var full = new KMeans(new KMeansOptions { NClusters = 5, Seed = 0 }).Fit(data.X);
        var mini = new MiniBatchKMeans(5, seed: 0).Fit(data.X);
        Assert.True(AdjustedRandIndex.Score(data.Labels, mini.Labels) > 0.99);
        Assert.True(mini.Inertia <= full.Inertia * 1.02, $"mini-batch inertia {mini.Inertia} vs Lloyd {full.Inertia}");
    }

    [Fact]
    public void Mini_batch_ignores_the_first_steps_inertia_as_scikit_learn_does()
    {
        // The first batch is measured against the seeds, about twice the learned inertia on these blobs. Averaged in
        // (weight 1 - α = 0.9 at n = 20,000), it would keep the second report within a few percent of the first and
        // the average falling, so the fit running, long after the centroids settle; ignored, the average starts at
        // the second batch.
        var data = SyntheticData.Blobs(n: 20_000, centers: 5, dims: 5, std: 1.0, seed: 12);
        var reports = new List<IterationProgress>();
        var model = new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 5, Seed = 0 }).Fit(data.X, new FitObserver { Progress = new InlineProgress<IterationProgress>(reports.Add) });
        Assert.Equal(model.Iterations, reports.Count);
        Assert.True(reports[1].Metric < 0.8 * reports[0].Metric, $"second report {reports[1].Metric}, first {reports[0].Metric}");
        Assert.True(model.Converged && model.Iterations < 100, $"{model.Iterations} steps");
    }

    [Fact]
    public void Elbow_curve_falls_as_k_grows()
    {
        var data = SyntheticData.Blobs(n: 300, centers: 3, seed: 1);
        var curve = ElbowCurve.Compute(data.X, 1, 5, seed: 0, nInit: 3);
        Assert.Equal([1, 2, 3, 4, 5], curve.Select(c => c.K));
        for (int i = 1; i < curve.Count; i++) Assert.True(curve[i].Inertia <= curve[i - 1].Inertia);
        // The elbow: going from 2 to 3 clusters helps far more than going from 3 to 4.
        Assert.True(curve[1].Inertia - curve[2].Inertia > 5 * (curve[2].Inertia - curve[3].Inertia));
    }
}

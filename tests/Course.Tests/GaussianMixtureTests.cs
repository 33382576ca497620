using Course.Clustering;
using Course.Data;
using Course.Metrics;

namespace Course.Tests;

/// <summary>The Gaussian mixture against scikit-learn 1.2.1, against a density worked out by hand, and against the
/// things EM promises.</summary>
public class GaussianMixtureTests
{
    // scikit-learn's GaussianMixture(3, covariance_type=t, tol=1e-10, max_iter=2000) started from the parameters its
    // own initialisation computes from one-hot responsibilities of the true classes (weights_init, means_init,
    // precisions_init), the start InitialLabels gives ours: both run the same EM to convergence. Score, BIC, AIC, the
    // weights and the third feature's means, component j started from class j.
    public static TheoryData<string, CovarianceType, double, double, double, double[], double[]> Reference => new()
    {
        { "iris", CovarianceType.Full, -1.201236517287313, 580.8389081264291, 448.3709551861939, [0.3333333333333332, 0.29919551554102897, 0.36747115112563766], [1.4620000000000002, 4.201557475597624, 5.479558070101487] },
        { "iris", CovarianceType.Tied, -1.7090269548842691, 632.9633335235909, 560.7080864652808, [0.33333333333392634, 0.329606532050721, 0.33706013461535256], [1.4620000000034126, 4.258683846360518, 5.539001683174159] },
        { "iris", CovarianceType.Diagonal, -2.045736404711748, 743.997439060027, 665.7209214135244, [0.33333333333262294, 0.30516257724509593, 0.361504089422281], [1.4619999999996531, 4.22251491556519, 5.482961854582888] },
        { "iris", CovarianceType.Spherical, -2.562093967197002, 853.8089901587371, 802.6281901591007, [0.33333333388373876, 0.41393738491320575, 0.2527292812030555], [1.4620000025400044, 4.4026022487763115, 5.730499435798383] },
        // The wine data standardised (StandardScaler), 13 features.
        { "wine", CovarianceType.Full, -11.524677649794418, 5729.865278118527, 4730.785243326813, [0.33769752709667994, 0.3926415797677467, 0.2696608931355734], [0.3111240656044941, -0.44474415516931387, 0.2579507146713937] },
        { "wine", CovarianceType.Diagonal, -14.40679982902411, 5543.36342315595, 5288.820739132583, [0.31727391603648525, 0.39578533453773956, 0.28694074942577524], [0.2696928169738679, -0.3610010254030127, 0.19973606242431863] },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void Matches_scikit_learn_on_real_data(string dataset, CovarianceType type, double score, double bic, double aic, double[] weights, double[] thirdMeans)
    {
        var data = dataset == "iris" ? Datasets.Iris() : Datasets.Wine();
        var x = dataset == "iris" ? data.X : Scale(data.X);
        var model = new GaussianMixture(new GaussianMixtureOptions { NComponents = 3, CovarianceType = type, Tolerance = 1e-10, MaxIterations = 2000, InitialLabels = data.Labels }).Fit(x);
        Assert.True(model.Converged);
        Assert.Equal(score, model.Score(x), 8);
        Assert.Equal(bic, model.Bic(x), 5);
        Assert.Equal(aic, model.Aic(x), 5);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(weights[j], model.Weights[j], 6);
            Assert.Equal(thirdMeans[j], model.Means[j, 2], 6);
        }
        // The training labels are what Predict gives, and the last lower bound is the score up to EM's last step.
        Assert.Equal(model.Labels, model.Predict(x));
        Assert.Equal(score, model.LowerBound, 8);
    }

    [Fact]
    public void From_its_own_k_means_start_it_reaches_scikit_learns_optimum_on_iris()
    {
        // scikit-learn's default start (its own K-means, random_state=0): score −1.2012365172856592 with full
        // covariances. Ours starts from the kit's K-means and reaches the same optimum.
        var x = Datasets.Iris().X;
        var model = new GaussianMixture(new GaussianMixtureOptions { NComponents = 3, Tolerance = 1e-10, MaxIterations = 2000 }).Fit(x);
        Assert.Equal(-1.2012365172856592, model.Score(x), 7);
    }

    private static Matrix Scale(Matrix x) => new StandardScaler().Fit(x).Transform(x);

    [Fact]
    public void One_component_is_the_sample_mean_and_covariance_and_its_density_is_the_gaussian_by_hand()
    {
        // Four points, asymmetric, no cancellations: mean (1.5, 2.25), covariance with 1/n (maximum likelihood).
        var x = Matrix.FromRows([[0.0, 1.0], [1.0, 3.0], [2.0, 2.0], [3.0, 3.0]]);
        var model = new GaussianMixture(new GaussianMixtureOptions { NComponents = 1, Regularization = 0 }).Fit(x);
        // (scikit-learn adds 10 machine epsilons to each component's count, so the mean is exact to about 1e-15.)
        Assert.Equal(1.5, model.Means[0, 0], 12);
        Assert.Equal(2.25, model.Means[0, 1], 12);
        var c = model.Covariances[0];
        Assert.Equal(1.25, c[0, 0], 12);     // ((1.5² + 0.5²) · 2) / 4
        Assert.Equal(0.6875, c[1, 1], 12);   // (1.25² + 0.75² + 0.25² + 0.75²) / 4
        Assert.Equal(0.625, c[0, 1], 12);    // (1.875 − 0.375 − 0.125 + 1.125) / 4
        // log N(x | μ, Σ) at (0, 1): −log 2π − ½ log det Σ − ½ (x − μ)ᵀ Σ⁻¹ (x − μ).
        double det = 1.25 * 0.6875 - 0.625 * 0.625, dx = -1.5, dy = -1.25;
        double maha = (0.6875 * dx * dx - 2 * 0.625 * dx * dy + 1.25 * dy * dy) / det;
        Assert.Equal(-Math.Log(2 * Math.PI) - 0.5 * Math.Log(det) - 0.5 * maha, model.ScoreSamples(Matrix.FromRows([[0.0, 1.0]]))[0], 10);
        Assert.Equal(1.0, model.Weights.Single(), 12);
        // 1 − 1 weights + 2 means + 3 covariance entries.
        Assert.Equal(5, model.ParameterCount);
    }

    [Fact]
    public void Each_covariance_type_keeps_its_shape_and_counts_its_parameters_as_scikit_learn()
    {
        var x = Datasets.Iris().X;
        foreach (var (type, parameters) in new[] { (CovarianceType.Full, 44), (CovarianceType.Tied, 24), (CovarianceType.Diagonal, 26), (CovarianceType.Spherical, 17) })
        {
            var model = new GaussianMixture(3, type, seed: 1).Fit(x);
            Assert.Equal(parameters, model.ParameterCount);
            foreach (var c in model.Covariances)
                for (int a = 0; a < 4; a++)
                    for (int b = 0; b < 4; b++)
                    {
                        Assert.Equal(c[a, b], c[b, a]);
                        if (a != b && type is CovarianceType.Diagonal or CovarianceType.Spherical) Assert.Equal(0, c[a, b]);
                    }
            if (type == CovarianceType.Spherical) Assert.All(model.Covariances, c => Assert.Equal(c[0, 0], c[3, 3]));
            if (type == CovarianceType.Tied) Assert.Equal(model.Covariances[0].Data, model.Covariances[2].Data);
        }
    }

    [Fact]
    public void Em_never_lowers_the_likelihood_and_responsibilities_sum_to_one()
    {
        var data = SyntheticData.AnisotropicBlobs(600, seed: 170);
        var trace = new List<double>();
        var random = new GaussianMixture(new GaussianMixtureOptions { NComponents = 3, Init = GaussianMixtureInit.Random, Tolerance = 1e-8, MaxIterations = 300, Seed = 4 })
            .Fit(data.X, new FitObserver { Progress = new InlineProgress<IterationProgress>(p => trace.Add(p.Metric)) });
        Assert.True(trace.Count > 3);
        for (int i = 1; i < trace.Count; i++) Assert.True(trace[i] >= trace[i - 1] - 1e-9, $"iteration {i + 1}: {trace[i]} after {trace[i - 1]}");
        Assert.Equal(trace.Count, random.Iterations);
        var r = random.PredictProbabilities(data.X);
        for (int i = 0; i < r.Rows; i++) Assert.Equal(1.0, r.Row(i).ToArray().Sum(), 12);
        // On the sheared blobs K-means cuts across (lesson 01); full covariances follow the ellipses.
        double mixture = AdjustedRandIndex.Score(data.Labels, new GaussianMixture(3, seed: 0).Fit(data.X).Labels);
        double kmeans = AdjustedRandIndex.Score(data.Labels, new KMeans(3, seed: 0).Fit(data.X).Labels);
        // Measured 0.896 against 0.648.
        Assert.True(mixture > 0.85 && mixture > kmeans + 0.15, $"ARI mixture {mixture:F3}, K-means {kmeans:F3}");
    }

    [Fact]
    public void Bic_picks_the_number_of_blobs()
    {
        var data = SyntheticData.Blobs(n: 600, centers: 4, std: 0.8, seed: 3);
        var bics = Enumerable.Range(1, 7).Select(k => new GaussianMixture(k, seed: 0).Fit(data.X).Bic(data.X)).ToList();
        Assert.Equal(4, bics.IndexOf(bics.Min()) + 1);
    }

    [Fact]
    public void A_seeded_fit_is_reproducible_and_a_saved_model_predicts_the_same()
    {
        var x = Datasets.Iris().X;
        var estimator = new GaussianMixture(new GaussianMixtureOptions { NComponents = 3, NInit = 3, Seed = 7 });
        var a = estimator.Fit(x);
        var b = estimator.Fit(x);
        Assert.Equal(a.Means.Data, b.Means.Data);
        var loaded = GaussianMixtureModel.FromJson(a.ToJson());
        Assert.Equal(a.Predict(x), loaded.Predict(x));
        Assert.Equal(a.Score(x), loaded.Score(x), 12);
        Assert.Equal(a.CovarianceType, loaded.CovarianceType);
        Assert.Empty(loaded.Labels);
        var tied = new GaussianMixture(3, CovarianceType.Tied).Fit(x);
        Assert.Equal(tied.Score(x), GaussianMixtureModel.FromJson(tied.ToJson()).Score(x), 12);
        Assert.Throws<FormatException>(() => GaussianMixtureModel.FromJson(new KMeans(3).Fit(x).ToJson()));
        // A covariance that is not positive definite is refused on reading.
        var json = a.ToJson();
        var c = a.Covariances[0];
        var bad = json.Replace(c[0, 0].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "-1");
        Assert.NotEqual(json, bad);
        Assert.Throws<FormatException>(() => GaussianMixtureModel.FromJson(bad));
    }

    [Fact]
    public void Hostile_input_is_refused_with_the_argument_named()
    {
        var x = Datasets.Iris().X;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianMixture(200).Fit(x)).ParamName);
        Assert.Equal("NComponents", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(0)).ParamName);
        Assert.Equal("Regularization", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(new GaussianMixtureOptions { Regularization = -1 })).ParamName);
        Assert.Equal("CovarianceType", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(new GaussianMixtureOptions { CovarianceType = (CovarianceType)9 })).ParamName);
        var model = new GaussianMixture(2).Fit(x);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[1.0, 2.0]]))).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.ScoreSamples(Matrix.FromRows([[1.0, 2.0, double.NaN, 4.0]]))).ParamName);
        // Hand-written parts are checked.
        var means = Matrix.FromRows([[0.0, 0.0], [1.0, 1.0]]);
        var identity = Matrix.FromRows([[1.0, 0.0], [0.0, 1.0]]);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(CovarianceType.Full, [0.5, 0.6], means, [identity, identity])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(CovarianceType.Full, [0.5, 0.5], means, [identity])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(CovarianceType.Full, [0.5, 0.5], means, [identity, Matrix.FromRows([[1.0, 2.0], [2.0, 1.0]])])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(CovarianceType.Diagonal, [0.5, 0.5], means, [identity, Matrix.FromRows([[1.0, 0.5], [0.5, 1.0]])])).ParamName);
        // A component left without points and no regularisation: its covariance is zero, and the message says what to do.
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture(new GaussianMixtureOptions { NComponents = 2, Regularization = 0, InitialLabels = new int[150] }).Fit(x));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("Regularization", e.Message);
        Assert.Equal(2, new GaussianMixture(new GaussianMixtureOptions { NComponents = 2, InitialLabels = new int[150] }).Fit(x).NComponents);   // the default 1e-6 keeps it invertible
        Assert.Equal("InitialLabels", Assert.Throws<ArgumentException>(() => new GaussianMixture(new GaussianMixtureOptions { NComponents = 2, InitialLabels = new int[149] }).Fit(x)).ParamName);
        Assert.Equal("InitialLabels", Assert.Throws<ArgumentException>(() => new GaussianMixture(new GaussianMixtureOptions { NComponents = 2, InitialLabels = Enumerable.Repeat(2, 150).ToArray() }).Fit(x)).ParamName);
    }
}

using Course.Classification;
using Course.Clustering;
using Course.Data;
using Course.Decomposition;
using Course.Manifold;
using Course.Neighbors;
using Course.Neural;

namespace Course.Tests;

/// <summary>Every fitted model saves and loads through the one versioned format (<see cref="ModelFile"/>): a loaded
/// model writes the same document and predicts bit for bit as the saved one; a document of another model, another
/// version or with inconsistent shapes is refused with a <see cref="FormatException"/>.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
public class ModelFileTests
{
    private static readonly LabeledData Blobs = SyntheticData.Blobs(n: 60, centers: 3, dims: 3, std: 0.6, seed: 4);
    private static readonly Matrix Queries = SyntheticData.Blobs(n: 7, centers: 3, dims: 3, std: 1.5, seed: 11).X;

    /// <summary>Round-trips <paramref name="model"/> through a file and checks that <paramref name="use"/> gives the
    /// same answer on the loaded copy; returns the document for corruption tests.</summary>
    private static string RoundTrip<T>(T model, Func<T, object> use) where T : ISavedModel<T>
    {
        string path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = ModelFile.Load<T>(path);
            Assert.Equal(model.ToJson(), loaded.ToJson());
            Assert.Equal(use(model), use(loaded));
            Assert.Throws<FormatException>(() => T.FromJson("not json"));
            Assert.Throws<FormatException>(() => T.FromJson("""{"format":"course.something-else","version":1,"model":{}}"""));
            string json = model.ToJson();
            // A document with the right header but missing fields is refused, not half-read.
            string format = System.Text.Json.Nodes.JsonNode.Parse(json)!["format"]!.GetValue<string>();
            Assert.Throws<FormatException>(() => T.FromJson("{\"format\":\"" + format + "\",\"version\":1,\"model\":{}}"));
            string future = new System.Text.RegularExpressions.Regex("\"version\": [0-9]+").Replace(json, "\"version\": 99", 1);
            Assert.Contains("version 99", Assert.Throws<FormatException>(() => T.FromJson(future)).Message);
            return json;
        }
        finally { File.Delete(path); }
    }

    private static object Rows(Matrix m) => m.Data;

    [Fact]
    public void Kmeans_and_mini_batch_round_trip()
    {
        RoundTrip(new KMeans(3).Fit(Blobs.X), m => m.Predict(Queries));
        RoundTrip(new MiniBatchKMeans(3).Fit(Blobs.X), m => Rows(m.Transform(Queries)));
    }

    [Fact]
    public void Dbscan_round_trips_and_predicts_from_its_core_points()
    {
        var json = RoundTrip(new Dbscan(0.9, 4).Fit(Blobs.X), m => m.Predict(Queries));
        var model = DbscanModel.FromJson(json);
        Assert.Equal(new Dbscan(0.9, 4).Fit(Blobs.X).Labels, model.Labels);
    }

    [Fact]
    public void Hierarchical_and_density_trees_round_trip()
    {
        RoundTrip(new AgglomerativeClustering(3).Fit(Blobs.X), m => m.Tree.CutToClusters(4));
        RoundTrip(new AgglomerativeClustering(3, Linkage.Single).Fit(Blobs.X), m => m.Tree.CutAtHeight(0.5));
        RoundTrip(new Hdbscan(5).Fit(Blobs.X), m => m.ClusterStabilities());
    }

    [Fact]
    public void Decompositions_round_trip()
    {
        RoundTrip(new Pca(2).Fit(Blobs.X), m => Rows(m.InverseTransform(m.Transform(Queries))));
        RoundTrip(new Pca(3, whiten: true).Fit(Blobs.X), m => Rows(m.Transform(Queries)));
        RoundTrip(new IncrementalPca(new IncrementalPcaOptions { NComponents = 2, BatchSize = 20 }).Fit(Blobs.X), m => Rows(m.Transform(Queries)));
        var kpca = new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = KernelType.Rbf, Gamma = 0.5, FitInverseTransform = true }).Fit(Blobs.X);
        RoundTrip(kpca, m => Rows(m.InverseTransform(m.Transform(Queries))));
        RoundTrip(new Nystroem(new NystroemOptions { NComponents = 20, Gamma = 0.5 }).Fit(Blobs.X), m => Rows(m.Transform(Queries)));
    }

    [Fact]
    public void Manifold_models_round_trip_and_umap_still_places_new_points()
    {
        RoundTrip(new Tsne(new TsneOptions { Perplexity = 10, MaxIterations = 300 }).Fit(Blobs.X), m => Rows(m.Embedding));
        RoundTrip(new Umap(new UmapOptions { NNeighbors = 8, Epochs = 30 }).Fit(Blobs.X), m => Rows(m.Transform(Queries)));
    }

    [Fact]
    public void Classifiers_and_scaler_round_trip()
    {
        RoundTrip(new LogisticRegression().Fit(Blobs.X, Blobs.Labels), m => Rows(m.PredictProbabilities(Queries)));
        RoundTrip(new KNeighborsClassifier(3).Fit(Blobs.X, Blobs.Labels), m => m.Predict(Queries));
        RoundTrip(new StandardScaler().Fit(Blobs.X), m => Rows(m.InverseTransform(m.Transform(Queries))));
    }

    [Fact]
    public void Inconsistent_documents_are_refused_with_what_is_wrong()
    {
        // Hand-edited or truncated files: every one names the problem instead of failing later inside Predict.
        string kmeans = new KMeans(3).Fit(Blobs.X).ToJson();
        Assert.Contains("values", Assert.Throws<FormatException>(() => KMeansModel.FromJson(kmeans.Replace("\"rows\": 3", "\"rows\": 4"))).Message);
        Assert.Contains("'course.kmeans'", Assert.Throws<FormatException>(() => PcaModel.FromJson(kmeans)).Message);
        string pca = new Pca(2).Fit(Blobs.X).ToJson();
        Assert.Contains("corrupt", Assert.Throws<FormatException>(() => PcaModel.FromJson(System.Text.RegularExpressions.Regex.Replace(pca, "\"Solver\": \"\\w+\"", "\"Solver\": \"Magic\""))).Message);
        string agglomerative = new AgglomerativeClustering(2).Fit(Blobs.X.SelectRows([0, 1, 2, 3])).ToJson();
        var tree = System.Text.Json.Nodes.JsonNode.Parse(agglomerative)!;
        tree["model"]!["Tree"]!["Left"]![2] = 6; // a merge that joins the cluster it creates
        Assert.Contains("merge 2", Assert.Throws<FormatException>(() => AgglomerativeClusteringModel.FromJson(tree.ToJsonString())).Message);
        string knn = new KNeighborsClassifier(3).Fit(Blobs.X, Blobs.Labels).ToJson();
        var node = System.Text.Json.Nodes.JsonNode.Parse(knn)!;
        node["model"]!["NNeighbors"] = 1000;
        Assert.Contains("NNeighbors", Assert.Throws<FormatException>(() => KNeighborsClassifierModel.FromJson(node.ToJsonString())).Message);
        Assert.Throws<ArgumentNullException>(() => KMeansModel.FromJson(null!));
    }

    [Fact]
    public void Neural_models_save_weights_with_a_manifest_and_load_without_knowing_the_architecture()
    {
        NeuralSeed.Set(1);
        var x = Matrix.FromRows(Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 784).Select(j => ((i * 31 + j * 7) % 17) / 17.0).ToArray()).ToList());
        string dir = Directory.CreateTempSubdirectory("neural-").FullName;
        try
        {
            var mlp = new MlpAutoencoder(784, 5, [32], sigmoidCode: true);
            mlp.Save(Path.Combine(dir, "mlp.bin"));
            Assert.Equal(mlp.Encode(x).Data, Autoencoder.Load(Path.Combine(dir, "mlp.bin")).Encode(x).Data);
            var conv = new ConvAutoencoder(4);
            conv.Save(Path.Combine(dir, "conv.bin"));
            var loadedConv = Autoencoder.Load(Path.Combine(dir, "conv.bin"));
            Assert.IsType<ConvAutoencoder>(loadedConv);
            Assert.Equal(conv.Reconstruct(x).Data, loadedConv.Reconstruct(x).Data);
            var vae = new Vae(784, 3, [16], Likelihood.Gaussian, 0.2);
            vae.Save(Path.Combine(dir, "vae.bin"));
            var loadedVae = Vae.Load(Path.Combine(dir, "vae.bin"));
            Assert.Equal((Likelihood.Gaussian, 0.2), (loadedVae.Likelihood, loadedVae.GaussianSigma));
            Assert.Equal(vae.Encode(x).Data, loadedVae.Encode(x).Data);
            var convVae = Vae.Convolutional(2);
            convVae.Save(Path.Combine(dir, "cvae.bin"));
            Assert.Equal(convVae.Encode(x).Data, Vae.Load(Path.Combine(dir, "cvae.bin")).Encode(x).Data);
            var g = new DcganGenerator(8, 8);
            g.Save(Path.Combine(dir, "g.bin"));
            Assert.Equal(g.Sample(3, 1).Data, DcganGenerator.Load(Path.Combine(dir, "g.bin")).Sample(3, 1).Data);
            var judge = new FashionFeatureNet();
            judge.Save(Path.Combine(dir, "judge.bin"));
            Assert.Equal(judge.Features(x).Data, FashionFeatureNet.Load(Path.Combine(dir, "judge.bin")).Features(x).Data);
            new DcganDiscriminator(8, batchNorm: false).Save(Path.Combine(dir, "d.bin"));
            Assert.False(DcganDiscriminator.Load(Path.Combine(dir, "d.bin")).BatchNorm);
            // A manifest that names another model, or weights that do not fit it, are refused.
            Assert.Throws<FormatException>(() => Vae.Load(Path.Combine(dir, "mlp.bin")));
            File.Copy(Path.Combine(dir, "vae.bin.json"), Path.Combine(dir, "mlp.bin.json"), overwrite: true);
            Assert.Throws<FormatException>(() => Vae.Load(Path.Combine(dir, "mlp.bin")));
            Assert.Throws<FileNotFoundException>(() => Vae.Load(Path.Combine(dir, "missing.bin")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

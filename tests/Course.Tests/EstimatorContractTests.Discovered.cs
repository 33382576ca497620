using Course.Compute;
using System.Reflection;
using System.Runtime.CompilerServices;
using Course.Data;
using Course.Neural;

namespace Course.Tests;

/// <summary>
/// The contract of lib/README.md, held by every estimator the assemblies contain, found by reflection as
/// scikit-learn's <c>all_estimators()</c> finds its own: a new estimator is covered without editing this file. Each is
/// built with its defaults (<c>new X()</c>) and fitted on 120 rows of four blobs, and must keep the naming, keep its
/// options pure data, leave its input alone, fit the same model twice, map new rows with the right shapes, refuse bad
/// rows by name, honour cancellation, and save and load to the same predictions, refusing another format version by
/// number. The table of <see cref="Subjects"/> adds variants (other options) and the metrics.
/// </summary>
public partial class EstimatorContractTests
{
    private static readonly Assembly[] Libraries = [typeof(Matrix).Assembly, typeof(Vae).Assembly];

    private static IEnumerable<Type> Implementing(Type open) => Libraries.SelectMany(a => a.GetExportedTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == open))
        .OrderBy(t => t.Name);

    public static IEnumerable<object[]> Estimators => Implementing(typeof(IEstimator<,>)).Concat(Implementing(typeof(ISupervisedEstimator<,>))).Select(t => new object[] { t.Name });
    public static IEnumerable<object[]> NeuralModels => Implementing(typeof(INeuralModel<>)).Select(t => new object[] { t.Name });

    private static Type Named(string name) => Libraries.SelectMany(a => a.GetExportedTypes()).Single(t => t.Name == name);

    [Fact]
    public void Reflection_finds_every_estimator_and_neural_model()
    {
        var names = Estimators.Select(r => (string)r[0]).ToHashSet();
        // A floor, not the list: the test must not pass by finding nothing.
        foreach (var known in new[] { "KMeans", "MiniBatchKMeans", "AgglomerativeClustering", "Dbscan", "Hdbscan", "Pca", "IncrementalPca",
            "KernelPca", "Nystroem", "Tsne", "Umap", "StandardScaler", "LogisticRegression", "KNeighborsClassifier" })
            Assert.Contains(known, names);
        Assert.Equal(["ConvAutoencoder", "MlpAutoencoder", "Vae"], NeuralModels.Select(r => (string)r[0]).Order().ToArray());
        // Every public class that has a Fit is under one of the contracts, or is one of the named exceptions below.
        var exempt = new HashSet<string>
        {
            "FashionFeatureNet", // the lessons' judge, trained once by a script (supervised, images only)
            "UmapCurve",         // fits the curve's two constants, not data
            "KernelCenterer",    // a step of Kernel PCA on a kernel matrix, not rows
        };
        var loose = Libraries.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(m => m.Name == "Fit"))
            .Where(t => !names.Contains(t.Name) && !t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INeuralModel<>)) && !exempt.Contains(t.Name))
            .Where(t => !(t.BaseType is { } b && b.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INeuralModel<>))))
            .Select(t => t.Name).ToList();
        Assert.True(loose.Count == 0, "public types with a Fit outside the contract: " + string.Join(", ", loose));
    }

    private static (Matrix X, int[] Labels) Data()
    {
        var blobs = SyntheticData.Blobs(n: 120, centers: 4, dims: 5, std: 0.7, seed: 11);
        return (blobs.X, blobs.Labels);
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void A_discovered_estimator_keeps_the_contract(string name)
    {
        var type = Named(name);
        var face = type.GetInterfaces().Single(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IEstimator<,>) || i.GetGenericTypeDefinition() == typeof(ISupervisedEstimator<,>)));
        bool supervised = face.GetGenericTypeDefinition() == typeof(ISupervisedEstimator<,>);
        var (optionsType, modelType) = (face.GetGenericArguments()[0], face.GetGenericArguments()[1]);

        // Naming: X takes XOptions and gives XModel, or its family's model (MiniBatchKMeans → KMeansModel).
        Assert.Equal(name + "Options", optionsType.Name);
        Assert.True(modelType.Name == name + "Model" || name.EndsWith(modelType.Name[..^"Model".Length], StringComparison.Ordinal),
            $"{name} fits a {modelType.Name}");
        Assert.Equal(type.Namespace, optionsType.Namespace);

        // new X() works: the constructor taking the options record takes null for every default.
        var constructor = type.GetConstructor([optionsType]);
        Assert.True(constructor is not null && constructor.GetParameters()[0].HasDefaultValue, $"{name} has no constructor X(XOptions? options = null)");
        var estimator = constructor.Invoke([null]);
        var options = type.GetProperty("Options")!.GetValue(estimator)!;

        // Options are a record of plain values: init-only, no callbacks (those go to FitObserver).
        Assert.True(optionsType.GetMethod("<Clone>$") is not null, $"{optionsType.Name} is not a record");
        foreach (var p in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.False(typeof(Delegate).IsAssignableFrom(p.PropertyType) || p.PropertyType.Name.StartsWith("IProgress", StringComparison.Ordinal),
                $"{optionsType.Name}.{p.Name} is a callback; observers are passed to Fit (FitObserver)");
            var setter = p.SetMethod;
            Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)), $"{optionsType.Name}.{p.Name} has a setter");
        }

        var (x, labels) = Data();
        var before = (double[])x.Data.Clone();
        object Fit(Matrix data, FitObserver? observer = null) => supervised
            ? Invoke(face.GetMethod("Fit")!, estimator, data, data is null ? labels : labels[..data.Rows])
            : Invoke(face.GetMethod("Fit")!, estimator, data, observer);
        string fingerprint;
        object model;
        using (LinearAlgebra.Scope(new ManagedLinearAlgebra()))
        {
            model = Fit(x);
            fingerprint = Fingerprint(model);
            Assert.Equal(fingerprint, Fingerprint(Fit(x))); // a second fit of the same estimator: the same model
        }
        Assert.Equal(before, x.Data); // the input is left alone
        Assert.IsType(modelType, model);

        // Models are read-only: no public setters or fields.
        Assert.Empty(modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name));
        Assert.Empty(modelType.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name));

        // New rows: shapes, input left alone, bad rows refused by name.
        var queries = SyntheticData.Blobs(n: 9, centers: 2, dims: 5, std: 1.3, seed: 12).X;
        var queriesBefore = (double[])queries.Data.Clone();
        var mapped = new List<(string, Func<Matrix, object>)>();
        if (model is IPredictor predictor) mapped.Add(("Predict", m => predictor.Predict(m)));
        if (model is ITransformer transformer) mapped.Add(("Transform", m => transformer.Transform(m)));
        if (model is IProbabilisticClassifier classifier) mapped.Add(("PredictProbabilities", m => classifier.PredictProbabilities(m)));
        foreach (var (method, map) in mapped)
        {
            var result = map(queries);
            int rows = result switch { int[] a => a.Length, Matrix m => m.Rows, _ => -1 };
            Assert.True(rows == queries.Rows, $"{name}'s {method} gave {rows} rows for {queries.Rows}");
            Assert.Equal(queriesBefore, queries.Data);
            Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => map(new Matrix(2, 4))).ParamName);
            Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => map(Matrix.FromRows([[0, double.NaN, 0, 0, 0]]))).ParamName);
        }
        if (model is IClustering clustering) Assert.Equal(x.Rows, clustering.Labels.Length);
        if (model is IEmbedding embedding) Assert.Equal(x.Rows, embedding.Embedding.Rows);

        // Bad data at Fit is refused under the argument's name.
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Fit(null!)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Fit(Matrix.FromRows([[1, 2, double.PositiveInfinity, 4, 5], [1, 2, 3, 4, 5]]))).ParamName);

        // Cancellation is honoured (an estimator that does not iterate checks it at the door).
        if (!supervised)
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => Fit(x, new FitObserver { Cancellation = cancelled.Token }));
        }

        // Save and load: the same document and the same answers; another version refused by number.
        var saved = modelType.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISavedModel<>));
        Assert.Equal(modelType, saved.GetGenericArguments()[0]);
        string json = (string)modelType.GetMethod("ToJson")!.Invoke(model, null)!;
        var fromJson = modelType.GetMethod("FromJson", BindingFlags.Public | BindingFlags.Static)!;
        var loaded = Invoke(fromJson, null, json);
        Assert.Equal(json, (string)modelType.GetMethod("ToJson")!.Invoke(loaded, null)!);
        foreach (var (method, _) in mapped)
        {
            var m = modelType.GetMethod(method, [typeof(Matrix)])!;
            Assert.Equal(Fingerprint(m.Invoke(model, [queries])), Fingerprint(m.Invoke(loaded, [queries])));
        }
        var other = Assert.ThrowsAny<FormatException>(() => Invoke(fromJson, null, new System.Text.RegularExpressions.Regex("\"version\": [0-9]+").Replace(json, "\"version\": 7", 1)));
        Assert.Contains("version 7", other.Message);
    }

    [Theory]
    [MemberData(nameof(NeuralModels))]
    public void A_discovered_neural_model_keeps_its_contract(string name)
    {
        var type = Named(name);
        // The constructor with the fewest arguments, sizes filled by their names: inputSize d, any other *Size 2.
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Count(p => !p.HasDefaultValue)).First();
        var arguments = constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : p.Name switch
        {
            "inputSize" => 12,
            string s when s.EndsWith("Size", StringComparison.Ordinal) && p.ParameterType == typeof(int) => 2,
            _ => throw new InvalidOperationException($"{name}'s constructor argument {p.Name} has no default; give it one or name it inputSize / ...Size"),
        }).ToArray();
        NeuralSeed.Set(0);
        var model = constructor.Invoke(arguments);
        var face = type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INeuralModel<>));
        int d = (int)face.GetProperty("InputSize")!.GetValue(model)!;
        var x = new Matrix(40, d);
        for (int k = 0; k < x.Data.Length; k++) x.Data[k] = (k * 37 % 101) / 100.0; // in [0, 1], as every output layer allows
        var before = (double[])x.Data.Clone();
        var history = Invoke(face.GetMethod("Fit")!, model, x, new TrainingOptions { Epochs = 2, BatchSize = 16 }, null, null);
        Assert.NotNull(history);
        Assert.Equal(before, x.Data);
        var encode = face.GetMethod("Encode")!;
        var codes = (Matrix)Invoke(encode, model, x);
        Assert.Equal(x.Rows, codes.Rows);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Invoke(face.GetMethod("Fit")!, model, new Matrix(4, d + 1), null, null, null)).ParamName);
        var nan = new Matrix(2, d); nan[1, d - 1] = double.NaN;
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Invoke(encode, model, nan)).ParamName);
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => Invoke(face.GetMethod("Fit")!, model, x, new TrainingOptions { Epochs = 1 }, null, new FitObserver { Cancellation = cancelled.Token }));
        }
        string dir = Directory.CreateTempSubdirectory("contract-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.bin");
            face.GetMethod("Save")!.Invoke(model, [path]);
            var load = type.GetMethod("Load", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy, [typeof(string)])
                ?? throw new InvalidOperationException($"{name} has no static Load(string path)");
            var loaded = Invoke(load, null, path);
            Assert.Equal(codes.Data, ((Matrix)Invoke(encode, loaded, x)).Data);
            var manifest = Directory.EnumerateFiles(dir, "*.json").Single();
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\": 1", "\"version\": 7"));
            Assert.Contains("version 7", Assert.ThrowsAny<FormatException>(() => Invoke(load, null, path)).Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Calls <paramref name="method"/>, rethrowing what it threw (not the reflection wrapper).</summary>
    private static object Invoke(MethodInfo method, object? target, params object?[] arguments)
    {
        try { return method.Invoke(target, arguments)!; }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

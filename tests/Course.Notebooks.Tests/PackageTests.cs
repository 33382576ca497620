using System.IO.Compression;
using System.Xml.Linq;

namespace Course.Notebooks.Tests;

/// <summary>
/// The libraries used as a developer outside the kit would: <c>dotnet pack</c> both, then two console apps in a
/// temporary folder with no kit files above them reference the packages. The algorithms-only app fits, saves, loads
/// and predicts K-means and PCA with a small <c>bin</c>; the neural app trains an autoencoder, which on Debian 12
/// works only if the package's own build step fixes TorchSharp's native library.
/// </summary>
public class PackageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(6);

    [Fact]
    public void Packed_libraries_work_in_a_console_app_outside_the_kit()
    {
        // A version no earlier run used, so NuGet's global cache cannot serve a stale copy; removed afterwards.
        string version = $"0.9.0-check.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var work = Directory.CreateTempSubdirectory("course-packages").FullName;
        string feed = Path.Combine(work, "feed");
        string cache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        try
        {
            foreach (var project in new[] { "Course.Lib", "Course.Neural" })
            {
                var (code, output) = Kit.Run("dotnet", ["pack", Path.Combine(Kit.Root, "lib", project), "-c", "Release", "-o", feed, $"-p:Version={version}"], Kit.Root, Step);
                Assert.True(code == 0, output);
                CheckPackage(Path.Combine(feed, $"{project}.{version}.nupkg"), project);
            }
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            string algorithms = App(work, "algorithms", "Course.Lib", version, """
                using Course;
                using Course.Clustering;
                using Course.Compute;
                using Course.Data;
                using Course.Decomposition;

                var x = SyntheticData.Blobs(n: 300, centers: 3, dims: 4, seed: 1).X;
                var kmeans = new KMeans(new KMeansOptions { NClusters = 3 }).Fit(x);
                kmeans.Save("kmeans.json");
                var kmeansBack = KMeansModel.Load("kmeans.json");
                var pca = new Pca(new PcaOptions { NComponents = 2 }).Fit(x);
                pca.Save("pca.json");
                var pcaBack = PcaModel.Load("pca.json");
                bool same = kmeans.Predict(x).SequenceEqual(kmeansBack.Predict(x)) && pca.Transform(x).Data.SequenceEqual(pcaBack.Transform(x).Data);
                Console.WriteLine($"k-means inertia {kmeans.Inertia:F3}; PCA keeps {pca.ExplainedVarianceRatio.Sum():P1}; backend {LinearAlgebra.Backend.Name}; round trip {(same ? "identical" : "DIFFERENT")}");
                return same ? 0 : 1;
                """);
            var (runCode, runOutput) = Kit.Run("dotnet", ["run", "-c", "Release"], algorithms, Step);
            Assert.True(runCode == 0, runOutput);
            Assert.Contains("round trip identical", runOutput);
            Assert.Contains("backend managed", runOutput);
            var bin = Path.Combine(algorithms, "bin", "Release", "net10.0");
            long bytes = new DirectoryInfo(bin).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Assert.True(bytes < 20_000_000, $"the algorithms app's bin is {bytes / 1e6:F1} MB");
            Assert.Empty(Directory.GetFiles(bin, "*orch*", SearchOption.AllDirectories));

            string neural = App(work, "neural", "Course.Neural", version, """
                using Course;
                using Course.Data;
                using Course.Neural;

                // Bars in 8 x 8 images: an autoencoder with a 2-number code learns them in a few epochs.
                var rng = new Random(3);
                var x = new Matrix(400, 64);
                for (int i = 0; i < x.Rows; i++) { int bar = rng.Next(8); for (int t = 0; t < 8; t++) x[i, bar * 8 + t] = 1; }
                NeuralSeed.Set(0);
                var model = new MlpAutoencoder(64, 2, [32]);
                var history = model.Fit(x, new TrainingOptions { Epochs = 15, BatchSize = 32, LearningRate = 1e-2 });
                model.Save("ae.bin");
                var back = Autoencoder.Load("ae.bin");
                bool same = model.Reconstruct(x).Data.SequenceEqual(back.Reconstruct(x).Data);
                Console.WriteLine($"loss {history.TrainLoss[0]:F4} -> {history.TrainLoss[^1]:F4}; round trip {(same ? "identical" : "DIFFERENT")}");
                return same && history.TrainLoss[^1] < 0.7 * history.TrainLoss[0] ? 0 : 1;
                """);
            (runCode, runOutput) = Kit.Run("dotnet", ["run", "-c", "Release"], neural, Step);
            Assert.True(runCode == 0, runOutput);
            Assert.Contains("round trip identical", runOutput);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            foreach (var id in new[] { "course.lib", "course.neural" })
            {
                var stale = Path.Combine(cache, id, version);
                if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
            }
        }
    }

    /// <summary>A console project referencing <paramref name="package"/>; hard links keep libtorch's copy free on disk.</summary>
    private static string App(string work, string name, string package, string version, string program)
    {
        var dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    private static void CheckPackage(string path, string id)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        using var zip = ZipFile.OpenRead(path);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
        string? Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal(id, Field("id"));
        Assert.Equal("MIT", Field("license"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")) || Field("description") == "Package Description", "no description");
        Assert.False(string.IsNullOrWhiteSpace(Field("authors")) || Field("authors") == id, "no authors");
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        if (id == "Course.Neural") Assert.Contains(zip.Entries, e => e.FullName == "buildTransitive/Course.Neural.targets");
    }
}

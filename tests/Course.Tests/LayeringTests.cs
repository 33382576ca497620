using System.Text.RegularExpressions;

namespace Course.Tests;

/// <summary>Layers import downwards only. Within the algorithms assembly each namespace has a rank and may use only
/// lower ranks (no namespace circle); the algorithms assembly needs no native library, charting or notebook package;
/// the neural assembly no charting; the course layer sits on top.</summary>
public class LayeringTests
{
    // Bottom to top. Equal ranks may not use each other.
    private static readonly Dictionary<string, int> Rank = new()
    {
        ["Course"] = 0,
        ["Course.Compute"] = 1, ["Course.Data"] = 1,
        ["Course.Neighbors"] = 2,
        ["Course.Clustering"] = 3, ["Course.Decomposition"] = 3,
        ["Course.Manifold"] = 4,
        ["Course.Metrics"] = 5,
        ["Course.Classification"] = 6,
        ["Course.Labeling"] = 7,
        ["Course.Neural"] = 8,
        ["Course.Plotting"] = 9,
        ["Course.Grading"] = 10, // the learner's side of the grader's process boundary and the values that cross it
        ["Course.Lessons"] = 11, // the set-up cell's helpers and the lesson apps
        ["Course.Exercises"] = 12, // the checks (an assembly of their own, which the grader's learner process cannot load)
    };

    // Names distinctive enough to spot as qualified references (Compute.Distance); "Data" is also a property name,
    // so only its full form counts.
    private static readonly Regex Reference = new(
        @"(?:using (?:static )?Course\.(?<ns>\w+))|(?:(?<![\w.])Course\.(?<ns>[A-Z]\w+)\.)|(?:(?<![\w.])(?<ns>Compute|Neighbors|Clustering|Decomposition|Manifold|Metrics|Classification|Labeling|Neural|Plotting|Grading|Lessons|Exercises)\.[A-Z])",
        RegexOptions.Compiled);

    private static string Lib => Path.Combine(KitRoot(), "lib");

    private static string KitRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Course.sln");
    }

    [Fact]
    public void Namespaces_import_downwards_only()
    {
        var upward = new List<string>();
        foreach (var project in new[] { "Course.Lib", "Course.Neural", "Course.Kit", "Course.Exercises" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Lib, project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                var text = File.ReadAllText(file);
                var own = Regex.Match(text, @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value;
                Assert.True(Rank.ContainsKey(own), $"{file}: namespace {own} has no layer");
                var code = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//") || l.TrimStart().StartsWith("///")));
                foreach (Match m in Reference.Matches(code))
                {
                    string used = "Course." + m.Groups["ns"].Value;
                    if (used == own || !Rank.TryGetValue(used, out int rank)) continue;
                    if (rank >= Rank[own]) upward.Add($"{Path.GetRelativePath(Lib, file)}: {own} uses {used}");
                }
            }
        Assert.True(upward.Count == 0, "upward or sideways imports:\n" + string.Join('\n', upward.Distinct()));
    }

    /// <summary>By audience: the algorithm assemblies (which pack as NuGet packages) hold algorithms and models only;
    /// what exists for the course (the shipped data sets and the walk up to the kit's datasets/ folder, the labelling
    /// experiments, the pretrained models and their weights) lives in Course.Kit.</summary>
    [Fact]
    public void The_algorithm_assemblies_hold_no_course_material()
    {
        var libraries = new[] { typeof(Matrix).Assembly, typeof(Neural.Vae).Assembly };
        var material = libraries.SelectMany(a => a.GetTypes())
            .Where(t => t.Namespace == "Course.Labeling" || t.Name is "Datasets" or "DatasetFiles" or "CustomerTable" or "ShippedWeights"
                || t.Name.StartsWith("Pretrained", StringComparison.Ordinal))
            .Select(t => t.FullName).ToList();
        Assert.True(material.Count == 0, "course material in the algorithm assemblies: " + string.Join(", ", material));
        var walkers = new[] { "Course.Lib", "Course.Neural" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Lib, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadAllText(f).Contains("COURSE_DATASETS", StringComparison.Ordinal) || File.ReadAllText(f).Contains("\"datasets\"", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Lib, f)).ToList();
        Assert.True(walkers.Count == 0, "the algorithm assemblies look for the kit's datasets folder: " + string.Join(", ", walkers));
        // The probe can fail: the kit does hold them.
        Assert.Contains(typeof(Plotting.Charts).Assembly.GetTypes(), t => t.Name == "DatasetFiles");
    }

    [Fact]
    public void The_algorithms_need_no_libtorch_and_no_charts()
    {
        static string[] References(Type t) => t.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        var lib = References(typeof(Matrix));
        Assert.DoesNotContain(lib, n => n.StartsWith("TorchSharp") || n.StartsWith("Plotly") || n.StartsWith("FSharp") || n.StartsWith("Microsoft.DotNet.Interactive") || n.StartsWith("Course."));
        var neural = References(typeof(Neural.Vae));
        Assert.Contains("Course.Lib", neural);
        Assert.DoesNotContain(neural, n => n.StartsWith("Plotly") || n.StartsWith("Course.Kit") || n.StartsWith("Microsoft.DotNet.Interactive"));
        Assert.DoesNotContain(References(typeof(Plotting.Charts)), n => n.StartsWith("Microsoft.DotNet.Interactive"));
        // The learner's process of grading loads Course.Kit; the checks are in an assembly it never needs.
        Assert.DoesNotContain(References(typeof(Plotting.Charts)), n => n == "Course.Exercises");
    }
}

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
        ["Course.Kernels"] = 1, ["Course.Data"] = 1,
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

    // Names distinctive enough to spot as qualified references (Kernels.Distance); "Data" is also a property name,
    // so only its full form counts.
    private static readonly Regex Reference = new(
        @"(?:using (?:static )?Course\.(?<ns>\w+))|(?:(?<![\w.])Course\.(?<ns>[A-Z]\w+)\.)|(?:(?<![\w.])(?<ns>Kernels|Neighbors|Clustering|Decomposition|Manifold|Metrics|Classification|Labeling|Neural|Plotting|Grading|Lessons|Exercises)\.[A-Z])",
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

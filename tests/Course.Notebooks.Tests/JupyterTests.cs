using System.Text.Json.Nodes;

namespace Course.Notebooks.Tests;

/// <summary>
/// The Jupyter route as a learner meets it: the learner .ipynb executed by real Jupyter (nbconvert, Debian's
/// packages) with the .NET Interactive kernel (the local tool pinned in .config/dotnet-tools.json, registered from
/// the kit's folder), then exported to HTML with require.js on the page as classic Jupyter and nbconvert load it, and
/// opened in Chromium with the network blocked: every chart must draw and no cell may print a warning or an error.
/// .ci/run installs Jupyter, require.js and Chromium; elsewhere the test is skipped with what to install.
/// </summary>
public class JupyterTests
{
    private const string Jupyter = "/usr/bin/jupyter";
    private const string RequireJs = "/usr/share/javascript/requirejs/require.min.js";

    [SkippableTheory]
    [InlineData("02-hierarchical", "classic")]
    [InlineData("06-autoencoders", "lab")]
    public async Task A_lesson_executed_by_Jupyter_has_clean_outputs_and_every_chart_draws_in_its_HTML_export(string lesson, string template)
    {
        Skip.If(!File.Exists(Jupyter) || !File.Exists(RequireJs) || Browser.Chromium is null,
            "needs Jupyter's nbconvert, require.js and Chromium (Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient libjs-requirejs chromium), as .ci/run installs.");
        var work = Directory.CreateTempSubdirectory("course-jupyter").FullName;
        var kernels = Directory.CreateDirectory(Path.Combine(work, "kernels")).FullName;
        var restore = Kit.Run("dotnet", ["tool", "restore"], Kit.Root, TimeSpan.FromMinutes(5));
        Assert.True(restore.Code == 0, restore.Output);
        // The README's registration, into a private folder rather than the user's: `dotnet interactive jupyter install`.
        var install = Kit.Run("dotnet", ["interactive", "jupyter", "install", "--path", kernels], Kit.Root, TimeSpan.FromMinutes(2));
        Assert.True(install.Code == 0, install.Output);
        var environment = new Dictionary<string, string> { ["JUPYTER_PATH"] = work, ["JUPYTER_DATA_DIR"] = Path.Combine(work, "data"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };

        var executed = Path.Combine(work, lesson + ".ipynb");
        var run = Kit.Run(Jupyter, ["nbconvert", "--to", "notebook", "--execute", Path.Combine(Kit.Notebooks, lesson + ".ipynb"), "--output", executed,
            "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=240"], Kit.Notebooks, TimeSpan.FromMinutes(8), environment);
        Assert.True(run.Code == 0, $"nbconvert --execute failed on {lesson}:\n{run.Output}");
        // Every cell's output: no error and nothing on stderr (the kernel prints compiler warnings there, in red).
        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        var noisy = cells.Select((c, i) => (i, Outputs: c!["outputs"]?.AsArray() ?? []))
            .SelectMany(c => c.Outputs.Where(o => (string?)o!["output_type"] == "error" || (string?)o!["name"] == "stderr")
                .Select(o => $"cell {c.i}: {(string?)o!["evalue"] ?? string.Concat(o!["text"]!.AsArray().Select(t => (string?)t))}"))
            .ToList();
        Assert.True(noisy.Count == 0, string.Join("\n", noisy));

        var export = Kit.Run(Jupyter, ["nbconvert", "--to", "html", "--template", template, executed, "--output-dir", work,
            $"--HTMLExporter.require_js_url={new Uri(RequireJs).AbsoluteUri}"], work, TimeSpan.FromMinutes(2), environment);
        Assert.True(export.Code == 0, export.Output);
        var html = Path.Combine(work, lesson + ".html");
        Assert.Contains(new Uri(RequireJs).AbsoluteUri, File.ReadAllText(html)); // the AMD loader really is on the page
        int expected = Browser.ChartsIn(File.ReadAllText(html));
        Assert.True(expected >= 5, $"{lesson}'s export has {expected} charts");

        await Browser.With(async browser =>
        {
            // Offline: only the page itself and local files load (nbconvert's MathJax and fonts from a CDN do not).
            var (page, errors, _) = await Browser.OpenOffline(browser, html);
            int drawn = await Browser.DrawnCharts(page, expected);
            Assert.True(drawn == expected, $"{drawn} of {expected} charts drew in {lesson}'s {template} export; page errors: {string.Join("; ", errors)}");
            Assert.Empty(errors);
        });
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Course.Notebooks;

/// <summary>
/// The learner notebooks generated from each <c>.solution.dib</c>: the stripped <c>.dib</c> (VS Code's Polyglot
/// Notebooks), the same cells as <c>.ipynb</c> for Jupyter with the .NET Interactive kernel, and the lesson as a .NET
/// 10 file-based app (<c>.cs</c>, <see cref="LessonAppSource"/>). All are generated, never edited by hand, with the
/// grader's exercise manifest; <c>strip --check</c> and a test report drift.
/// </summary>
public static class LearnerNotebooks
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Jupyter twin of a learner <c>.dib</c> path.</summary>
    public static string IpynbPath(string learnerDib) => Path.ChangeExtension(learnerDib, ".ipynb");

    /// <summary>The .ipynb text for learner .dib text: the same cells, no outputs, the .NET (C#) kernel.</summary>
    public static string ToIpynb(string dibText)
    {
        var cells = DibFile.Parse(dibText);
        var document = new InteractiveDocument(cells.Select(c => new InteractiveDocumentElement(c.Source, c.Kernel)).ToList());
        var json = JsonNode.Parse(Notebook.ToJupyterJson(document, "csharp"))!;
        // nbformat 4.5 gives every cell an id; fixed ones (not random) keep the generated file stable for the drift check.
        int n = 0;
        foreach (var cell in json["cells"]!.AsArray()) cell!.AsObject().Insert(0, "id", $"cell-{++n:000}");
        return json.ToJsonString(Indented).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>The three learner files' expected text for a solution notebook: the .dib, the .ipynb and the lesson
    /// app (<see cref="LessonAppSource"/>).</summary>
    public static (string Dib, string Ipynb, string App) Expected(string solutionPath)
    {
        var dib = SolutionStripper.Strip(File.ReadAllText(solutionPath), Path.GetFileName(solutionPath));
        return (dib, ToIpynb(dib), LessonAppSource.Generate(dib, Path.GetFileName(SolutionStripper.LearnerPath(solutionPath))));
    }

    /// <summary>Writes (or with <paramref name="check"/> only compares) every learner notebook and the exercise
    /// manifest the grader reads (<see cref="Grading.ExerciseManifest"/>); returns the exit code.</summary>
    public static int Strip(string kitRoot, bool check, TextWriter console)
    {
        var notebooksFolder = Path.Combine(kitRoot, "notebooks");
        var generated = new List<(string Path, string Text)>();
        foreach (var solution in SolutionStripper.SolutionNotebooks(notebooksFolder))
        {
            var (dib, ipynb, app) = Expected(solution);
            var learner = SolutionStripper.LearnerPath(solution);
            generated.Add((learner, dib));
            generated.Add((IpynbPath(learner), ipynb));
            generated.Add((LessonAppSource.PathFor(learner), app));
        }
        generated.Add((Grading.ExerciseManifest.PathIn(kitRoot), Grading.ExerciseManifest.Generate(notebooksFolder)));
        int drift = 0;
        foreach (var (path, text) in generated)
        {
            bool same = File.Exists(path) && File.ReadAllText(path).Replace("\r\n", "\n") == text;
            if (same) { console.WriteLine($"up to date  {Path.GetFileName(path)}"); continue; }
            drift++;
            if (check) console.WriteLine($"DRIFT       {Path.GetFileName(path)} differs from what the solutions give; run `course strip`.");
            else { File.WriteAllText(path, text); console.WriteLine($"written     {Path.GetFileName(path)}"); }
        }
        return check && drift > 0 ? 1 : 0;
    }
}

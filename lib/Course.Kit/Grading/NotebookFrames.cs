using System.Text.RegularExpressions;

namespace Course.Grading;

/// <summary>
/// The frames of an exception's stack that belong to a notebook's own code (its cells' functions and top-level code),
/// with where each is: the kit's engine compiles every cell with debug information under the file name
/// <c>cell{N}@{L}</c> (cell N, starting at line L of the notebook's file), so a frame says which cell and which line of
/// it. The kernel's, Roslyn's and the library's frames are dropped. Shared by the engine's cell errors, the grader's
/// learner process (which sends them with the exception) and the checks.
/// </summary>
public static partial class NotebookFrames
{
    /// <summary>One frame of the notebook's code.</summary>
    /// <param name="Method">The function's name ("Assign"), or "the cell's code" for a cell's top-level statements.</param>
    /// <param name="Signature">The function with its parameters' types ("Assign(Matrix x, Matrix centroids)"), or
    /// "the cell's code".</param>
    /// <param name="Cell">The cell's number, or 0 when the frame does not say (or the cell is the kit's).</param>
    /// <param name="CellStart">The notebook-file line the cell starts at, or 0.</param>
    /// <param name="Line">The line within the cell (1 = its first), or null without debug information.</param>
    public sealed record Frame(string Method, string Signature, int Cell, int CellStart, int? Line);

    /// <summary>The notebook's frames of <paramref name="stackTrace"/>, innermost first.</summary>
    public static IReadOnlyList<Frame> Of(string? stackTrace)
    {
        var frames = new List<Frame>();
        foreach (var text in (stackTrace ?? "").Split('\n'))
        {
            var m = NotebookFrame().Match(text);
            if (!m.Success) continue;
            // "<<Initialize>>d__0.MoveNext" is a cell's own top-level code; anything else names a function of the notebook.
            var signature = m.Groups["method"].Value;
            bool top = signature.Contains("<<Initialize>>", StringComparison.Ordinal);
            frames.Add(new Frame(top ? "the cell's code" : signature[..signature.IndexOf('(')], top ? "the cell's code" : signature,
                Number(m.Groups["cell"]), Number(m.Groups["start"]), m.Groups["line"].Success ? Number(m.Groups["line"]) : null));
        }
        return frames;
    }

    /// <summary>Where a learner's exception happened, for the feedback: "Assign (line 110) ← Lloyd (line 131)" in a
    /// .dib or .cs, whose cells start at known lines, "Assign (cell 12, line 5)" in an .ipynb; innermost first, at most
    /// <paramref name="most"/> frames; empty when no frame is the notebook's. Frames of cells the learner did not write
    /// (cell 0) are named without a place.</summary>
    public static string InCells(string? stackTrace, int most = 4)
        => string.Join(" ← ", Of(stackTrace).Take(most).Select(f =>
            f.Cell == 0 || f.Line is not { } line ? f.Method
            : f.CellStart > 0 ? $"{f.Method} (line {f.CellStart + line - 1})"
            : $"{f.Method} (cell {f.Cell}, line {line})"));

    /// <summary>An exception's message with where in the learner's code it was thrown, as the feedback gives it:
    /// "Index was outside the bounds of the array. (In your code: Assign (line 110) ← Lloyd (line 131).)"</summary>
    public static string MessageWithPlace(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var place = InCells(exception.StackTrace);
        return place.Length == 0 ? exception.Message : $"{exception.Message} (In your code: {place}.)";
    }

    /// <summary>The file name a cell is compiled under, which <see cref="Of"/> reads back.</summary>
    public static string FileName(int cell, int cellStart) => $"cell{cell}@{cellStart}";

    private static int Number(Group g) => g.Success && int.TryParse(g.Value, out int n) ? n : 0;

    // "   at Submission#3.Boom(Int32 x) in /dir/cell4@17:line 4" (a cell's code, with or without debug information; the
    // script compiler puts the current folder before the file name).
    [GeneratedRegex(@"^\s*at Submission#\d+\.(?<method>.+?\))(?: in (?:(?:[^\n]*[/\\])?cell(?<cell>\d+)@(?<start>\d+)|[^\n]*?):line (?<line>\d+))?\s*$")]
    private static partial Regex NotebookFrame();
}

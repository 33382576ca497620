using System.Text;
using System.Text.RegularExpressions;

namespace Course.Notebooks;

/// <summary>
/// A cell's exception as a learner needs it: the exception's type and message, then only the frames of the notebook's
/// own code, each with its line in the notebook file; the kernel's and Roslyn's frames are dropped. The line comes from
/// the debug information <see cref="KernelSession"/> has the kernel emit for each cell.
/// </summary>
public static partial class CellError
{
    /// <summary>The learner's view of <paramref name="exception"/> thrown by a cell starting at line
    /// <paramref name="cellLine"/> of its notebook (1 when unknown), and the notebook line of the innermost frame in
    /// the notebook's code (null when no frame has a line).</summary>
    public static (string Text, int? Line) Describe(Exception exception, int cellLine)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is System.Reflection.TargetInvocationException { InnerException: { } e } ? e : exception;
        var text = new StringBuilder($"{inner.GetType().FullName}: {inner.Message}");
        int? first = null;
        foreach (var frame in (inner.StackTrace ?? "").Split('\n'))
        {
            var m = NotebookFrame().Match(frame);
            if (!m.Success) continue;
            // "<<Initialize>>d__0.MoveNext" is the cell's own top-level code; anything else names a function of the notebook.
            var method = m.Groups["method"].Value.Contains("<<Initialize>>", StringComparison.Ordinal) ? "the cell's code" : m.Groups["method"].Value;
            if (m.Groups["line"].Success && int.TryParse(m.Groups["line"].Value, out int line))
            {
                int inFile = cellLine + line - 1;
                first ??= inFile;
                text.Append($"\n   at {method}, line {inFile}");
            }
            else text.Append($"\n   at {method}");
        }
        return (text.ToString(), first);
    }

    // "   at Submission#3.Boom(Int32 x) in cell:line 4" (the frame of a cell's code, with or without debug information).
    [GeneratedRegex(@"^\s*at Submission#\d+\.(?<method>.+?\))(?: in .*?:line (?<line>\d+))?\s*$")]
    private static partial Regex NotebookFrame();
}

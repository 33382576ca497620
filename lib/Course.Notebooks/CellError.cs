using System.Text;

namespace Course.Notebooks;

/// <summary>
/// A cell's exception as a learner needs it: the exception's type and message, then only the frames of the notebook's
/// own code, each with its line in the notebook file; the kernel's and Roslyn's frames are dropped. The line comes from
/// the debug information <see cref="KernelSession"/> has the kernel emit for each cell.
/// </summary>
public static class CellError
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
        foreach (var frame in Course.Grading.NotebookFrames.Of(inner.StackTrace))
        {
            if (frame.Line is int line)
            {
                // The frame's own cell when the kernel compiled it under its place (KernelSession), else the failing cell.
                int inFile = (frame.CellStart > 0 ? frame.CellStart : cellLine) + line - 1;
                first ??= inFile;
                text.Append($"\n   at {frame.Signature}, line {inFile}");
            }
            else text.Append($"\n   at {frame.Signature}");
        }
        return (text.ToString(), first);
    }
}

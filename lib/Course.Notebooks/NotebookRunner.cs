using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace Course.Notebooks;

/// <summary>
/// Runs a notebook's C# cells in order in an in-process .NET Interactive kernel (the pinned packages, the same C#
/// kernel VS Code's Polyglot Notebooks uses), with the notebook's folder as the current directory because the kernel
/// resolves relative <c>#r</c> paths against it.
/// </summary>
/// <remarks>The current directory is process-wide, so notebooks run one at a time per process. A cell that exceeds the
/// time limit is reported and the run stops; its thread cannot be aborted, so callers end the process afterwards
/// (the CLI does).</remarks>
public sealed class NotebookRunner
{
    /// <summary>Limit per cell. Default 120 s.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Keep running after a failed cell (grading does, so later exercises still get checked).</summary>
    public bool ContinueOnError { get; init; }
    /// <summary>Directory to run in; null means the notebook's own folder.</summary>
    public string? WorkingDirectory { get; init; }
    /// <summary>Called after each cell with the result.</summary>
    public Action<CellResult>? OnCell { get; init; }

    /// <summary>Runs the notebook at <paramref name="path"/>.</summary>
    public async Task<NotebookResult> RunAsync(string path)
    {
        var cells = DibFile.Read(path);
        var result = new NotebookResult { Path = Path.GetFullPath(path) };
        var previousDir = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(WorkingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        var total = Stopwatch.StartNew();
        using var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
        kernel.DefaultKernelName = "csharp";
        try
        {
            bool stop = false;
            foreach (var cell in cells)
            {
                var cr = new CellResult { Cell = cell };
                result.Cells.Add(cr);
                if (!cell.IsCode) continue;
                if (stop) { cr.Skipped = true; continue; }
                var clock = Stopwatch.StartNew();
                // On the thread pool: the kernel may run a submission synchronously, and a cell that never returns would
                // then never let the time limit fire.
                var send = Task.Run(() => kernel.SendAsync(new SubmitCode(cell.Source, "csharp")));
                if (await Task.WhenAny(send, Task.Delay(CellTimeout)) != send)
                {
                    cr.Error = $"the cell did not finish within the {CellTimeout.TotalSeconds:0} s time limit.";
                    result.TimedOutCell = cr;
                    cr.Elapsed = clock.Elapsed;
                    OnCell?.Invoke(cr);
                    break;
                }
                Collect(await send, cr);
                cr.Elapsed = clock.Elapsed;
                OnCell?.Invoke(cr);
                if (cr.Error is not null && !ContinueOnError) stop = true;
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDir);
            result.Elapsed = total.Elapsed;
        }
        return result;
    }

    private static void Collect(KernelCommandResult commandResult, CellResult cr)
    {
        var byId = new Dictionary<string, CellOutput>();
        foreach (var e in commandResult.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated u when u.ValueId is not null && byId.TryGetValue(u.ValueId, out var existing):
                    existing.Data = Formatted(u);
                    break;
                case StandardOutputValueProduced o:
                    cr.Outputs.Add(new CellOutput { Kind = "stdout", Data = Formatted(o) });
                    break;
                case StandardErrorValueProduced o:
                    cr.Outputs.Add(new CellOutput { Kind = "stderr", Data = Formatted(o) });
                    break;
                case DisplayEvent d:
                    var output = new CellOutput { Kind = "display", Data = Formatted(d), ValueId = d.ValueId };
                    cr.Outputs.Add(output);
                    if (d.ValueId is not null) byId[d.ValueId] = output;
                    break;
                case CommandFailed f:
                    cr.Error = f.Message;
                    cr.Outputs.Add(new CellOutput { Kind = "error", Data = { ["text/plain"] = f.Message } });
                    break;
            }
        }
    }

    private static Dictionary<string, string> Formatted(DisplayEvent e)
        => e.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => string.Concat(g.Select(v => v.Value)));
}

using System.Diagnostics;

namespace Course.Notebooks;

/// <summary>
/// Runs a notebook's C# cells in order in a <see cref="KernelSession"/>, with the notebook's folder as the current directory because the kernel
/// resolves relative <c>#r</c> paths against it.
/// </summary>
/// <remarks>The current directory is process-wide, so notebooks run one at a time per process. A cell that exceeds the
/// time limit is reported and the run stops; its thread cannot be aborted, so callers end the process afterwards
/// (the CLI does).</remarks>
public sealed class NotebookRunner
{
    /// <summary>Limit per cell. Default 120 s.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Called before each code cell runs, with the number of cells in the notebook (markdown included).</summary>
    public Action<Cell, int>? OnCellStart { get; init; }
    /// <summary>Called after each cell with the result.</summary>
    public Action<CellResult>? OnCell { get; init; }

    /// <summary>Runs the notebook at <paramref name="path"/>.</summary>
    public async Task<NotebookResult> RunAsync(string path)
    {
        var cells = DibFile.Read(path);
        var result = new NotebookResult { Path = Path.GetFullPath(path) };
        var previousDir = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var total = Stopwatch.StartNew();
        using var session = new KernelSession();
        try
        {
            bool stop = false;
            foreach (var cell in cells)
            {
                if (!cell.IsCode) { result.Cells.Add(new CellResult { Cell = cell }); continue; }
                if (stop) { result.Cells.Add(new CellResult { Cell = cell, Skipped = true }); continue; }
                OnCellStart?.Invoke(cell, cells.Count);
                var cr = await session.RunAsync(cell, CellTimeout);
                result.Cells.Add(cr);
                OnCell?.Invoke(cr);
                if (cr.TimedOut) { result.TimedOutCell = cr; break; }
                if (cr.Error is not null) stop = true;
            }
            if (!stop && result.TimedOutCell is null) result.DeviceStrays.AddRange(session.DeviceStrays());
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDir);
            result.Elapsed = total.Elapsed;
        }
        return result;
    }
}

namespace Course.Notebooks;

/// <summary>One output of a cell: formatted values by MIME type (display), or a text stream (stdout, stderr, error).</summary>
public sealed class CellOutput
{
    /// <summary>"display", "stdout", "stderr" or "error".</summary>
    public required string Kind { get; init; }
    /// <summary>Formatted values by MIME type, for displays; the text under "text/plain" for streams and errors.</summary>
    public Dictionary<string, string> Data { get; set; } = new();
    /// <summary>The kernel's id for a displayed value, so later updates replace it.</summary>
    public string? ValueId { get; init; }

    /// <summary>The text/plain form, or the first value.</summary>
    public string Text => Data.TryGetValue("text/plain", out var t) ? t : Data.Values.FirstOrDefault() ?? "";
}

/// <summary>What running one cell produced.</summary>
public sealed class CellResult
{
    /// <summary>The cell that ran (or, for markdown, was carried along).</summary>
    public required Cell Cell { get; init; }
    /// <summary>Outputs in the order they appeared (a displayed value updated later keeps its place).</summary>
    public List<CellOutput> Outputs { get; } = new();
    /// <summary>The error message when the cell failed, else null.</summary>
    public string? Error { get; set; }
    /// <summary>The notebook line where the cell's exception was thrown (its innermost frame in the notebook's code),
    /// when known; else null.</summary>
    public int? FailedLine { get; set; }
    /// <summary>Whether the cell was not run because an earlier one failed.</summary>
    public bool Skipped { get; set; }
    /// <summary>Whether the cell overran its time limit (its thread may still be running).</summary>
    public bool TimedOut { get; set; }
    /// <summary>The value of the cell's last expression, when it ended with one (the kernel's return value).</summary>
    public object? ReturnValue { get; set; }
    /// <summary>Wall-clock time of the cell.</summary>
    public TimeSpan Elapsed { get; set; }
}

/// <summary>The outcome of running one notebook.</summary>
public sealed class NotebookResult
{
    /// <summary>The notebook's path.</summary>
    public required string Path { get; init; }
    /// <summary>Every cell, markdown included, in order.</summary>
    public List<CellResult> Cells { get; } = new();
    /// <summary>Total wall-clock time.</summary>
    public TimeSpan Elapsed { get; set; }
    /// <summary>The first failed cell, if any.</summary>
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Error is not null);
    /// <summary>After a run without error: the variables holding a tensor or module off the notebook's
    /// <c>device</c> (<see cref="KernelSession.DeviceStrays"/>).</summary>
    public List<string> DeviceStrays { get; } = new();
    /// <summary>Whether every code cell ran without error and every tensor kept is on the notebook's device.</summary>
    public bool Succeeded => FirstFailure is null && DeviceStrays.Count == 0;
    /// <summary>The cell that hit the time limit (its thread may still be running), if any.</summary>
    public CellResult? TimedOutCell { get; set; }

    /// <summary>Whether a cell hit the time limit.</summary>
    public bool TimedOut => TimedOutCell is not null;

    /// <summary>"notebook, cell N (line L): error" for the first failure.</summary>
    public string FailureSummary => FirstFailure is { } f
        ? $"{System.IO.Path.GetFileName(Path)}, cell {f.Cell.Number} (line {f.FailedLine ?? f.Cell.Line}): {f.Error}"
        : DeviceStrays.Count > 0
            ? $"{System.IO.Path.GetFileName(Path)}: tensors or models kept off the notebook's device: {string.Join(", ", DeviceStrays)}"
            : "";
}

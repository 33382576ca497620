namespace Course.Notebooks;

/// <summary>
/// The per-cell progress of <c>run</c>: each code cell announced when it starts ("cell 7/48, line 120"), its elapsed
/// time kept live while it runs, and its time and status when it ends. On a terminal the line is rewritten in place
/// every second; when the output is redirected (a log, CI), the announcement is written at once and completed when the
/// cell ends, with a line every 15 s while it runs, so logs stay short but a long cell still
/// shows it is alive.
/// </summary>
/// <param name="console">Where the lines go (the process's real output, not the kernel's redirected one).</param>
/// <param name="interactive">Whether that is a terminal, where a line can be rewritten in place.</param>
/// <param name="tick">How often the elapsed time is refreshed; default one second.</param>
/// <param name="quietInterval">How often a redirected output hears from a cell still running; default 15 s.</param>
/// <param name="time">The clock and timers; default the system's. Tests pass a fake one, so nothing depends on how
/// busy the machine is.</param>
public sealed class CellProgress(TextWriter console, bool interactive, TimeSpan? tick = null, TimeSpan? quietInterval = null, TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _tick = tick ?? TimeSpan.FromSeconds(1);
    private readonly TimeSpan _quiet = quietInterval ?? TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private string _label = "";
    private DateTimeOffset _started;
    private double _lastReported;
    private bool _lineOpen;

    /// <summary>Announces a cell: its number among all cells of the notebook, the total, and its line in the file.</summary>
    public void Start(Cell cell, int cells)
    {
        ArgumentNullException.ThrowIfNull(cell);
        lock (_gate)
        {
            _label = $"  cell {cell.Number}/{cells}, line {cell.Line}".PadRight(26);
            _started = _time.GetUtcNow();
            _lastReported = 0;
            console.Write(interactive ? $"{_label}  running 0 s" : _label);
            _lineOpen = true;
            console.Flush();
            _timer = _time.CreateTimer(_ => Tick(), null, _tick, _tick);
        }
    }

    /// <summary>Ends the current cell's line with its time and status.</summary>
    public void Done(CellResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            var status = result.TimedOut ? "TIMED OUT" : result.Error is null ? "ok" : "FAILED";
            var time = FormattableString.Invariant($"  {result.Elapsed.TotalSeconds,5:0.0} s  {status}");
            console.Write(interactive ? $"\r{_label}{time}\u001b[K\n" : _lineOpen ? time + "\n" : _label + time + "\n");
            _lineOpen = false;
            console.Flush();
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_timer is null) return;
            var elapsed = _time.GetUtcNow() - _started;
            int seconds = (int)elapsed.TotalSeconds;
            if (interactive) console.Write($"\r{_label}  running {seconds} s\u001b[K");
            else if (elapsed.TotalSeconds - _lastReported >= _quiet.TotalSeconds)
            {
                _lastReported = elapsed.TotalSeconds;
                console.Write($"{(_lineOpen ? "\n" : "")}{_label}  still running, {seconds} s\n");
                _lineOpen = false;
            }
            else return;
            console.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate) { _timer?.Dispose(); _timer = null; }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Course.Lessons;

/// <summary>
/// What a lesson app calls: a lesson as a .NET 10 file-based app (<c>dotnet run notebooks/01-kmeans.cs</c>), generated
/// from the same solution source as the lesson's notebooks by <c>course strip</c>, with no notebook kernel anywhere in
/// its build. The app's prose is its <c>/* ... */</c> blocks, each notebook cell's code follows a <c>Cell(n);</c> line,
/// and <c>display(...)</c> stands in for the kernel's. The app prints its text output and each exercise's check as it
/// runs, and writes an offline page like the engine's (the prose rendered, every cell with its outputs and charts) to
/// <c>notebooks/_rendered/NAME.app.html</c>, also when a cell throws.
/// </summary>
public static class LessonApp
{
    private static readonly object Gate = new();
    private static readonly List<CellRecord> Cells = [];
    private static readonly List<(string Id, string Status, bool Passed)> Results = [];
    private static readonly Stopwatch Clock = new();
    private static string? _source;
    private static TextWriter? _terminal;
    private static bool _written;

    /// <summary>Starts the lesson: prepares the kit (<see cref="Kit.Setup"/>), makes the app's folder the current one
    /// (as a notebook's), and copies everything the app prints into the page.</summary>
    /// <param name="source">The app's own source file; the compiler fills it in.</param>
    /// <exception cref="InvalidOperationException">the app has already begun.</exception>
    public static void Begin([CallerFilePath] string source = "")
    {
        lock (Gate)
        {
            if (_source is not null) throw new InvalidOperationException("LessonApp.Begin was already called.");
            _source = source;
        }
        Kit.Setup();
        if (File.Exists(source)) Directory.SetCurrentDirectory(Path.GetDirectoryName(source)!);
        _terminal = Console.Out;
        Console.SetOut(new Tee(_terminal));
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            lock (Gate) Current?.Outputs.Add(PageHtml.Text(e.ExceptionObject.ToString() ?? "", error: true));
            Console.Error.WriteLine($"The lesson stopped in cell {Current?.Number}; the page so far is at {WritePage()}.");
        };
    }

    /// <summary>Marks where notebook cell <paramref name="number"/> begins: what follows belongs to it on the page.</summary>
    public static void Cell(int number)
    {
        lock (Gate)
        {
            if (Current is { } previous) previous.Elapsed = Clock.Elapsed;
            Cells.Add(new CellRecord(number));
            Clock.Restart();
        }
    }

    /// <summary>Shows a value, as the notebook kernel's <c>display</c> does: charts, data frames and
    /// <see cref="HtmlOutput"/> go to the page as HTML (the terminal gets a one-line note), anything else as text.
    /// The returned handle's <see cref="Displayed.Update"/> replaces it.</summary>
    public static Displayed display(object? value)
    {
        var shown = new Displayed();
        lock (Gate)
        {
            var cell = Current ?? throw new InvalidOperationException("display was called before the lesson's first Cell(n).");
            shown.Attach(cell, cell.Outputs.Count);
            cell.Outputs.Add("");
        }
        shown.Update(value);
        return shown;
    }

    /// <summary>Ends the lesson: writes its page and prints each exercise's result and where the page is.</summary>
    public static void End()
    {
        lock (Gate) { if (Current is { } last) last.Elapsed = Clock.Elapsed; }
        var page = WritePage();
        var terminal = _terminal ?? Console.Out;
        terminal.WriteLine();
        List<(string Id, string Status, bool Passed)> results;
        lock (Gate) results = [.. Results];
        foreach (var group in results.GroupBy(r => r.Id)) terminal.WriteLine($"exercise {group.Key}: {group.Last().Status}");
        if (results.Any(r => !r.Passed))
            terminal.WriteLine($"Write the exercises' functions in {Path.GetFileName(_source)} and run it again; `./course grade notebooks/{Path.GetFileName(_source)}` grades it as your instructor would.");
        terminal.WriteLine($"The page with every chart: {page}");
    }

    /// <summary>Notes an exercise's result for the list <see cref="End"/> prints (the checks, in Course.Exercises, call
    /// this with each result they report; outside a lesson app nothing reads it).</summary>
    /// <param name="id">The exercise, "01.2".</param>
    /// <param name="status">The word the check printed: "passed", "FAILED" or "not attempted yet".</param>
    /// <param name="passed">Whether it passed.</param>
    public static void ExerciseChecked(string id, string status, bool passed)
    {
        lock (Gate) Results.Add((id, status, passed));
    }

    private static CellRecord? Current => Cells.Count == 0 ? null : Cells[^1];

    /// <summary>How a value is shown: (HTML for the page, line for the terminal).</summary>
    internal static (string Html, string Terminal) Render(object? value)
    {
        if (value is null) return (PageHtml.Text("null", false), "null");
        foreach (var (type, toHtml) in Kit.HtmlFormatters)
            if (type.IsInstanceOfType(value)) return (PageHtml.Output(toHtml(value)), $"[{Describe(value)}: see the page]");
        var text = value.ToString() ?? "";
        return (PageHtml.Text(text, false), text);
    }

    private static string Describe(object value) => value switch
    {
        HtmlOutput => "table or image",
        Microsoft.Data.Analysis.DataFrame => "data frame",
        _ => "chart",
    };

    // The page: the app's prose and code read back from its source, each cell's outputs under its code.
    private static string WritePage()
    {
        lock (Gate)
        {
            string source = _source ?? "lesson.cs";
            string name = Path.GetFileNameWithoutExtension(source);
            string folder = Path.Combine(Path.GetDirectoryName(source) ?? ".", "_rendered");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, name + ".app.html");
            if (_written && !File.Exists(path)) return path;
            var byNumber = Cells.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => g.Last());
            var body = new StringBuilder();
            string title = name;
            foreach (var block in SourceBlocks.Read(File.Exists(source) ? File.ReadAllText(source) : ""))
            {
                if (block.Cell is not { } number)
                {
                    if (title == name && block.Text.StartsWith("# ", StringComparison.Ordinal)) title = block.Text[2..].Split('\n')[0].Trim();
                    body.Append("<section class=\"md\">").Append(PageHtml.Markdown(block.Text)).Append("</section>\n");
                    continue;
                }
                var ran = byNumber.GetValueOrDefault(number);
                string outputs = ran is null ? "<div class=\"skipped\">not run: an earlier cell failed</div>"
                    : string.Concat(ran.Outputs.Select(o => o is StringBuilder text ? PageHtml.Text(text.ToString().TrimEnd('\n'), false) : (string)o));
                body.Append(PageHtml.CellSection(number, ran?.Elapsed ?? TimeSpan.Zero, block.Text, outputs));
            }
            var (mathHead, mathTail) = PageHtml.Math(body.ToString());
            File.WriteAllText(path, PageHtml.Document(title, body.ToString(), Kit.PlotlyScript().Markup + mathHead, mathTail));
            _written = true;
            return path;
        }
    }

    private sealed class CellRecord(int number)
    {
        public int Number { get; } = number;
        /// <summary>HTML (a string) or printed text (a StringBuilder, encoded when the page is written).</summary>
        public List<object> Outputs { get; } = [];
        public TimeSpan Elapsed { get; set; }
    }

    /// <summary>A value shown by <see cref="display"/>; <see cref="Update"/> replaces it where it was shown.</summary>
    public sealed class Displayed
    {
        private CellRecord? _cell;
        private int _slot;

        internal void Attach(object cell, int slot) { _cell = (CellRecord)cell; _slot = slot; }

        /// <summary>Shows <paramref name="value"/> in place of what this handle showed (the terminal prints it anew).</summary>
        public void Update(object? value)
        {
            var (html, terminal) = Render(value);
            lock (Gate) { if (_cell is not null) _cell.Outputs[_slot] = html; }
            (_terminal ?? Console.Out).WriteLine(terminal);
        }
    }

    // Console output goes to the terminal and, as text, to the current cell on the page (consecutive writes merged).
    private sealed class Tee(TextWriter terminal) : TextWriter
    {
        public override Encoding Encoding => terminal.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            terminal.Write(value);
            lock (Gate)
            {
                if (Current is not { } cell) return;
                // A new block when something else (a display) was shown since the last write.
                if (cell.Outputs.Count == 0 || cell.Outputs[^1] is not StringBuilder text) cell.Outputs.Add(text = new StringBuilder());
                text.Append(value);
            }
        }

        public override void Flush() => terminal.Flush();
    }
}

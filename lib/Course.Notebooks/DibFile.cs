namespace Course.Notebooks;

/// <summary>One cell of a .dib notebook: its kernel ("csharp" or "markdown"), source, and where it starts in the file.</summary>
public sealed record Cell(int Number, string Kernel, string Source, int Line)
{
    /// <summary>Whether the cell runs (C#) rather than being prose.</summary>
    public bool IsCode => Kernel == "csharp";
}

/// <summary>
/// Reads and writes the .dib format: UTF-8 text where a line <c>#!csharp</c> or <c>#!markdown</c> starts a cell and an
/// optional first <c>#!meta</c> cell holds kernel information as JSON. Kept to the two kernels the kit uses, so any
/// other cell kind is reported instead of silently skipped. Magic commands inside a cell (e.g. <c>#!time</c>) are not
/// separators.
/// </summary>
public static class DibFile
{
    private static readonly Dictionary<string, string> Kernels = new()
    {
        ["#!csharp"] = "csharp", ["#!c#"] = "csharp", ["#!C#"] = "csharp",
        ["#!markdown"] = "markdown", ["#!md"] = "markdown", ["#!meta"] = "meta",
    };

    private static readonly string[] OtherKernels = ["#!fsharp", "#!f#", "#!pwsh", "#!powershell", "#!javascript", "#!js", "#!html", "#!sql", "#!kql", "#!mermaid", "#!value", "#!http"];

    /// <summary>Parses .dib text into cells (the meta cell is dropped). Cell numbers are 1-based in file order.</summary>
    /// <exception cref="FormatException">a cell uses a kernel the kit does not run.</exception>
    public static IReadOnlyList<Cell> Parse(string text, string name = "notebook")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var cells = new List<Cell>();
        string? kernel = null;
        int start = 0;
        var body = new List<string>();
        void Flush()
        {
            if (kernel is not null && kernel != "meta")
            {
                int blank = body.TakeWhile(l => l.Trim().Length == 0).Count(); // report the line the code starts on
                cells.Add(new Cell(cells.Count + 1, kernel, string.Join("\n", body).Trim('\n'), start + blank));
            }
            body.Clear();
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimEnd();
            if (Kernels.TryGetValue(trimmed, out var k)) { Flush(); kernel = k; start = i + 2; continue; }
            if (OtherKernels.Contains(trimmed)) throw new FormatException($"{name}, line {i + 1}: '{trimmed}' cells are not supported; the kit's notebooks use C# and Markdown cells only.");
            if (kernel is null && trimmed.Length > 0) { kernel = "csharp"; start = i + 1; }
            body.Add(lines[i]);
        }
        Flush();
        return cells;
    }

    /// <summary>Reads and parses a .dib file, a Jupyter .ipynb (<see cref="IpynbFile"/>) or a lesson app's .cs
    /// (<see cref="LessonAppSource.Cells"/>).</summary>
    /// <exception cref="FormatException">an unsupported cell kind, or an .ipynb that is not a notebook.</exception>
    public static IReadOnlyList<Cell> Read(string path)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => IpynbFile.Parse(text, name),
            ".cs" => LessonAppSource.Cells(text),
            _ => Parse(text, name),
        };
    }
}

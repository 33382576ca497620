using System.Text.Json;

namespace Course.Notebooks;

/// <summary>
/// Reads the cells of a Jupyter notebook (nbformat 4) as the kit's <see cref="Cell"/>s: markdown cells, and code cells
/// in C# (the .NET Interactive kernel's language from the cell's or the notebook's metadata, C# when none is given).
/// Raw cells are not code and are skipped; a code cell in any other language is refused, as in a .dib.
/// </summary>
/// <remarks>Read directly with System.Text.Json rather than through the .NET Interactive document model, because a
/// submission to the grader may be hostile: every malformed shape (a null cell, a number where text belongs, an
/// unknown kernel) must become one <see cref="FormatException"/> naming the file, never another exception that would
/// stop a whole class's grading, and no cell boundary may be forged from a cell's text. A cell's
/// <see cref="Cell.Line"/> is its position in the notebook, the nearest thing an .ipynb has to a line.</remarks>
public static class IpynbFile
{
    private static readonly string[] CSharp = ["csharp", "c#", "C#", ".net-csharp"];

    /// <summary>The cells of the notebook <paramref name="json"/>, numbered from 1 in order.</summary>
    /// <exception cref="FormatException">the text is not a Jupyter notebook, or a code cell is not C#.</exception>
    public static IReadOnlyList<Cell> Parse(string json, string name = "notebook")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{name} is not a Jupyter notebook (it has no list of cells).");
            string defaultKernel = Text(root, "metadata", "polyglot_notebook", "defaultKernelName") ?? Text(root, "metadata", "kernelspec", "language") ?? "csharp";
            var result = new List<Cell>();
            int position = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                position++;
                if (cell.ValueKind != JsonValueKind.Object || Text(cell, "cell_type") is not { } type)
                    throw new FormatException($"{name}, cell {position}: not a notebook cell.");
                var source = Source(cell, name, position);
                switch (type)
                {
                    case "markdown":
                        result.Add(new Cell(result.Count + 1, "markdown", source, position));
                        break;
                    case "code":
                        var kernel = Text(cell, "metadata", "polyglot_notebook", "kernelName") ?? Text(cell, "metadata", "dotnet_interactive", "language") ?? defaultKernel;
                        if (!CSharp.Contains(kernel))
                            throw new FormatException($"{name}, cell {position}: '{Printable(kernel)}' cells are not supported; the kit's notebooks use C# and Markdown cells only.");
                        result.Add(new Cell(result.Count + 1, "csharp", source, position));
                        break;
                    case "raw":
                        break;
                    default:
                        throw new FormatException($"{name}, cell {position}: unknown cell type '{Printable(type)}'.");
                }
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name} is not a Jupyter notebook ({e.Message}).");
        }
    }

    // nbformat stores a cell's source as one string or a list of lines (each with its newline).
    private static string Source(JsonElement cell, string name, int position)
    {
        if (!cell.TryGetProperty("source", out var source)) return "";
        if (source.ValueKind == JsonValueKind.String) return Normalised(source.GetString()!);
        if (source.ValueKind != JsonValueKind.Array) throw new FormatException($"{name}, cell {position}: its source is neither text nor a list of lines.");
        var text = new System.Text.StringBuilder();
        foreach (var line in source.EnumerateArray())
        {
            if (line.ValueKind != JsonValueKind.String) throw new FormatException($"{name}, cell {position}: a line of its source is not text.");
            text.Append(line.GetString());
        }
        return Normalised(text.ToString());
    }

    private static string Normalised(string source) => source.Replace("\r\n", "\n").Trim('\n');

    // The string at a path of object properties, or null when any step is missing or not of that kind.
    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    // A name from the file, shortened and kept to one line for the message.
    private static string Printable(string s)
    {
        var line = new string(s.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length <= 40 ? line : line[..40] + "…";
    }
}

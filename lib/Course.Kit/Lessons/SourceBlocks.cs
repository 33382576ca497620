namespace Course.Lessons;

/// <summary>
/// Reads a lesson app's source (what <c>course strip</c> generates, <c>LessonApp</c>) back into the notebook's
/// cells: a line <c>/*</c> opens a prose block in Markdown that a line <c>*/</c> closes; a line <c>Cell(n);</c>
/// starts the code of notebook cell n, which runs to the next block; the line <c>End();</c> ends the lesson (the
/// type declarations C# wants after the top-level code follow it and are not cells). Anything before the first block
/// is the app's header (directives, usings, <c>Begin()</c>). Compiled into Course.Kit (the app's page) and, linked,
/// into the engine, which grades an app as the notebook it was generated from.
/// </summary>
internal static class SourceBlocks
{
    /// <summary>A block: Markdown (<see cref="Cell"/> null) or the code of notebook cell <see cref="Cell"/>, starting
    /// at 1-based line <see cref="Line"/> of the file.</summary>
    public sealed record Block(int? Cell, string Text, int Line);

    /// <summary>The blocks of <paramref name="source"/> in order.</summary>
    public static IReadOnlyList<Block> Read(string source)
    {
        var blocks = new List<Block>();
        var lines = source.Replace("\r\n", "\n").Split('\n');
        int? cell = null;
        int startLine = 0;
        var text = new List<string>();
        bool inProse = false, started = false;
        void Flush()
        {
            if (started) blocks.Add(new Block(cell, string.Join("\n", text).Trim('\n'), startLine + text.TakeWhile(l => l.Trim().Length == 0).Count()));
            text.Clear();
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (inProse)
            {
                if (line == "*/") { Flush(); inProse = false; started = false; }
                else text.Add(line);
                continue;
            }
            if (line == "End();") break;
            if (line == "/*") { Flush(); inProse = true; started = true; cell = null; startLine = i + 2; continue; }
            if (line.StartsWith("Cell(", StringComparison.Ordinal) && line.EndsWith(");", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(5, line.Length - 7), out int number))
            {
                Flush();
                started = true;
                cell = number;
                startLine = i + 2;
                continue;
            }
            if (started) text.Add(line);
        }
        Flush();
        return blocks;
    }
}

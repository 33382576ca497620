using System.Text;
using System.Text.RegularExpressions;

namespace Course.Notebooks;

/// <summary>
/// Generates a learner notebook from its instructor version by replacing each marked solution region, as nbgrader's
/// ClearSolutions does: in code, the lines between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c> become
/// <c>throw new NotImplementedException();</c> at the same indentation; in markdown, the lines between
/// <c>&lt;!-- BEGIN SOLUTION --&gt;</c> and <c>&lt;!-- END SOLUTION --&gt;</c> become "*Your answer here.*".
/// Learner notebooks are never edited by hand; a test checks they equal the stripped solutions.
/// </summary>
public static partial class SolutionStripper
{
    /// <summary>Suffix of instructor notebooks: <c>01-kmeans.solution.dib</c> generates <c>01-kmeans.dib</c>.</summary>
    public const string SolutionSuffix = ".solution.dib";

    /// <summary>What a code solution region becomes (indented like the region).</summary>
    public const string Stub = "throw new NotImplementedException(); // your code here";

    /// <summary>The learner text for a solution notebook's text.</summary>
    /// <exception cref="FormatException">a region is not closed, or closed without being opened.</exception>
    public static string Strip(string solutionText, string name = "notebook")
    {
        var lines = solutionText.Replace("\r\n", "\n").Split('\n');
        var output = new StringBuilder();
        int? openedAt = null;
        string? openedStyle = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var begin = Begin().Match(line);
            var end = End().Match(line);
            if (openedAt is not null && line.StartsWith("#!", StringComparison.Ordinal))
                throw new FormatException($"{name}, line {i + 1}: a new cell starts inside the solution region opened at line {openedAt}; close it first.");
            if (begin.Success)
            {
                if (openedAt is not null) throw new FormatException($"{name}, line {i + 1}: BEGIN SOLUTION inside the region opened at line {openedAt}.");
                openedAt = i + 1;
                openedStyle = begin.Groups[2].Value;
                var indent = begin.Groups[1].Value;
                output.Append(begin.Groups[2].Value == "//" ? indent + Stub : $"{indent}*Your answer here.*").Append('\n');
                continue;
            }
            if (end.Success)
            {
                if (openedAt is null) throw new FormatException($"{name}, line {i + 1}: END SOLUTION without BEGIN SOLUTION.");
                if (end.Groups[1].Value != openedStyle) throw new FormatException($"{name}, line {i + 1}: the region opened with '{openedStyle}' at line {openedAt} is closed with '{end.Groups[1].Value}'.");
                openedAt = null;
                continue;
            }
            if (openedAt is null) output.Append(line).Append(i < lines.Length - 1 ? "\n" : "");
        }
        if (openedAt is not null) throw new FormatException($"{name}: the solution region opened at line {openedAt} is never closed.");
        return output.ToString();
    }

    /// <summary>The learner path for a solution path.</summary>
    public static string LearnerPath(string solutionPath) => solutionPath[..^SolutionSuffix.Length] + ".dib";

    /// <summary>Every solution notebook in a folder.</summary>
    public static IEnumerable<string> SolutionNotebooks(string folder) =>
        Directory.EnumerateFiles(folder, "*" + SolutionSuffix).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^(\s*)(//|<!--)\s*BEGIN SOLUTION\b")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*(//|<!--)\s*END SOLUTION\b")]
    private static partial Regex End();
}

namespace Course.Notebooks.Tests;

/// <summary>Lesson 01 notebooks as learners (honest or not) might hand them in, built from the kit's own two versions.</summary>
internal static class Lesson01Submissions
{
    public const string Assign = "int[] Assign(Matrix x, Matrix centroids)";
    public const string Update = "Matrix Update(Matrix x, int[] labels, int k)";
    public const string Lloyd = "(Matrix Centroids, int[] Labels, int Iterations) Lloyd(Matrix x, Matrix initial, int maxIterations)";
    public const string Seeding = "double[] SeedingProbabilities(Matrix x, Matrix chosen)";
    public const string SilhouetteOf = "double SilhouetteOf(Matrix x, int[] labels, int i)";
    public const string Representatives = "int[] Representatives(Matrix x, KMeansModel model)";
    public static readonly string[] Ids = ["01.1", "01.2", "01.3", "01.4", "01.5", "01.6", "01.7", "01.8"];

    public static string SolutionPath => Kit.SolutionNotebooks.Single(p => Path.GetFileName(p).StartsWith("01-"));
    public static string Solution => File.ReadAllText(SolutionPath);
    public static string Learner => File.ReadAllText(SolutionStripper.LearnerPath(SolutionPath));

    /// <summary><paramref name="text"/> with the body of the function declared by <paramref name="signature"/> replaced.</summary>
    public static string WithBody(string text, string signature, string body)
    {
        int at = text.IndexOf(signature, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the lesson no longer declares {signature}");
        int open = text.IndexOf('{', at), depth = 0, i = open;
        for (; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) break;
        }
        return text[..open] + "{\n" + body + "\n}" + text[(i + 1)..];
    }

    /// <summary><paramref name="text"/> with a code cell added just before the cell that holds <paramref name="marker"/>.</summary>
    public static string WithCellBefore(string text, string marker, string cell)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        int cellStart = text.LastIndexOf("#!csharp", at, StringComparison.Ordinal);
        return text[..cellStart] + "#!csharp\n\n" + cell + "\n\n" + text[cellStart..];
    }

    /// <summary><paramref name="text"/> with the check cell of <paramref name="id"/> replaced by <paramref name="cell"/>.</summary>
    public static string WithCheckCell(string text, string id, string cell)
    {
        int at = text.IndexOf($"// Check exercise {id}", StringComparison.Ordinal);
        int end = text.IndexOf("\n#!", at, StringComparison.Ordinal);
        return text[..at] + cell + "\n" + text[end..];
    }
}

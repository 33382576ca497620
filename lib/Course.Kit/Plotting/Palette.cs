namespace Course.Plotting;

/// <summary>Plotly's default qualitative colours, so a cluster drawn by hand (dendrogram, condensed tree) gets the
/// colour a scatter's trace of the same number gets automatically.</summary>
internal static class Palette
{
    private static readonly string[] Colors = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52"];

    /// <summary>The colour of cluster <paramref name="label"/> (cycling after ten).</summary>
    public static string Of(int label) => Colors[((label % Colors.Length) + Colors.Length) % Colors.Length];
}

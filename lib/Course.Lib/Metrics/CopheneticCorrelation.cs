using Course.Clustering;
using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// Cophenetic correlation coefficient: the Pearson correlation between the original pairwise distances and the
/// heights at which the tree first joins each pair (scipy's <c>cophenet</c>). Near 1, the dendrogram preserves the
/// data's distances well. Sokal and Rohlf, Taxon 11(2), 1962.
/// </summary>
public static class CopheneticCorrelation
{
    /// <summary>The coefficient for a tree built on the rows of <paramref name="x"/>. When every pairwise distance is
    /// the same (identical rows, say) the tree reproduces them exactly and the coefficient is 1, where the Pearson
    /// formula would divide 0 by 0 (scipy returns NaN).</summary>
    public static double Score(Matrix x, LinkageTree tree)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        ArgumentNullException.ThrowIfNull(tree);
        if (tree.N != x.Rows) throw new ArgumentException($"the tree has {tree.N} leaves but x has {x.Rows} rows.", nameof(tree));
        var d = PairwiseDistances.Condensed(x);
        var c = tree.CopheneticDistances();
        double md = d.Average(), mc = c.Average(), sdc = 0, sdd = 0, scc = 0;
        for (long i = 0; i < d.LongLength; i++)
        {
            double u = d[i] - md, v = c[i] - mc;
            sdc += u * v; sdd += u * u; scc += v * v;
        }
        if (sdd == 0 && scc == 0) return 1;
        if (sdd == 0 || scc == 0) return 0; // one side constant: no linear relation to measure
        return sdc / Math.Sqrt(sdd * scc);
    }
}

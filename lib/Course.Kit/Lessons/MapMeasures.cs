using Course.Classification;
using Course.Neighbors;

namespace Course.Lessons;

/// <summary>
/// What lesson 05 measures on a 2-D map (or any point set, n x d) to check what its prose says about it: how big a
/// group is, how far apart two groups are, how tightly points huddle, where a loop tears, whose neighbours are whose.
/// The methods measure; the lesson decides what the numbers mean. Every method refuses null, empty or non-finite
/// points and labels that do not match them, naming the argument.
/// </summary>
public static class MapMeasures
{
    /// <summary>The RMS distance of the points to their centre: all of them, or those whose label is
    /// <paramref name="label"/>.</summary>
    /// <param name="points">n x d.</param>
    /// <param name="labels">One per point; required with <paramref name="label"/>.</param>
    /// <param name="label">The group to measure; null for all the points.</param>
    /// <exception cref="ArgumentException">No point has the label, or the labels do not match the points.</exception>
    public static double Spread(Matrix points, IReadOnlyList<int>? labels = null, int? label = null)
    {
        var rows = Rows(points, labels, label);
        var centre = Centre(points, rows);
        return Math.Sqrt(rows.Average(i => Compute.Distance.Squared(points.Row(i), centre)));
    }

    /// <summary>The distance between the centres of groups <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">A group has no point, or the labels do not match the points.</exception>
    public static double CentreGap(Matrix points, IReadOnlyList<int> labels, int a, int b) =>
        Compute.Distance.Euclidean(Centre(points, Rows(points, labels, a)), Centre(points, Rows(points, labels, b)));

    /// <summary>The distances between the centres of groups 0 … <paramref name="groups"/> − 1, each pair once
    /// (0–1, 0–2, …, 1–2, …): the arrangement of the groups, comparable between two maps.</summary>
    /// <exception cref="ArgumentException">A group has no point, or the labels do not match the points.</exception>
    public static double[] CentreDistances(Matrix points, IReadOnlyList<int> labels, int groups)
    {
        var centres = Enumerable.Range(0, groups).Select(g => Centre(points, Rows(points, labels, g))).ToArray();
        return [.. from a in Enumerable.Range(0, groups) from b in Enumerable.Range(a + 1, groups - a - 1)
                   select Compute.Distance.Euclidean(centres[a], centres[b])];
    }

    /// <summary>How tightly points huddle: the mean distance to the nearest neighbour over the
    /// <see cref="Spread(Matrix, IReadOnlyList{int}?, int?)"/> of the whole set. Unchanged by scaling the map, so
    /// maps drawn at different scales compare.</summary>
    public static double Huddle(Matrix points)
    {
        Check(points);
        return NeighborIndex.Build(points).KNeighbors(1).Distances.Average() / Spread(points);
    }

    /// <summary>The tears in a loop stored as rows <paramref name="first"/> … <paramref name="first"/> +
    /// <paramref name="count"/> − 1 in order along it: steps between consecutive rows (wrapping round) longer than
    /// 5 times the median step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the map, or count is below 3.</exception>
    public static int Tears(Matrix map, int first, int count)
    {
        Check(map);
        if (count < 3 || first < 0 || first + count > map.Rows)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a loop of at least 3 rows inside the map's {map.Rows}, from row {first}.");
        var steps = Enumerable.Range(0, count)
            .Select(i => Compute.Distance.Euclidean(map.Row(first + i), map.Row(first + (i + 1) % count))).ToArray();
        double typical = steps.Order().ElementAt(count / 2);
        return steps.Count(step => step > 5 * typical);
    }

    /// <summary>Over the points <paramref name="among"/> selects, the mean share of their <paramref name="k"/>
    /// nearest neighbours j (itself excluded) for which <paramref name="counts"/>(i, j) holds.</summary>
    /// <exception cref="ArgumentException">No point is selected.</exception>
    public static double NeighbourShare(Matrix map, int k, Func<int, bool> among, Func<int, int, bool> counts)
    {
        Check(map);
        ArgumentNullException.ThrowIfNull(among);
        ArgumentNullException.ThrowIfNull(counts);
        var neighbours = NeighborIndex.Build(map).KNeighbors(k).ToArrays();
        var chosen = Enumerable.Range(0, map.Rows).Where(among).ToArray();
        if (chosen.Length == 0) throw new ArgumentException("no point is selected.", nameof(among));
        return chosen.Average(i => neighbours[i].Count(j => counts(i, j)) / (double)k);
    }

    /// <summary>The accuracy of a <paramref name="k"/>-nearest-neighbour vote in the map: fitted on the even rows,
    /// scored on the odd ones (so every label appears on both sides in interleaved data).</summary>
    public static double NeighbourVote(Matrix map, IReadOnlyList<int> labels, int k = 5)
    {
        Rows(map, labels, null);
        var fit = Enumerable.Range(0, map.Rows).Where(i => i % 2 == 0).ToArray();
        var check = Enumerable.Range(0, map.Rows).Where(i => i % 2 == 1).ToArray();
        return new KNeighborsClassifier(k).Fit(map.SelectRows(fit), [.. fit.Select(i => labels[i])])
            .Score(map.SelectRows(check), [.. check.Select(i => labels[i])]);
    }

    private static void Check(Matrix points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Rows == 0 || points.Cols == 0) throw new ArgumentException("the map has no points.", nameof(points));
        if (!points.Data.All(double.IsFinite)) throw new ArgumentException("every coordinate must be finite.", nameof(points));
    }

    private static int[] Rows(Matrix points, IReadOnlyList<int>? labels, int? label)
    {
        Check(points);
        if (labels is not null && labels.Count != points.Rows)
            throw new ArgumentException($"one label per point ({points.Rows}); there are {labels.Count}.", nameof(labels));
        if (label is null) return [.. Enumerable.Range(0, points.Rows)];
        if (labels is null) throw new ArgumentNullException(nameof(labels), "a group needs the labels.");
        var rows = Enumerable.Range(0, points.Rows).Where(i => labels[i] == label).ToArray();
        return rows.Length > 0 ? rows : throw new ArgumentException($"no point has the label {label}.", nameof(label));
    }

    private static double[] Centre(Matrix points, int[] rows) =>
        [.. Enumerable.Range(0, points.Cols).Select(c => rows.Average(i => points[i, c]))];
}

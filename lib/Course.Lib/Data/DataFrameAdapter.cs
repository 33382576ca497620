using Microsoft.Data.Analysis;

namespace Course.Data;

/// <summary>Conversions between the kit's <see cref="Matrix"/> and <c>Microsoft.Data.Analysis.DataFrame</c>.</summary>
public static class DataFrameAdapter
{
    /// <summary>A DataFrame with one double column per matrix column, plus an optional integer label column.</summary>
    public static DataFrame ToDataFrame(this Matrix x, IReadOnlyList<string>? columnNames = null, IReadOnlyList<int>? labels = null, string labelColumn = "label")
    {
        ArgumentNullException.ThrowIfNull(x);
        if (columnNames is not null && columnNames.Count != x.Cols)
            throw new ArgumentException($"columnNames has {columnNames.Count} names but the matrix has {x.Cols} columns.", nameof(columnNames));
        if (labels is not null) Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        var columns = new List<DataFrameColumn>();
        for (int j = 0; j < x.Cols; j++) columns.Add(new DoubleDataFrameColumn(columnNames?[j] ?? $"x{j}", x.Column(j)));
        if (labels is not null) columns.Add(new Int32DataFrameColumn(labelColumn, labels));
        return new DataFrame(columns);
    }

    /// <summary>The named numeric columns (all numeric columns when none are named) as an n x d matrix.</summary>
    /// <exception cref="ArgumentException">a column is missing, not numeric, or has a missing value.</exception>
    public static Matrix ToMatrix(this DataFrame frame, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        var selected = columns.Length > 0
            ? columns.Select(c => frame.Columns.IndexOf(c) >= 0 ? frame.Columns[c] : throw new ArgumentException($"no column named '{c}'; columns are: {string.Join(", ", frame.Columns.Select(k => k.Name))}.", nameof(columns))).ToList()
            : frame.Columns.Where(c => IsNumeric(c.DataType)).ToList();
        if (selected.Count == 0) throw new ArgumentException("the frame has no numeric columns.", nameof(frame));
        var m = new Matrix((int)frame.Rows.Count, selected.Count);
        for (int j = 0; j < selected.Count; j++)
        {
            var col = selected[j];
            if (!IsNumeric(col.DataType)) throw new ArgumentException($"column '{col.Name}' is {col.DataType.Name}, not numeric.", nameof(columns));
            for (long i = 0; i < col.Length; i++)
            {
                var v = col[i] ?? throw new ArgumentException($"column '{col.Name}' has a missing value at row {i}.", nameof(frame));
                m[(int)i, j] = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        Guard.Finite(m.Data, nameof(frame), m.Cols);
        return m;
    }

    private static bool IsNumeric(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long)
        || t == typeof(short) || t == typeof(byte) || t == typeof(decimal) || t == typeof(uint) || t == typeof(ulong);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Course;

/// <summary>
/// The kit's one matrix type: <c>Rows x Cols</c> doubles stored row-major in one contiguous array.
/// </summary>
/// <remarks>
/// Why this shape: a SIMD kernel takes a row as a <see cref="ReadOnlySpan{T}"/> with no copy
/// (<see cref="Row(int)"/>), <c>Parallel.For</c> over rows touches disjoint memory, and TorchSharp copies the whole
/// buffer in one block (the neural layer's <c>TensorAdapter</c>) instead of element by element. It is deliberately a
/// thin container, not a linear-algebra library: the algorithms use <c>TensorPrimitives</c>, MathNet or
/// <c>torch.linalg</c> on its storage, whichever measures fastest for the job. Doubles, because scikit-learn computes
/// in float64 and the tests compare with it; the neural lessons convert to float32 tensors at the boundary.
/// </remarks>
public sealed class Matrix
{
    /// <summary>The storage, row-major: element (i, j) is at <c>i * Cols + j</c>.</summary>
    public double[] Data { get; }
    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }
    /// <summary>Number of columns (features).</summary>
    public int Cols { get; }

    /// <summary>A zero matrix of the given shape.</summary>
    public Matrix(int rows, int cols)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be >= 0.");
        if (cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "cols must be >= 0.");
        // A product beyond one array would otherwise surface as an OverflowException that names no argument.
        if ((long)rows * cols > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"a {rows} x {cols} matrix has {(long)rows * cols:N0} entries, more than one .NET array holds ({Array.MaxLength:N0}).");
        Rows = rows; Cols = cols; Data = new double[rows * cols];
    }

    /// <summary>Wraps <paramref name="data"/> (no copy) as a <c>rows x cols</c> matrix.</summary>
    public Matrix(int rows, int cols, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be >= 0.");
        if (cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "cols must be >= 0.");
        if (data.Length != (long)rows * cols)
            throw new ArgumentException($"data has {data.Length} elements but a {rows}x{cols} matrix needs {(long)rows * cols}.", nameof(data));
        Rows = rows; Cols = cols; Data = data;
    }

    /// <summary>Copies jagged rows into a matrix; rows must all have the same length.</summary>
    /// <exception cref="ArgumentException">a row is null or has a different length (ragged rows).</exception>
    public static Matrix FromRows(IReadOnlyList<double[]> rows, string paramName = "rows")
    {
        ArgumentNullException.ThrowIfNull(rows, paramName);
        if (rows.Count == 0) return new Matrix(0, 0);
        int cols = rows[0]?.Length ?? throw new ArgumentException("row 0 is null.", paramName);
        var m = new Matrix(rows.Count, cols);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i] ?? throw new ArgumentException($"row {i} is null.", paramName);
            if (r.Length != cols)
                throw new ArgumentException($"ragged rows: row 0 has {cols} values but row {i} has {r.Length}.", paramName);
            r.CopyTo(m.Data, i * cols);
        }
        return m;
    }

    /// <summary>Copies a rectangular array into a matrix.</summary>
    public static Matrix FromArray(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new Matrix(values.GetLength(0), values.GetLength(1));
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length).CopyTo(m.Data);
        return m;
    }

    /// <summary>Element (i, j).</summary>
    /// <exception cref="ArgumentOutOfRangeException">i or j is outside the matrix (a swapped index would otherwise
    /// silently read the next row).</exception>
    public double this[int i, int j]
    {
        get { Check(i, j); return Data[i * Cols + j]; }
        set { Check(i, j); Data[i * Cols + j] = value; }
    }

    private void Check(int i, int j)
    {
        if ((uint)i >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(i), i, $"row index {i} is outside 0..{Rows - 1}.");
        if ((uint)j >= (uint)Cols) throw new ArgumentOutOfRangeException(nameof(j), j, $"column index {j} is outside 0..{Cols - 1}.");
    }

    /// <summary>Row <paramref name="i"/> as a span over the storage (no copy).</summary>
    public Span<double> Row(int i)
    {
        if ((uint)i >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(i), i, $"row index {i} is outside 0..{Rows - 1}.");
        return Data.AsSpan(i * Cols, Cols);
    }

    /// <summary>Column <paramref name="j"/> copied into a new array.</summary>
    public double[] Column(int j)
    {
        if ((uint)j >= (uint)Cols) throw new ArgumentOutOfRangeException(nameof(j), j, $"column index {j} is outside 0..{Cols - 1}.");
        var c = new double[Rows];
        for (int i = 0; i < Rows; i++) c[i] = Data[i * Cols + j];
        return c;
    }

    /// <summary>The rows listed in <paramref name="indices"/>, copied in that order.</summary>
    /// <exception cref="ArgumentNullException">indices is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">an index is outside 0..Rows-1.</exception>
    public Matrix SelectRows(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        for (int k = 0; k < indices.Count; k++)
            if ((uint)indices[k] >= (uint)Rows)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"indices[{k}] = {indices[k]} is outside 0..{Rows - 1}.");
        var m = new Matrix(indices.Count, Cols);
        for (int k = 0; k < indices.Count; k++) Row(indices[k]).CopyTo(m.Row(k));
        return m;
    }

    /// <summary>A copy of a contiguous run of rows: <c>x[..8000]</c>, <c>x[8000..]</c>, <c>x[100..200]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the range lies outside 0..Rows (ParamName "rows").</exception>
    public Matrix this[Range rows]
    {
        get
        {
            int start = rows.Start.GetOffset(Rows), end = rows.End.GetOffset(Rows);
            if (start < 0 || end > Rows || start > end)
                throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows {rows} lie outside 0..{Rows} (the matrix has {Rows} rows).");
            return new Matrix(end - start, Cols, Data.AsSpan(start * Cols, (end - start) * Cols).ToArray());
        }
    }

    /// <summary>The mean of each column (d values). The kit's one implementation: centring, scaling and every
    /// estimator that works on centred data use it.</summary>
    /// <exception cref="InvalidOperationException">the matrix has no rows.</exception>
    public double[] ColumnMeans()
    {
        if (Rows == 0) throw new InvalidOperationException("an empty matrix has no column means.");
        var mean = new double[Cols];
        for (int i = 0; i < Rows; i++) System.Numerics.Tensors.TensorPrimitives.Add(mean, Row(i), mean);
        System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1.0 / Rows, mean);
        return mean;
    }

    /// <summary>The transpose, a new Cols x Rows matrix.</summary>
    /// <remarks>In blocks of 32 x 32 so that both the rows read and the rows written stay in cache (a plain double
    /// loop writes one value per cache line of the output).</remarks>
    public Matrix Transpose()
    {
        const int B = 32;
        var t = new Matrix(Cols, Rows);
        for (int i0 = 0; i0 < Rows; i0 += B)
            for (int j0 = 0; j0 < Cols; j0 += B)
            {
                int i1 = Math.Min(Rows, i0 + B), j1 = Math.Min(Cols, j0 + B);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) t.Data[(long)j * Rows + i] = Data[(long)i * Cols + j];
            }
        return t;
    }

    /// <summary>A copy with <paramref name="v"/> (Cols values) subtracted from every row: centring, when v is the column means.</summary>
    public Matrix SubtractFromRows(ReadOnlySpan<double> v) => ShiftRows(v, -1);

    /// <summary>A copy with <paramref name="v"/> (Cols values) added to every row: undoes <see cref="SubtractFromRows"/>.</summary>
    public Matrix AddToRows(ReadOnlySpan<double> v) => ShiftRows(v, +1);

    private Matrix ShiftRows(ReadOnlySpan<double> v, int sign)
    {
        if (v.Length != Cols) throw new ArgumentException($"the shift has {v.Length} values but the matrix has {Cols} columns.", nameof(v));
        // One pass (no copy first), blocks of rows in parallel, into memory that is not zeroed first: centring the
        // 100,000 x 50 K-means benchmark data took 7.5 ms as a copy and then a serial pass (tests/Course.Benchmarks).
        var r = new Matrix(Rows, Cols, GC.AllocateUninitializedArray<double>(Data.Length));
        var shift = v.ToArray();
        const int Block = 2048;
        Parallel.For(0, (Rows + Block - 1) / Block, b =>
        {
            for (int i = b * Block, end = Math.Min(Rows, i + Block); i < end; i++)
                if (sign > 0) System.Numerics.Tensors.TensorPrimitives.Add(Row(i), shift, r.Row(i));
                else System.Numerics.Tensors.TensorPrimitives.Subtract(Row(i), shift, r.Row(i));
        });
        return r;
    }

    /// <summary>A deep copy.</summary>
    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());

    /// <summary>The rows as jagged arrays (a copy), e.g. for JSON or for Plotly.</summary>
    public double[][] ToRows()
    {
        var r = new double[Rows][];
        for (int i = 0; i < Rows; i++) r[i] = Row(i).ToArray();
        return r;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Matrix {Rows}x{Cols}";
}

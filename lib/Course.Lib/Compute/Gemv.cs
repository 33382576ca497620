using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;

namespace Course.Compute;

/// <summary>
/// The matrix-vector product y = A x (BLAS's GEMV) for a row-major matrix: the step of a Krylov eigensolver, where
/// one product reads the whole matrix for one value per row, so speed is set by memory rather than arithmetic.
/// </summary>
/// <remarks>Four rows at a time share each load of x and keep four independent sums, so the loop is limited by
/// reading A, not by the latency of one chain of multiply-adds: 118 products with a 2,000 x 2,000 matrix took about
/// 150 ms with one <c>TensorPrimitives.Dot</c> per row, 45-63 ms here, 35-40 ms with <see cref="TimesSymmetric"/>, and
/// 34 ms under numpy on OpenBLAS on the same machine (lib/TOOLCHAIN.md). Each y[i] is summed in a fixed order
/// whatever the thread, so the result does not depend on the core count.</remarks>
internal static class Gemv
{
    // Below this many entries a product is not worth handing to other threads.
    private const long ParallelEntries = 1 << 18;
    private const int RowsPerTask = 128;
    // Vector<double>, not Vector512: the loops wait on memory, and the 256-bit vectors were as fast here (25-33 ms
    // against 32-37 ms for 118 symmetric products of 2,000 x 2,000) while also serving Arm's 128-bit ones.
    private static readonly nuint W = (nuint)Vector<double>.Count;

    /// <summary>Writes <c>y[i] = a.Row(i) · x</c> for the first <paramref name="rows"/> rows of
    /// <paramref name="a"/>.</summary>
    /// <exception cref="ArgumentException">x is not a.Cols long, rows is out of range, or y is too short.</exception>
    public static void Times(Matrix a, int rows, double[] x, double[] y)
    {
        if (x.Length != a.Cols) throw new ArgumentException($"x has {x.Length} values but a has {a.Cols} columns.", nameof(x));
        if (rows < 0 || rows > a.Rows) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"a has {a.Rows} rows.");
        if (y.Length < rows) throw new ArgumentException($"y has {y.Length} values for {rows} rows.", nameof(y));
        if ((long)rows * a.Cols < ParallelEntries) Rows(a, 0, rows, x, y);
        else Parallel.For(0, (rows + RowsPerTask - 1) / RowsPerTask, t => Rows(a, t * RowsPerTask, Math.Min(rows, (t + 1) * RowsPerTask), x, y));
    }

    // A symmetric product splits its rows into this many chunks whatever the core count, each summing into its own
    // vector, added in a fixed order: the result does not depend on the machine.
    private const int SymmetricChunks = 8;

    /// <summary>The scratch <see cref="TimesSymmetric"/> needs for an n x n matrix: one vector per chunk of rows,
    /// allocated once by an iterative caller rather than at every product (at 118 products of 2,000 x 2,000 that
    /// was 15 MB a fit and seven collections of the young generation).</summary>
    public static double[] SymmetricScratch(int n) => new double[SymmetricChunks * n];

    /// <summary>Writes <c>y = a x</c> for a symmetric <paramref name="a"/> (n x n) reading only its lower triangle
    /// (BLAS's SYMV): each value below the diagonal serves row i's sum and, as a<sub>ji</sub>, row j's, so the
    /// matrix is read half as much as by <see cref="Times"/>, which is what a product that waits on memory costs.</summary>
    /// <param name="a">The matrix; values above the diagonal are not read.</param>
    /// <param name="x">The vector, n values.</param>
    /// <param name="y">The result, at least n values; its old values are overwritten.</param>
    /// <param name="scratch">From <see cref="SymmetricScratch"/>.</param>
    /// <exception cref="ArgumentException">a is not square, x is not n long, y or scratch is too short.</exception>
    public static void TimesSymmetric(Matrix a, double[] x, double[] y, double[] scratch)
    {
        int n = a.Rows;
        if (a.Cols != n) throw new ArgumentException($"a is {a.Rows} x {a.Cols}, not square.", nameof(a));
        if (x.Length != n) throw new ArgumentException($"x has {x.Length} values but a has {n} columns.", nameof(x));
        if (y.Length < n) throw new ArgumentException($"y has {y.Length} values for {n} rows.", nameof(y));
        if (scratch.Length < (long)SymmetricChunks * n) throw new ArgumentException($"scratch has {scratch.Length} values, not {SymmetricChunks} x {n}.", nameof(scratch));
        if ((long)n * n < 2 * ParallelEntries) { Array.Clear(y, 0, n); LowerRows(a, 0, n, x, y.AsSpan(0, n)); return; }
        // Chunk c holds rows n √(c / C) .. n √((c + 1) / C), an equal share of the triangle each.
        Parallel.For(0, SymmetricChunks, c =>
        {
            int from = (int)(n * Math.Sqrt((double)c / SymmetricChunks)), to = (int)(n * Math.Sqrt((double)(c + 1) / SymmetricChunks));
            var partial = scratch.AsSpan(c * n, n);
            partial.Clear();
            LowerRows(a, from, c == SymmetricChunks - 1 ? n : to, x, partial);
        });
        scratch.AsSpan(0, n).CopyTo(y);
        for (int c = 1; c < SymmetricChunks; c++) System.Numerics.Tensors.TensorPrimitives.Add<double>(y.AsSpan(0, n), scratch.AsSpan(c * n, n), y.AsSpan(0, n));
    }

    // y[i] += a[i, 0..i] · x[0..i] and y[0..i) += a[i, 0..i) x[i] for rows from..to, y holding the sums so far. Four
    // rows at a time share each load and store of x and y below the first of them; the small triangle among the four
    // is done one value at a time.
    private static void LowerRows(Matrix a, int from, int to, double[] x, Span<double> y)
    {
        int n = a.Cols, i = from;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        for (; i + 4 <= to; i += 4)
        {
            ref double r0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a.Data), (nint)((long)i * n));
            ref double r1 = ref Unsafe.Add(ref r0, n);
            ref double r2 = ref Unsafe.Add(ref r1, n);
            ref double r3 = ref Unsafe.Add(ref r2, n);
            double x0i = x[i], x1i = x[i + 1], x2i = x[i + 2], x3i = x[i + 3], t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            nuint q = 0, end = (nuint)i;
            if (Vector.IsHardwareAccelerated)
            {
                Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
                Vector<double> c0 = new(x0i), c1 = new(x1i), c2 = new(x2i), c3 = new(x3i);
                for (; q + W <= end; q += W)
                {
                    var a0 = Vector.LoadUnsafe(ref r0, q);
                    var a1 = Vector.LoadUnsafe(ref r1, q);
                    var a2 = Vector.LoadUnsafe(ref r2, q);
                    var a3 = Vector.LoadUnsafe(ref r3, q);
                    var xq = Vector.LoadUnsafe(ref x0, q);
                    s0 = Vector.FusedMultiplyAdd(a0, xq, s0);
                    s1 = Vector.FusedMultiplyAdd(a1, xq, s1);
                    s2 = Vector.FusedMultiplyAdd(a2, xq, s2);
                    s3 = Vector.FusedMultiplyAdd(a3, xq, s3);
                    var yq = Vector.LoadUnsafe(ref y0, q);
                    yq = Vector.FusedMultiplyAdd(a0, c0, yq);
                    yq = Vector.FusedMultiplyAdd(a1, c1, yq);
                    yq = Vector.FusedMultiplyAdd(a2, c2, yq);
                    Vector.FusedMultiplyAdd(a3, c3, yq).StoreUnsafe(ref y0, q);
                }
                t0 = Vector.Sum(s0); t1 = Vector.Sum(s1); t2 = Vector.Sum(s2); t3 = Vector.Sum(s3);
            }
            for (; q < end; q++)
            {
                double a0 = Unsafe.Add(ref r0, q), a1 = Unsafe.Add(ref r1, q), a2 = Unsafe.Add(ref r2, q), a3 = Unsafe.Add(ref r3, q), xq = Unsafe.Add(ref x0, q);
                t0 += a0 * xq; t1 += a1 * xq; t2 += a2 * xq; t3 += a3 * xq;
                Unsafe.Add(ref y0, q) += a0 * x0i + a1 * x1i + a2 * x2i + a3 * x3i;
            }
            y[i] += t0; y[i + 1] += t1; y[i + 2] += t2; y[i + 3] += t3;
            for (int r = 0; r < 4; r++) LowerTriangle(a, i + r, i, x, y);
        }
        for (; i < to; i++) LowerTriangle(a, i, 0, x, y);
    }

    // Row i's values from column `from` to the diagonal, one at a time.
    private static void LowerTriangle(Matrix a, int i, int from, double[] x, Span<double> y)
    {
        var row = a.Row(i);
        double xi = x[i], sum = row[i] * xi;
        for (int q = from; q < i; q++) { sum += row[q] * x[q]; y[q] += row[q] * xi; }
        y[i] += sum;
    }

    private static void Rows(Matrix a, int from, int to, double[] x, double[] y)
    {
        int d = a.Cols, i = from;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        for (; i + 4 <= to; i += 4)
        {
            ref double r0 = ref MemoryMarshal.GetArrayDataReference(a.Data);
            r0 = ref Unsafe.Add(ref r0, (nint)((long)i * d));
            ref double r1 = ref Unsafe.Add(ref r0, d);
            ref double r2 = ref Unsafe.Add(ref r1, d);
            ref double r3 = ref Unsafe.Add(ref r2, d);
            nuint q = 0, end = (nuint)d;
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            if (Vector.IsHardwareAccelerated)
            {
                Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (; q + W <= end; q += W)
                {
                    var xv = Vector.LoadUnsafe(ref x0, q);
                    s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r0, q), xv, s0);
                    s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r1, q), xv, s1);
                    s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r2, q), xv, s2);
                    s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r3, q), xv, s3);
                }
                t0 = Vector.Sum(s0); t1 = Vector.Sum(s1); t2 = Vector.Sum(s2); t3 = Vector.Sum(s3);
            }
            for (; q < end; q++)
            {
                double xq = Unsafe.Add(ref x0, q);
                t0 += Unsafe.Add(ref r0, q) * xq; t1 += Unsafe.Add(ref r1, q) * xq; t2 += Unsafe.Add(ref r2, q) * xq; t3 += Unsafe.Add(ref r3, q) * xq;
            }
            y[i] = t0; y[i + 1] = t1; y[i + 2] = t2; y[i + 3] = t3;
        }
        for (; i < to; i++) y[i] = Distance.Dot(a.Row(i), x);
    }
}

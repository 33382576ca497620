using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Course.Compute;

/// <summary>
/// The dot products of a block of rows of one matrix with a block of rows of another, <c>c[i, j] = aᵢ · bⱼ</c>: the
/// matrix product A Bᵀ of two row-major blocks, single-threaded, for callers that parallelise over blocks.
/// </summary>
/// <remarks>
/// Why hand-written (measured on the 10,000 x 784 Fashion-MNIST subset, 2-core AMD EPYC with AVX-512, all 10⁸ dot
/// products): one <c>TensorPrimitives.Dot</c> per entry 14-18 s; libtorch's float64 <c>matmul</c> (the backend the
/// lessons use) 9.3 s; OpenBLAS's dgemm under numpy 1.65 s; the dot-product kernel here 1.5-1.8 s; the broadcast
/// kernel on packed rows about 0.9 s. Three kernels:
/// <list type="bullet">
/// <item>with 512-bit vectors, on <see cref="PackedRows"/>: each step loads one column of 24 rows of b as three vectors
/// and multiplies them by eight values of a broadcast one at a time, 24 fused multiply-adds into 24 accumulators for
/// 3 vector loads and 8 broadcasts, and no sums across a vector at the end (the block of c is stored as it is
/// held);</item>
/// <item>with 256-bit vectors only (AVX2, 16 registers), the same layout eight columns by four rows at a time, so
/// nothing spills: with AVX-512 switched off (<c>DOTNET_EnableAVX512=0</c>) the Fashion-MNIST silhouette took 1.1 s
/// against 1.6 s with the row kernel below;</item>
/// <item>the row kernel, for rows as they are (and on Arm): four rows of a and four of b are loaded once per step and
/// update 16 accumulators, one fused multiply-add per load; the 4 + 4 rows (25 KB at 784 columns) stay in the
/// level-1 cache for the whole pass.</item>
/// </list>
/// The sums are ordinary floating-point dot products (about d·2⁻⁵³ relative to |a||b|), not exactly rounded.
/// </remarks>
public static class DotTiles
{
    /// <summary>Writes <c>c[(i − aStart)·ldc + (j − bStart)] = a.Row(i) · b.Row(j)</c> for <paramref name="aRows"/>
    /// rows of <paramref name="a"/> from <paramref name="aStart"/> and <paramref name="bRows"/> rows of
    /// <paramref name="b"/> from <paramref name="bStart"/>.</summary>
    /// <exception cref="ArgumentException">the matrices differ in columns, a block is out of range, or c is too short.</exception>
    public static void Products(Matrix a, int aStart, int aRows, Matrix b, int bStart, int bRows, Span<double> c, int ldc)
        => Products(a, aStart, aRows, b, bStart, bRows, c, ldc, Vector512.IsHardwareAccelerated);

    /// <summary>The same with 512-bit vectors or with <see cref="Vector{T}"/>, so tests reach both paths.</summary>
    internal static void Products(Matrix a, int aStart, int aRows, Matrix b, int bStart, int bRows, Span<double> c, int ldc, bool wideVectors)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Cols != b.Cols) throw new ArgumentException($"b has {b.Cols} columns but a has {a.Cols}.", nameof(b));
        if (aStart < 0 || aRows < 0 || aStart + aRows > a.Rows) throw new ArgumentException($"rows {aStart}..{aStart + aRows} are outside a's {a.Rows}.", nameof(aRows));
        if (bStart < 0 || bRows < 0 || bStart + bRows > b.Rows) throw new ArgumentException($"rows {bStart}..{bStart + bRows} are outside b's {b.Rows}.", nameof(bRows));
        if (ldc < bRows || (aRows > 0 && c.Length < (long)(aRows - 1) * ldc + bRows)) throw new ArgumentException("c is too short for the block.", nameof(c));
        int k = a.Cols;
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(a.Data);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(b.Data);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        // b's four rows stay in the level-1 cache while a's block (a few hundred KB for the tiles callers use) passes
        // from the level-2 cache: b outer, a inner.
        int j = 0;
        for (; j + 4 <= bRows; j += 4)
            for (int i = 0; i + 4 <= aRows; i += 4)
            {
                nuint ao = (nuint)((long)(aStart + i) * k), bo = (nuint)((long)(bStart + j) * k), co = (nuint)((long)i * ldc + j);
                if (wideVectors) Four512(ref Unsafe.Add(ref a0, ao), ref Unsafe.Add(ref b0, bo), k, ref Unsafe.Add(ref c0, co), ldc);
                else FourVector(ref Unsafe.Add(ref a0, ao), ref Unsafe.Add(ref b0, bo), k, ref Unsafe.Add(ref c0, co), ldc);
            }
        // The rows of a and b left over from the blocks of four.
        int iTail = aRows - aRows % 4;
        for (int i = 0; i < aRows; i++)
        {
            var ai = a.Row(aStart + i);
            for (int jj = i < iTail ? j : 0; jj < bRows; jj++) c[i * ldc + jj] = Distance.Dot(ai, b.Row(bStart + jj));
        }
    }

    /// <summary>Whether <see cref="Products(PackedRows, int, int, PackedRows, int, int, Span{double}, int)"/> is the
    /// fast one here: the processor has 512-bit or 256-bit vectors (x86-64 with AVX-512 or AVX2). Elsewhere (Arm)
    /// .NET emulates them, correctly but slowly, and the row kernel is used.</summary>
    public static bool PackedKernel => Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;

    /// <summary>Writes <c>c[(i − aStart)·ldc + (j − bStart)] = aᵢ · bⱼ</c> for the rows of two packed matrices, for
    /// <paramref name="aRows"/> and <paramref name="bRows"/> rounded up to multiples of <see cref="PackedRows.Panel"/>:
    /// the extra entries are products with the next rows of the panel, or 0 past the matrix's last row.</summary>
    /// <exception cref="ArgumentException">starts not multiples of the panel, blocks out of range, c too short.</exception>
    internal static void Products(PackedRows a, int aStart, int aRows, PackedRows b, int bStart, int bRows, Span<double> c, int ldc)
        => Products(a, aStart, aRows, b, bStart, bRows, c, ldc, wideVectors: Vector512.IsHardwareAccelerated);

    /// <summary>The same with the 512-bit or the 256-bit kernel, so tests reach both.</summary>
    internal static void Products(PackedRows a, int aStart, int aRows, PackedRows b, int bStart, int bRows, Span<double> c, int ldc, bool wideVectors)
    {
        const int P = PackedRows.Panel;
        if (a.Cols != b.Cols) throw new ArgumentException($"b has {b.Cols} columns but a has {a.Cols}.", nameof(b));
        if (aStart % P != 0 || aStart < 0 || aRows < 0 || aStart + aRows > a.Rows) throw new ArgumentException($"rows {aStart}..{aStart + aRows} of a are not a block of whole panels.", nameof(aStart));
        if (bStart % P != 0 || bStart < 0 || bRows < 0 || bStart + bRows > b.Rows) throw new ArgumentException($"rows {bStart}..{bStart + bRows} of b are not a block of whole panels.", nameof(bStart));
        int ni = (aRows + P - 1) / P * P, nj = (bRows + P - 1) / P * P, k = a.Cols;
        if (ldc < nj || (ni > 0 && c.Length < (long)(ni - 1) * ldc + nj)) throw new ArgumentException("c is too short for the block rounded up to whole panels.", nameof(c));
        ref double pa = ref MemoryMarshal.GetArrayDataReference(a.Data);
        ref double pb = ref MemoryMarshal.GetArrayDataReference(b.Data);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        // 24 columns of c (three panels of b) at a time, then the panels left over one at a time; for each, every
        // panel of a's rows.
        int j = 0;
        bool three = false;
        for (; j < nj; j += three ? 3 * P : P)
        {
            three = wideVectors && j + 3 * P <= nj;
            ref double bj = ref Unsafe.Add(ref pb, (nint)((long)(bStart + j) * k));
            for (int i = 0; i < ni; i += P)
            {
                ref double ai = ref Unsafe.Add(ref pa, (nint)((long)(aStart + i) * k));
                ref double ci = ref Unsafe.Add(ref c0, (nint)((long)i * ldc + j));
                if (!wideVectors) Broadcast8x4(ref ai, ref bj, k, ref ci, ldc);
                else if (three) Broadcast24(ref ai, ref bj, k, ref ci, ldc);
                else Broadcast8(ref ai, ref bj, k, ref ci, ldc);
            }
        }
    }

    // c[r, 0..24) = Σ_q a[q, r] b[q, 0..24) for one panel of a (8 rows) and three consecutive panels of b.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Broadcast24(ref double a, ref double b, int k, ref double c, int ldc)
    {
        Vector512<double> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default, x6 = default, x7 = default,
            y0 = default, y1 = default, y2 = default, y3 = default, y4 = default, y5 = default, y6 = default, y7 = default,
            z0 = default, z1 = default, z2 = default, z3 = default, z4 = default, z5 = default, z6 = default, z7 = default;
        nuint end = (nuint)k * 8;
        ref double b1 = ref Unsafe.Add(ref b, end);
        ref double b2 = ref Unsafe.Add(ref b, 2 * end);
        for (nuint q = 0; q < end; q += 8)
        {
            var v0 = Vector512.LoadUnsafe(ref b, q);
            var v1 = Vector512.LoadUnsafe(ref b1, q);
            var v2 = Vector512.LoadUnsafe(ref b2, q);
            var s = Vector512.Create(Unsafe.Add(ref a, q)); x0 = Vector512.FusedMultiplyAdd(s, v0, x0); y0 = Vector512.FusedMultiplyAdd(s, v1, y0); z0 = Vector512.FusedMultiplyAdd(s, v2, z0);
            s = Vector512.Create(Unsafe.Add(ref a, q + 1)); x1 = Vector512.FusedMultiplyAdd(s, v0, x1); y1 = Vector512.FusedMultiplyAdd(s, v1, y1); z1 = Vector512.FusedMultiplyAdd(s, v2, z1);
            s = Vector512.Create(Unsafe.Add(ref a, q + 2)); x2 = Vector512.FusedMultiplyAdd(s, v0, x2); y2 = Vector512.FusedMultiplyAdd(s, v1, y2); z2 = Vector512.FusedMultiplyAdd(s, v2, z2);
            s = Vector512.Create(Unsafe.Add(ref a, q + 3)); x3 = Vector512.FusedMultiplyAdd(s, v0, x3); y3 = Vector512.FusedMultiplyAdd(s, v1, y3); z3 = Vector512.FusedMultiplyAdd(s, v2, z3);
            s = Vector512.Create(Unsafe.Add(ref a, q + 4)); x4 = Vector512.FusedMultiplyAdd(s, v0, x4); y4 = Vector512.FusedMultiplyAdd(s, v1, y4); z4 = Vector512.FusedMultiplyAdd(s, v2, z4);
            s = Vector512.Create(Unsafe.Add(ref a, q + 5)); x5 = Vector512.FusedMultiplyAdd(s, v0, x5); y5 = Vector512.FusedMultiplyAdd(s, v1, y5); z5 = Vector512.FusedMultiplyAdd(s, v2, z5);
            s = Vector512.Create(Unsafe.Add(ref a, q + 6)); x6 = Vector512.FusedMultiplyAdd(s, v0, x6); y6 = Vector512.FusedMultiplyAdd(s, v1, y6); z6 = Vector512.FusedMultiplyAdd(s, v2, z6);
            s = Vector512.Create(Unsafe.Add(ref a, q + 7)); x7 = Vector512.FusedMultiplyAdd(s, v0, x7); y7 = Vector512.FusedMultiplyAdd(s, v1, y7); z7 = Vector512.FusedMultiplyAdd(s, v2, z7);
        }
        Store8x24(ref c, ldc, x0, y0, z0, x1, y1, z1, x2, y2, z2, x3, y3, z3, x4, y4, z4, x5, y5, z5, x6, y6, z6, x7, y7, z7);
    }

    // Writes an 8 x 24 block of c held as eight rows of three vectors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8x24(ref double c, int ldc,
        Vector512<double> x0, Vector512<double> y0, Vector512<double> z0, Vector512<double> x1, Vector512<double> y1, Vector512<double> z1,
        Vector512<double> x2, Vector512<double> y2, Vector512<double> z2, Vector512<double> x3, Vector512<double> y3, Vector512<double> z3,
        Vector512<double> x4, Vector512<double> y4, Vector512<double> z4, Vector512<double> x5, Vector512<double> y5, Vector512<double> z5,
        Vector512<double> x6, Vector512<double> y6, Vector512<double> z6, Vector512<double> x7, Vector512<double> y7, Vector512<double> z7)
    {
        nuint l = (nuint)ldc;
        x0.StoreUnsafe(ref c); y0.StoreUnsafe(ref c, 8); z0.StoreUnsafe(ref c, 16);
        x1.StoreUnsafe(ref c, l); y1.StoreUnsafe(ref c, l + 8); z1.StoreUnsafe(ref c, l + 16);
        x2.StoreUnsafe(ref c, 2 * l); y2.StoreUnsafe(ref c, 2 * l + 8); z2.StoreUnsafe(ref c, 2 * l + 16);
        x3.StoreUnsafe(ref c, 3 * l); y3.StoreUnsafe(ref c, 3 * l + 8); z3.StoreUnsafe(ref c, 3 * l + 16);
        x4.StoreUnsafe(ref c, 4 * l); y4.StoreUnsafe(ref c, 4 * l + 8); z4.StoreUnsafe(ref c, 4 * l + 16);
        x5.StoreUnsafe(ref c, 5 * l); y5.StoreUnsafe(ref c, 5 * l + 8); z5.StoreUnsafe(ref c, 5 * l + 16);
        x6.StoreUnsafe(ref c, 6 * l); y6.StoreUnsafe(ref c, 6 * l + 8); z6.StoreUnsafe(ref c, 6 * l + 16);
        x7.StoreUnsafe(ref c, 7 * l); y7.StoreUnsafe(ref c, 7 * l + 8); z7.StoreUnsafe(ref c, 7 * l + 16);
    }

    // The same for one panel of b: the columns left after the blocks of 24.
    private static void Broadcast8(ref double a, ref double b, int k, ref double c, int ldc)
    {
        Span<Vector512<double>> acc = stackalloc Vector512<double>[8];
        nuint end = (nuint)k * 8;
        for (nuint q = 0; q < end; q += 8)
        {
            var v = Vector512.LoadUnsafe(ref b, q);
            for (int r = 0; r < 8; r++) acc[r] = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, q + (nuint)r)), v, acc[r]);
        }
        for (int r = 0; r < 8; r++) acc[r].StoreUnsafe(ref c, (nuint)(r * ldc));
    }

    // With 256-bit vectors (AVX2, 16 registers): one panel of b (eight columns, two vectors) against the eight rows of
    // a's panel taken four at a time, 8 accumulators each pass, so nothing spills.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Broadcast8x4(ref double a, ref double b, int k, ref double c, int ldc)
    {
        nuint end = (nuint)k * 8, l = (nuint)ldc;
        for (nuint half = 0; half < 8; half += 4)
        {
            Vector256<double> x0 = default, x1 = default, x2 = default, x3 = default, y0 = default, y1 = default, y2 = default, y3 = default;
            for (nuint q = 0; q < end; q += 8)
            {
                var v0 = Vector256.LoadUnsafe(ref b, q);
                var v1 = Vector256.LoadUnsafe(ref b, q + 4);
                var s = Vector256.Create(Unsafe.Add(ref a, q + half)); x0 = Vector256.FusedMultiplyAdd(s, v0, x0); y0 = Vector256.FusedMultiplyAdd(s, v1, y0);
                s = Vector256.Create(Unsafe.Add(ref a, q + half + 1)); x1 = Vector256.FusedMultiplyAdd(s, v0, x1); y1 = Vector256.FusedMultiplyAdd(s, v1, y1);
                s = Vector256.Create(Unsafe.Add(ref a, q + half + 2)); x2 = Vector256.FusedMultiplyAdd(s, v0, x2); y2 = Vector256.FusedMultiplyAdd(s, v1, y2);
                s = Vector256.Create(Unsafe.Add(ref a, q + half + 3)); x3 = Vector256.FusedMultiplyAdd(s, v0, x3); y3 = Vector256.FusedMultiplyAdd(s, v1, y3);
            }
            ref double ch = ref Unsafe.Add(ref c, half * l);
            x0.StoreUnsafe(ref ch); y0.StoreUnsafe(ref ch, 4);
            x1.StoreUnsafe(ref ch, l); y1.StoreUnsafe(ref ch, l + 4);
            x2.StoreUnsafe(ref ch, 2 * l); y2.StoreUnsafe(ref ch, 2 * l + 4);
            x3.StoreUnsafe(ref ch, 3 * l); y3.StoreUnsafe(ref ch, 3 * l + 4);
        }
    }

    /// <summary>Writes <c>c[(i − aStart)·b + :] = aᵢ V</c>, row i of A V, for <paramref name="aRows"/> rows of
    /// <paramref name="a"/> (n x d) from <paramref name="aStart"/> and <paramref name="v"/> (d x b, b a multiple of
    /// 24): a product with a thin matrix, for iterative eigensolvers.</summary>
    /// <remarks>With 512-bit vectors, eight rows of a at a time: each step broadcasts their eight values of one column
    /// and multiplies them by 24 values of the matching row of V (three vectors), into 24 accumulators, so each row of
    /// a is read once from memory and V (d x 24) stays in the level-2 cache. Otherwise one row at a time, a vector
    /// multiply-add of V's rows.</remarks>
    /// <exception cref="ArgumentException">shapes that do not match, b not a multiple of 24, c too short.</exception>
    internal static void TimesThin(Matrix a, int aStart, int aRows, Matrix v, Span<double> c)
    {
        int d = a.Cols, b = v.Cols;
        if (v.Rows != d) throw new ArgumentException($"v has {v.Rows} rows but a has {d} columns.", nameof(v));
        if (b % 24 != 0) throw new ArgumentException($"v has {b} columns, not a multiple of 24.", nameof(v));
        if (aStart < 0 || aRows < 0 || aStart + aRows > a.Rows) throw new ArgumentException($"rows {aStart}..{aStart + aRows} are outside a's {a.Rows}.", nameof(aRows));
        if (c.Length < aRows * b) throw new ArgumentException("c is too short.", nameof(c));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double a0 = ref MemoryMarshal.GetArrayDataReference(a.Data);
            ref double v0 = ref MemoryMarshal.GetArrayDataReference(v.Data);
            ref double c0 = ref MemoryMarshal.GetReference(c);
            for (; i + 8 <= aRows; i += 8)
                for (int col = 0; col < b; col += 24)
                    Rows8Times24(ref Unsafe.Add(ref a0, (nint)((long)(aStart + i) * d)), d, ref Unsafe.Add(ref v0, col), b, ref Unsafe.Add(ref c0, i * b + col), b);
        }
        for (; i < aRows; i++)
        {
            var ci = c.Slice(i * b, b);
            ci.Clear();
            var ai = a.Row(aStart + i);
            for (int q = 0; q < d; q++) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<double>(v.Row(q), ai[q], ci, ci);
        }
    }

    // c[r, 0..24) = Σ_q a[r·stride + q] v[q·ldv + 0..24) for eight rows of a.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows8Times24(ref double a, int stride, ref double v, int ldv, ref double c, int ldc)
    {
        Vector512<double> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default, x6 = default, x7 = default,
            y0 = default, y1 = default, y2 = default, y3 = default, y4 = default, y5 = default, y6 = default, y7 = default,
            z0 = default, z1 = default, z2 = default, z3 = default, z4 = default, z5 = default, z6 = default, z7 = default;
        nuint s = (nuint)stride, l = (nuint)ldv, end = s;
        for (nuint q = 0; q < end; q++)
        {
            ref double vq = ref Unsafe.Add(ref v, q * l);
            var v0 = Vector512.LoadUnsafe(ref vq);
            var v1 = Vector512.LoadUnsafe(ref vq, 8);
            var v2 = Vector512.LoadUnsafe(ref vq, 16);
            var e = Vector512.Create(Unsafe.Add(ref a, q)); x0 = Vector512.FusedMultiplyAdd(e, v0, x0); y0 = Vector512.FusedMultiplyAdd(e, v1, y0); z0 = Vector512.FusedMultiplyAdd(e, v2, z0);
            e = Vector512.Create(Unsafe.Add(ref a, s + q)); x1 = Vector512.FusedMultiplyAdd(e, v0, x1); y1 = Vector512.FusedMultiplyAdd(e, v1, y1); z1 = Vector512.FusedMultiplyAdd(e, v2, z1);
            e = Vector512.Create(Unsafe.Add(ref a, 2 * s + q)); x2 = Vector512.FusedMultiplyAdd(e, v0, x2); y2 = Vector512.FusedMultiplyAdd(e, v1, y2); z2 = Vector512.FusedMultiplyAdd(e, v2, z2);
            e = Vector512.Create(Unsafe.Add(ref a, 3 * s + q)); x3 = Vector512.FusedMultiplyAdd(e, v0, x3); y3 = Vector512.FusedMultiplyAdd(e, v1, y3); z3 = Vector512.FusedMultiplyAdd(e, v2, z3);
            e = Vector512.Create(Unsafe.Add(ref a, 4 * s + q)); x4 = Vector512.FusedMultiplyAdd(e, v0, x4); y4 = Vector512.FusedMultiplyAdd(e, v1, y4); z4 = Vector512.FusedMultiplyAdd(e, v2, z4);
            e = Vector512.Create(Unsafe.Add(ref a, 5 * s + q)); x5 = Vector512.FusedMultiplyAdd(e, v0, x5); y5 = Vector512.FusedMultiplyAdd(e, v1, y5); z5 = Vector512.FusedMultiplyAdd(e, v2, z5);
            e = Vector512.Create(Unsafe.Add(ref a, 6 * s + q)); x6 = Vector512.FusedMultiplyAdd(e, v0, x6); y6 = Vector512.FusedMultiplyAdd(e, v1, y6); z6 = Vector512.FusedMultiplyAdd(e, v2, z6);
            e = Vector512.Create(Unsafe.Add(ref a, 7 * s + q)); x7 = Vector512.FusedMultiplyAdd(e, v0, x7); y7 = Vector512.FusedMultiplyAdd(e, v1, y7); z7 = Vector512.FusedMultiplyAdd(e, v2, z7);
        }
        Store8x24(ref c, ldc, x0, y0, z0, x1, y1, z1, x2, y2, z2, x3, y3, z3, x4, y4, z4, x5, y5, z5, x6, y6, z6, x7, y7, z7);
    }

    // Four rows of a (stride k) against four rows of b: a 4 x 4 block of c.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Four512(ref double a, ref double b, int k, ref double c, int ldc)
    {
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        nuint s = (nuint)k, q = 0;
        for (; q + 8 <= s; q += 8)
        {
            var a0 = Vector512.LoadUnsafe(ref a, q);
            var a1 = Vector512.LoadUnsafe(ref a, q + s);
            var a2 = Vector512.LoadUnsafe(ref a, q + 2 * s);
            var a3 = Vector512.LoadUnsafe(ref a, q + 3 * s);
            var v = Vector512.LoadUnsafe(ref b, q);
            c00 = Vector512.FusedMultiplyAdd(a0, v, c00); c10 = Vector512.FusedMultiplyAdd(a1, v, c10); c20 = Vector512.FusedMultiplyAdd(a2, v, c20); c30 = Vector512.FusedMultiplyAdd(a3, v, c30);
            v = Vector512.LoadUnsafe(ref b, q + s);
            c01 = Vector512.FusedMultiplyAdd(a0, v, c01); c11 = Vector512.FusedMultiplyAdd(a1, v, c11); c21 = Vector512.FusedMultiplyAdd(a2, v, c21); c31 = Vector512.FusedMultiplyAdd(a3, v, c31);
            v = Vector512.LoadUnsafe(ref b, q + 2 * s);
            c02 = Vector512.FusedMultiplyAdd(a0, v, c02); c12 = Vector512.FusedMultiplyAdd(a1, v, c12); c22 = Vector512.FusedMultiplyAdd(a2, v, c22); c32 = Vector512.FusedMultiplyAdd(a3, v, c32);
            v = Vector512.LoadUnsafe(ref b, q + 3 * s);
            c03 = Vector512.FusedMultiplyAdd(a0, v, c03); c13 = Vector512.FusedMultiplyAdd(a1, v, c13); c23 = Vector512.FusedMultiplyAdd(a2, v, c23); c33 = Vector512.FusedMultiplyAdd(a3, v, c33);
        }
        Store(ref c, ldc, (int)q, k, ref a, ref b,
            Vector512.Sum(c00), Vector512.Sum(c01), Vector512.Sum(c02), Vector512.Sum(c03), Vector512.Sum(c10), Vector512.Sum(c11), Vector512.Sum(c12), Vector512.Sum(c13),
            Vector512.Sum(c20), Vector512.Sum(c21), Vector512.Sum(c22), Vector512.Sum(c23), Vector512.Sum(c30), Vector512.Sum(c31), Vector512.Sum(c32), Vector512.Sum(c33));
    }

    // The same with Vector<double>.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourVector(ref double a, ref double b, int k, ref double c, int ldc)
    {
        Vector<double> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        int w = Vector<double>.Count, q = 0;
        for (; q + w <= k; q += w)
        {
            var a0 = Load(ref a, q);
            var a1 = Load(ref a, q + k);
            var a2 = Load(ref a, q + 2 * k);
            var a3 = Load(ref a, q + 3 * k);
            var v = Load(ref b, q);
            c00 = Vector.FusedMultiplyAdd(a0, v, c00); c10 = Vector.FusedMultiplyAdd(a1, v, c10); c20 = Vector.FusedMultiplyAdd(a2, v, c20); c30 = Vector.FusedMultiplyAdd(a3, v, c30);
            v = Load(ref b, q + k);
            c01 = Vector.FusedMultiplyAdd(a0, v, c01); c11 = Vector.FusedMultiplyAdd(a1, v, c11); c21 = Vector.FusedMultiplyAdd(a2, v, c21); c31 = Vector.FusedMultiplyAdd(a3, v, c31);
            v = Load(ref b, q + 2 * k);
            c02 = Vector.FusedMultiplyAdd(a0, v, c02); c12 = Vector.FusedMultiplyAdd(a1, v, c12); c22 = Vector.FusedMultiplyAdd(a2, v, c22); c32 = Vector.FusedMultiplyAdd(a3, v, c32);
            v = Load(ref b, q + 3 * k);
            c03 = Vector.FusedMultiplyAdd(a0, v, c03); c13 = Vector.FusedMultiplyAdd(a1, v, c13); c23 = Vector.FusedMultiplyAdd(a2, v, c23); c33 = Vector.FusedMultiplyAdd(a3, v, c33);
        }
        Store(ref c, ldc, q, k, ref a, ref b,
            Vector.Sum(c00), Vector.Sum(c01), Vector.Sum(c02), Vector.Sum(c03), Vector.Sum(c10), Vector.Sum(c11), Vector.Sum(c12), Vector.Sum(c13),
            Vector.Sum(c20), Vector.Sum(c21), Vector.Sum(c22), Vector.Sum(c23), Vector.Sum(c30), Vector.Sum(c31), Vector.Sum(c32), Vector.Sum(c33));
    }

    private static Vector<double> Load(ref double at, int offset) =>
        Unsafe.ReadUnaligned<Vector<double>>(ref Unsafe.As<double, byte>(ref Unsafe.Add(ref at, offset)));

    // Adds the columns q..k-1 that did not fill a vector, then writes the 4 x 4 block.
    private static void Store(ref double c, int ldc, int q, int k, ref double a, ref double b,
        double s00, double s01, double s02, double s03, double s10, double s11, double s12, double s13,
        double s20, double s21, double s22, double s23, double s30, double s31, double s32, double s33)
    {
        if (q == k)
        {
            ref double r0 = ref c, r1 = ref Unsafe.Add(ref c, ldc), r2 = ref Unsafe.Add(ref c, 2 * ldc), r3 = ref Unsafe.Add(ref c, 3 * ldc);
            r0 = s00; Unsafe.Add(ref r0, 1) = s01; Unsafe.Add(ref r0, 2) = s02; Unsafe.Add(ref r0, 3) = s03;
            r1 = s10; Unsafe.Add(ref r1, 1) = s11; Unsafe.Add(ref r1, 2) = s12; Unsafe.Add(ref r1, 3) = s13;
            r2 = s20; Unsafe.Add(ref r2, 1) = s21; Unsafe.Add(ref r2, 2) = s22; Unsafe.Add(ref r2, 3) = s23;
            r3 = s30; Unsafe.Add(ref r3, 1) = s31; Unsafe.Add(ref r3, 2) = s32; Unsafe.Add(ref r3, 3) = s33;
            return;
        }
        Span<double> s = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33];
        for (int t = q; t < k; t++)
            for (int r = 0; r < 4; r++)
            {
                double ar = Unsafe.Add(ref a, r * k + t);
                for (int col = 0; col < 4; col++) s[r * 4 + col] += ar * Unsafe.Add(ref b, col * k + t);
            }
        for (int r = 0; r < 4; r++)
            for (int col = 0; col < 4; col++) Unsafe.Add(ref c, r * ldc + col) = s[r * 4 + col];
    }
}

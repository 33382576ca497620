namespace Course.Compute;

/// <summary>
/// The kit's one matrix product, C = A Bᵀ (A m x k, B n x k, C m x n), on the <see cref="DotTiles"/> kernels: for whole
/// matrices (<see cref="TimesTransposed(Matrix, Matrix)"/>, parallel over tiles of C) or one tile at a time
/// (<see cref="ProductTile(int, int, int, int, double[])"/>), for callers that never hold m x n (neighbour ranking).
/// </summary>
/// <remarks>
/// Both operands are packed once (<see cref="PackedRows"/>, one copy each) where the processor runs the packed kernel,
/// and C is computed in <see cref="Tile"/> x <see cref="Tile"/> tiles: a tile of A (120 rows, 750 KB at 784 columns)
/// is met by every tile of B in turn. Each entry is one kernel's dot product whatever the thread that computes it, so
/// the result does not depend on the number of cores. Measured against libtorch's float64 <c>matmul</c> in
/// lib/TOOLCHAIN.md ("Linear algebra").
/// </remarks>
internal sealed class Gemm
{
    /// <summary>Rows and columns of C per tile: a multiple of the packed kernel's 24 columns and of its 8-row panels.</summary>
    public const int Tile = 120;

    private readonly Matrix? a, b;
    private readonly int depth;
    private readonly PackedRows? pa, pb;

    /// <summary>Prepares A Bᵀ for <paramref name="a"/> (m x k) and <paramref name="b"/> (n x k).</summary>
    /// <exception cref="ArgumentException">the two differ in columns.</exception>
    public Gemm(Matrix a, Matrix b) : this(new Operand(a), new Operand(b)) { }

    /// <summary>The same, choosing the kernel (tests reach the row kernel on any processor).</summary>
    internal Gemm(Matrix a, Matrix b, bool packedKernel) : this(new Operand(a, packedKernel), new Operand(b, packedKernel)) { }

    /// <summary>A Bᵀ of two prepared operands: an operand used in several products is packed once.</summary>
    /// <exception cref="ArgumentException">the two differ in columns or in kernel.</exception>
    public Gemm(Operand a, Operand b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Cols != b.Cols) throw new ArgumentException($"b has {b.Cols} columns but a has {a.Cols}.", nameof(b));
        if ((a.Packed is null) != (b.Packed is null)) throw new ArgumentException("a and b were prepared for different kernels.", nameof(b));
        (this.a, this.b, pa, pb) = (a.Unpacked, b.Unpacked, a.Packed, b.Packed);
        (Rows, Cols, depth) = (a.Rows, b.Rows, a.Cols);
    }

    /// <summary>A matrix prepared for products: its rows packed for the kernel where the processor runs the packed
    /// one. A packed operand does not hold on to the matrix, so a temporary (a centred or transposed copy) can be
    /// collected once packed: memory stays at one copy per operand.</summary>
    internal sealed class Operand
    {
        /// <summary>Prepares <paramref name="m"/> (one copy of it when packed).</summary>
        public Operand(Matrix m) : this(m, DotTiles.PackedKernel) { }

        internal Operand(Matrix m, bool packedKernel)
        {
            ArgumentNullException.ThrowIfNull(m);
            (Rows, Cols) = (m.Rows, m.Cols);
            if (packedKernel) Packed = new PackedRows(m);
            else Unpacked = m;
        }

        /// <summary>Rows of the matrix.</summary>
        public int Rows { get; }

        /// <summary>Columns of the matrix.</summary>
        public int Cols { get; }

        /// <summary>Its packed copy, or null for the row kernel.</summary>
        public PackedRows? Packed { get; }

        /// <summary>The matrix itself, for the row kernel; null when packed.</summary>
        public Matrix? Unpacked { get; }
    }

    /// <summary>Rows of C (of A).</summary>
    public int Rows { get; }

    /// <summary>Columns of C (rows of B).</summary>
    public int Cols { get; }

    /// <summary>Working space for <see cref="ProductTile(int, int, int, int, double[])"/>, one per thread.</summary>
    public static double[] NewScratch() => new double[Tile * Tile];

    /// <summary>Writes one tile of C, <c>scratch[i·Tile + j]</c> = C[i0 + i, j0 + j] for i &lt; ni and j &lt; nj;
    /// single-threaded, for callers that use C a tile at a time and never hold it whole (neighbour ranking).</summary>
    /// <param name="i0">First row, a multiple of <see cref="Tile"/>.</param>
    /// <param name="ni">Rows, 1 to <see cref="Tile"/>, within C.</param>
    /// <param name="j0">First column, a multiple of <see cref="Tile"/>.</param>
    /// <param name="nj">Columns, 1 to <see cref="Tile"/>, within C.</param>
    /// <param name="scratch">From <see cref="NewScratch"/>; entries outside the tile are overwritten too.</param>
    /// <exception cref="ArgumentException">a tile not on the grid or outside C, or a short scratch.</exception>
    public void ProductTile(int i0, int ni, int j0, int nj, double[] scratch)
    {
        if (i0 % Tile != 0 || i0 < 0 || ni < 1 || ni > Tile || i0 + ni > Rows) throw new ArgumentException($"rows {i0}..{i0 + ni} are not a tile of C's {Rows}.", nameof(i0));
        if (j0 % Tile != 0 || j0 < 0 || nj < 1 || nj > Tile || j0 + nj > Cols) throw new ArgumentException($"columns {j0}..{j0 + nj} are not a tile of C's {Cols}.", nameof(j0));
        if (scratch is null || scratch.Length < Tile * Tile) throw new ArgumentException("scratch must come from NewScratch.", nameof(scratch));
        Product(i0, ni, j0, nj, scratch);
    }

    // scratch[i·Tile + j] = a(i0 + i) · b(j0 + j) for one tile.
    private void Product(int i0, int ni, int j0, int nj, double[] scratch)
    {
        if (pa is not null) DotTiles.Products(pa, i0, ni, pb!, j0, nj, scratch, Tile);
        else DotTiles.Products(a!, i0, ni, b!, j0, nj, scratch, Tile);
    }

    /// <summary>C = A Bᵀ (m x n) for <paramref name="a"/> (m x k) and <paramref name="b"/> (n x k), tiles in parallel.</summary>
    /// <exception cref="ArgumentException">the two differ in columns.</exception>
    public static Matrix TimesTransposed(Matrix a, Matrix b) => ReferenceEquals(a, b) ? Gram(a) : new Gemm(a, b).Product();

    /// <summary>C = A Bᵀ of two prepared operands, tiles in parallel.</summary>
    public static Matrix TimesTransposed(Operand a, Operand b) => new Gemm(a, b).Product();

    // A Aᵀ packs A once.
    private static Matrix Gram(Matrix a) { var o = new Operand(a); return TimesTransposed(o, o); }

    /// <summary>The whole of C, tiles in parallel.</summary>
    internal Matrix Product()
    {
        var gemm = this;
        int m = Rows, n = Cols;
        var c = new Matrix(m, n);
        if (m == 0 || n == 0 || depth == 0) return c;
        int tilesI = (m + Tile - 1) / Tile, tilesJ = (n + Tile - 1) / Tile;
        Parallel.For(0, tilesI * tilesJ, NewScratch, (t, _, scratch) =>
        {
            int i0 = t / tilesJ * Tile, j0 = t % tilesJ * Tile;
            int ni = Math.Min(Tile, m - i0), nj = Math.Min(Tile, n - j0);
            gemm.Product(i0, ni, j0, nj, scratch);
            for (int i = 0; i < ni; i++) scratch.AsSpan(i * Tile, nj).CopyTo(c.Data.AsSpan((i0 + i) * n + j0, nj));
            return scratch;
        }, _ => { });
        return c;
    }
}

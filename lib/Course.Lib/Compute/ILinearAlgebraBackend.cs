namespace Course.Compute;

/// <summary>
/// A provider of the dense linear algebra behind <see cref="LinearAlgebra"/>: the BLAS and LAPACK operations the
/// algorithms are written on, and nothing algorithm-level (randomized SVD, neighbour search and the partial
/// eigensolvers are written once above this, in the algorithm namespaces). Inputs are finite and checked by the
/// callers; implementations may assume it. All results are new matrices (inputs are never modified).
/// </summary>
/// <remarks>Two implementations: <see cref="ManagedLinearAlgebra"/> (Math.NET's decompositions and the kit's own
/// product kernel, <see cref="Gemm"/>) and <c>TorchLinearAlgebra</c> in the neural assembly (libtorch's LAPACK and BLAS).
/// <c>LinearAlgebraBackendTests</c> checks every member of the two against each other.</remarks>
public interface ILinearAlgebraBackend
{
    /// <summary>A short name for reports ("managed", "libtorch").</summary>
    string Name { get; }

    /// <summary>GEMM: op(a) op(b), op the transpose when asked.</summary>
    Matrix Multiply(Matrix a, Matrix b, bool transposeA, bool transposeB);

    /// <summary>SYRK: (a − 1μ)ᵀ(a − 1μ) (d x d), aᵀa when <paramref name="mean"/> is null.</summary>
    Matrix CentredGram(Matrix a, double[]? mean);

    /// <summary>GESVD: thin SVD a = U diag(S) Vt, U n x r, S descending, Vt r x d, r = min(n, d) (signs as the
    /// backend returns them).</summary>
    (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a);

    /// <summary>GESVD without U: S (descending) and Vt (r x d) of a − 1μ (a itself when <paramref name="mean"/> is null).</summary>
    (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[]? mean);

    /// <summary>SYEV: eigenvalues, descending, and the matching eigenvectors as columns, of a symmetric matrix.</summary>
    (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a);

    /// <summary>GEQRF + ORGQR: Q (n x c) of the thin QR factorisation of a (n x c, n ≥ c), an orthonormal basis of
    /// a's columns. Where a column depends on the ones before it, the managed backend gives a column of zeros and
    /// libtorch an orthonormal completion; the other columns agree up to sign.</summary>
    Matrix OrthonormalBasis(Matrix a);

    /// <summary>POTRF + POTRS: x with a x = b, a symmetric positive definite (n x n), b n x m.</summary>
    Matrix SolvePositiveDefinite(Matrix a, Matrix b);
}

namespace Course.Decomposition;

/// <summary>How <see cref="KernelPca"/> finds the leading eigenvectors of the kernel matrix.</summary>
public enum KernelEigenSolver
{
    /// <summary><see cref="Partial"/> when fewer components than a quarter of the points are asked of more than 200
    /// points, else <see cref="Dense"/>. scikit-learn's rule stops at 10 components; here the partial solver was
    /// about 100x faster than the managed dense one and 10x faster than libtorch's for 50 components of 2,000
    /// Fashion-MNIST images, with the same eigenvalues (lib/TOOLCHAIN.md).</summary>
    Auto,
    /// <summary>A full symmetric eigendecomposition, O(n³).</summary>
    Dense,
    /// <summary>The Lanczos method with full reorthogonalisation for the requested components only, one O(n²)
    /// matrix-vector product a step (ARPACK's role in scikit-learn); falls back to <see cref="Dense"/> if it has not converged. Needs
    /// <see cref="KernelPcaOptions.NComponents"/>.</summary>
    Partial,
}

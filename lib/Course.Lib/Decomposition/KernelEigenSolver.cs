namespace Course.Decomposition;

/// <summary>How <see cref="KernelPca"/> finds the leading eigenvectors of the kernel matrix.</summary>
public enum KernelEigenSolver
{
    /// <summary><see cref="Partial"/> when components are asked of more than 200 points and its block of vectors
    /// (about twice the components) is at most half the points, else <see cref="Dense"/>. scikit-learn's rule stops at
    /// 10 components; here the partial solver was 25-30x faster than the managed dense one and 2.4x faster than
    /// libtorch's for 50 components of 2,000 Fashion-MNIST images, with the same eigenvalues (lib/TOOLCHAIN.md).</summary>
    Auto,
    /// <summary>A full symmetric eigendecomposition, O(n³).</summary>
    Dense,
    /// <summary>Block subspace iteration for the requested components only, O(n² k) per iteration (ARPACK's role
    /// in scikit-learn); falls back to <see cref="Dense"/> if it has not converged. Needs
    /// <see cref="KernelPcaOptions.NComponents"/>.</summary>
    Partial,
}

namespace Course.Decomposition;

/// <summary>How <see cref="KernelPca"/> finds the leading eigenvectors of the kernel matrix.</summary>
public enum KernelEigenSolver
{
    /// <summary>scikit-learn's rule: <see cref="Partial"/> when fewer than 10 components are asked of more than 200
    /// points, else <see cref="Dense"/>.</summary>
    Auto,
    /// <summary>A full symmetric eigendecomposition, O(n³).</summary>
    Dense,
    /// <summary>Block subspace iteration for the requested components only, O(n² k) per iteration (ARPACK's role
    /// in scikit-learn); falls back to <see cref="Dense"/> if it has not converged. Needs
    /// <see cref="KernelPcaOptions.NComponents"/>.</summary>
    Partial,
}

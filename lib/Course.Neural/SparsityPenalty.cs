using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>Penalties that make an autoencoder's code sparse. <see cref="Autoencoder.Loss"/> uses them, and lesson 06's
/// demonstrations fall back on them until the learner has written their own (exercise 06.4).</summary>
public static class SparsityPenalty
{
    /// <summary>The KL sparsity penalty Σⱼ KL(ρ ‖ ρ̂ⱼ) = Σⱼ ρ log(ρ / ρ̂ⱼ) + (1 − ρ) log((1 − ρ) / (1 − ρ̂ⱼ)), where
    /// ρ̂ⱼ is unit j's mean activation over the batch (Ng, "Sparse autoencoder", CS294A notes, 2011). A scalar tensor
    /// with gradients to <paramref name="codes"/>.</summary>
    /// <param name="codes">A batch of codes, n x k, each in (0, 1) (a sigmoid code); ρ̂ is clamped to [1e-6, 1 − 1e-6] so
    /// a dead or saturated unit gives a large finite penalty.</param>
    /// <param name="rho">The target mean activation ρ, strictly between 0 and 1 (0.05 is typical).</param>
    public static Tensor Kl(Tensor codes, double rho)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (!(rho > 0 && rho < 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be strictly between 0 and 1.");
        var rhoHat = codes.mean([0L]).clamp(1e-6, 1 - 1e-6);
        return (rho * (rho / rhoHat).log() + (1 - rho) * ((1 - rho) / (1 - rhoHat)).log()).sum();
    }
}

using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>Input corruptions for denoising autoencoders. <see cref="Autoencoder.Loss"/> uses them, and lesson 06's
/// demonstrations fall back on them until the learner has written their own (exercise 06.3).</summary>
public static class Corruptions
{
    /// <summary>A copy of <paramref name="x"/> with each entry set to 0 independently with probability
    /// <paramref name="p"/> (masking noise, Vincent et al., ICML 2008); the other entries keep their values (no
    /// rescaling, unlike dropout). <paramref name="x"/> is not changed.</summary>
    /// <param name="x">Any shape.</param>
    /// <param name="p">Probability of zeroing an entry, in [0, 1].</param>
    /// <param name="generator">Source of the draws; null uses libtorch's global generator (seed it with <see cref="NeuralSeed.Set"/>).</param>
    public static Tensor Mask(Tensor x, double p, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be a probability in [0, 1].");
        using var draws = rand(x.shape, x.dtype, x.device, generator: generator);
        using var zeroed = draws < p;
        return x.masked_fill(zeroed, 0);
    }
}

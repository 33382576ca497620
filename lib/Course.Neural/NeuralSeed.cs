using TorchSharp;

namespace Course.Neural;

/// <summary>One call that makes neural training reproducible on the CPU: seeds libtorch's generator (weight
/// initialisation, dropout, noise) and the kit's own (shuffling), as <see cref="Course.Seed"/> does elsewhere.</summary>
/// <remarks>CPU kernels in libtorch are deterministic for a fixed thread count; on a GPU some are not, so GPU runs
/// may differ in the last digits.</remarks>
public static class NeuralSeed
{
    /// <summary>Seeds libtorch with <paramref name="seed"/> and returns a generator for the kit's own shuffling.</summary>
    public static Random Set(int seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(seed);
        return Seed.Create(seed);
    }
}

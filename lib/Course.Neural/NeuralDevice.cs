using TorchSharp;

namespace Course.Neural;

/// <summary>
/// Where the neural lessons train: a CUDA GPU when TorchSharp's CUDA build and a GPU are present, otherwise the CPU.
/// The choice is made at run time, so a learner who swaps the <c>TorchSharp-cpu</c> package for <c>TorchSharp-cuda-*</c>
/// gets the GPU without changing a line (see the README).
/// </summary>
public static class NeuralDevice
{
    /// <summary>The device to train on, and a sentence saying which and why, for the learner to see.</summary>
    public static (torch.Device Device, string Message) Choose()
    {
        TorchRuntime.EnsureLoaded();
        if (torch.cuda.is_available())
            return (torch.CUDA, $"Training on the GPU (CUDA, {torch.cuda.device_count()} device(s)).");
        string kernels = TorchRuntime.OneDnn == OneDnnUse.Off
            ? " libtorch's oneDNN kernels are off: on this CPU their convolution gradients failed the kit's check against float64, so convolutions run slower but right."
            : "";
        return (torch.CPU, $"Training on the CPU with {torch.get_num_threads()} threads: no CUDA device (or the CPU-only TorchSharp package) here. Cells are sized to finish in time on a laptop CPU.{kernels}");
    }
}

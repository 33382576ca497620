using System.Collections;
using TorchSharp;

namespace Course.Neural;

/// <summary>
/// Where the neural lessons train: a CUDA GPU when TorchSharp's CUDA build and a GPU are present, otherwise the CPU,
/// unless the environment variable <see cref="Override"/> names a device. The choice is made at run time, so a learner
/// who swaps the <c>TorchSharp-cpu</c> package for <c>TorchSharp-cuda-*</c> gets the GPU without changing a line (see
/// the README).
/// </summary>
public static class NeuralDevice
{
    /// <summary>The environment variable that forces the device: a libtorch device name such as <c>cpu</c>,
    /// <c>cuda</c> or <c>cuda:1</c>. Tests force one to check that every tensor a lesson keeps is created on it
    /// (<see cref="Strays"/>).</summary>
    public const string Override = "COURSE_DEVICE";

    /// <summary>The device to train on, and a sentence saying which and why, for the learner to see.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Override"/> names no device libtorch knows, or CUDA
    /// where none is present.</exception>
    public static (torch.Device Device, string Message) Choose()
    {
        TorchRuntime.EnsureLoaded();
        string? forced = Environment.GetEnvironmentVariable(Override)?.Trim();
        if (!string.IsNullOrEmpty(forced))
        {
            torch.Device device;
            try { device = torch.device(forced); }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{Override}={forced} is not a device libtorch knows (cpu, cuda, cuda:1, ...).", e);
            }
            if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
                throw new InvalidOperationException($"{Override}={forced} asks for CUDA, but this TorchSharp package or machine has no CUDA device.");
            return (device, $"Training on {device}, as {Override} asks.");
        }
        if (torch.cuda.is_available())
            return (torch.CUDA, $"Training on the GPU (CUDA, {torch.cuda.device_count()} device(s)).");
        string kernels = TorchRuntime.OneDnn == OneDnnUse.Off
            ? " libtorch's oneDNN kernels are off: on this CPU their convolution gradients failed the kit's check against float64, so convolutions run slower but right."
            : "";
        return (torch.CPU, $"Training on the CPU with {torch.get_num_threads()} threads: no CUDA device (or the CPU-only TorchSharp package) here. Cells are sized to finish in time on a laptop CPU.{kernels}");
    }

    /// <summary>
    /// The named values that hold a tensor, or a module with a parameter or buffer, somewhere other than
    /// <paramref name="device"/>, each as "name (where it is)". Tensors and modules inside an array or list are looked
    /// at too; every other value, and tensors already disposed, are passed over. The notebook engine calls this with
    /// a lesson's variables after its last cell.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<string> Strays(torch.Device device, IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(values);
        var strays = new List<string>();
        foreach (var (name, value) in values)
        {
            var where = value is IEnumerable items and not string and not torch.Tensor
                ? items.Cast<object?>().Select(Elsewhere).FirstOrDefault(w => w is not null)
                : Elsewhere(value);
            if (where is not null) strays.Add($"{name} ({where})");
        }
        return strays;

        string? Elsewhere(object? value) => value switch
        {
            torch.Tensor t => Off(t),
            torch.nn.Module m => m.parameters().Concat(m.buffers()).Select(Off).FirstOrDefault(w => w is not null),
            _ => null,
        };

        string? Off(torch.Tensor t)
        {
            if (t.IsInvalid) return null;
            bool same = t.device_type == device.type && (device.index < 0 || t.device_index == device.index);
            return same ? null : t.device.ToString();
        }
    }
}

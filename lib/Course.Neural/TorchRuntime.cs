using System.Runtime.InteropServices;

namespace Course.Neural;

/// <summary>
/// Makes libtorch loadable wherever the library is used, including notebook kernels.
/// </summary>
/// <remarks>
/// A program that references the library through its project finds TorchSharp's native files through its own
/// <c>deps.json</c>. A notebook kernel loads the kit (<c>lib/Course.Kit/bin/</c>) with <c>#r</c> and has no such entries, so
/// TorchSharp falls back to copying the natives out of the NuGet cache into <c>bin/cpu</c>. On Debian 12 those
/// unpatched copies fail to load (lib/TOOLCHAIN.md: GLIBCXX_3.4.32). Loading the build's own (patched)
/// <c>runtimes/&lt;rid&gt;/native/</c> copy by full path first fixes this: its RUNPATH (<c>$ORIGIN</c>) brings in
/// libtorch, and TorchSharp's own load by name then finds the library already loaded (the dynamic loader matches its
/// soname).
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lazy<bool> Loaded = new(Load);

    /// <summary>Loads the native TorchSharp library from beside this assembly once, if it is there, and makes sure
    /// libtorch's convolution gradients are right on this CPU (see <see cref="OneDnn"/>).</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>
    /// How libtorch's oneDNN (MKL-DNN) CPU kernels are used: capped at AVX instructions (the default), as the
    /// environment's <c>ONEDNN_MAX_CPU_ISA</c> sets them, or switched off because their float32 convolution gradients
    /// failed the load-time check against float64.
    /// </summary>
    /// <remarks>
    /// Measured on a 2-core AMD EPYC with AVX-512 (libtorch 2.10, TorchSharp 0.107): with oneDNN's AVX2 or AVX-512
    /// kernels, float32 convolution gradients with respect to the input were wrong (38% too small on one thread;
    /// varying from run to run, sometimes NaN, on two), so a WGAN-GP penalty came out 0.654 instead of 0.018 and lesson
    /// 08's critic losses turned NaN. Capped at AVX (or SSE4.1) the kernels agree with float64 to 6 digits on any
    /// thread count; switched off entirely they agree too but lessons 07 and 08 take 91 s and 106 s instead of 68 s
    /// and 72 s. Every autoencoder and GAN step sends gradients back through convolutions, so the kit caps the kernels
    /// before libtorch loads (unless <c>ONEDNN_MAX_CPU_ISA</c> is already set), then checks a small convolution's
    /// gradients against float64 on one and on the current number of threads, and switches oneDNN off if they
    /// still disagree. <c>NeuralGradientTests</c> repeats the check on a DCGAN critic.
    /// </remarks>
    public static OneDnnUse OneDnn { get; private set; }

    /// <summary>Sets a variable in the process environment where native code reads it too: on Unix
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy, and libraries such as
    /// OpenMP and oneDNN read theirs with <c>getenv</c> when they load. Leaves a variable that is already set.</summary>
    public static void SetNativeEnvironment(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (Environment.GetEnvironmentVariable(name) is not null) return;
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows()) { try { setenv(name, value, 0); } catch (DllNotFoundException) { } catch (EntryPointNotFoundException) { } }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv(string name, string value, int overwrite);

    private static bool Load()
    {
        bool capped = Environment.GetEnvironmentVariable(IsaVariable) is null;
        SetNativeEnvironment(IsaVariable, "AVX");
        bool preloaded = Preload();
        // NNPACK serves only some forward convolutions and only on CPUs it supports; on the others libtorch prints
        // "Could not initialize NNPACK! Reason: Unsupported hardware." for every convolution (eight lines before a
        // lesson's first cell, from the check below). PyTorch's own default path on x86 is oneDNN, so it is switched
        // off rather than probed (probing prints the warning too).
        TrySetUserEnabled("NNPACK", false);
        OneDnn = ConvolutionGradientsAgree() ? (capped ? OneDnnUse.CappedAtAvx : OneDnnUse.AsConfigured)
            : TrySetUserEnabled("Mkldnn", false) ? OneDnnUse.Off : OneDnnUse.AsConfigured;
        return preloaded;
    }

    private const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The input gradient of a small two-layer convolution in float32 against float64, on one thread and on
    /// the current number (the wrong results differed between the two). Deterministic inputs: the global random stream
    /// is left alone.</summary>
    private static bool ConvolutionGradientsAgree()
    {
        int threads = TorchSharp.torch.get_num_threads();
        try
        {
            foreach (int t in threads == 1 ? new[] { 1 } : new[] { 1, threads })
            {
                TorchSharp.torch.set_num_threads(t);
                double single = InputGradient(TorchSharp.torch.ScalarType.Float32), reference = InputGradient(TorchSharp.torch.ScalarType.Float64);
                if (!(Math.Abs(single - reference) <= 1e-4 * Math.Abs(reference))) return false;
            }
            return true;
        }
        finally { TorchSharp.torch.set_num_threads(threads); }
    }

    private static double InputGradient(TorchSharp.torch.ScalarType type)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.arange(4 * 28 * 28, type).sin().reshape(4, 1, 28, 28).requires_grad_(true);
        var w1 = TorchSharp.torch.arange(8 * 16, type).mul(0.37).cos().mul(0.1).reshape(8, 1, 4, 4);
        var w2 = TorchSharp.torch.arange(16 * 8 * 16, type).mul(0.53).sin().mul(0.05).reshape(16, 8, 4, 4);
        var h = TorchSharp.torch.nn.functional.leaky_relu(TorchSharp.torch.nn.functional.conv2d(x, w1, strides: [2, 2], padding: [1, 1]), 0.2);
        TorchSharp.torch.nn.functional.conv2d(h, w2, strides: [2, 2], padding: [1, 1]).square().sum().backward();
        return x.grad!.abs().sum().to(TorchSharp.torch.ScalarType.Float64).item<double>();
    }

    /// <summary>Sets one of libtorch's backend switches, <c>at::Context::setUserEnabled{backend}</c>, as PyTorch's
    /// <c>torch.backends.mkldnn.enabled = False</c> does; true when it reads back as set. <paramref name="backend"/> is
    /// "Mkldnn" (oneDNN) or "NNPACK": both names have six letters, which the mangled names below rely on.</summary>
    private static bool TrySetUserEnabled(string backend, bool enabled)
    {
        try
        {
            string name = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
            if (!NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out var library)) return false;
            // at::globalContext() and the switch's setter and getter, by their Itanium (gcc, clang) and MSVC names.
            if (!TryExport(library, out var getContext, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ")
                || !TryExport(library, out var setEnabled, $"_ZN2at7Context20setUserEnabled{backend}Eb", $"?setUserEnabled{backend}@Context@at@@QEAAX_N@Z")
                || !TryExport(library, out var getEnabled, $"_ZNK2at7Context17userEnabled{backend}Ev", $"?userEnabled{backend}@Context@at@@QEBA_NXZ"))
                return false;
            var context = Marshal.GetDelegateForFunctionPointer<ContextGetter>(getContext)();
            Marshal.GetDelegateForFunctionPointer<EnabledSetter>(setEnabled)(context, enabled);
            return Marshal.GetDelegateForFunctionPointer<EnabledGetter>(getEnabled)(context) == enabled;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;   // a libtorch without these exports: leave its defaults
        }
    }

    private static bool TryExport(IntPtr library, out IntPtr address, params string[] names)
    {
        foreach (var n in names) if (NativeLibrary.TryGetExport(library, n, out address)) return true;
        address = IntPtr.Zero;
        return false;
    }

    // Member functions take the object as their first argument on x64 and arm64, under both ABIs.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr ContextGetter();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void EnabledSetter(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] [return: MarshalAs(UnmanagedType.U1)] private delegate bool EnabledGetter(IntPtr context);

    private static bool Preload()
    {
        string folder = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location) ?? "";
        string file = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        string path = Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
        if (!File.Exists(path))
        {
            // Portable RIDs (linux-x64) where RuntimeIdentifier is distro-specific.
            string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            path = Path.Combine(folder, "runtimes", $"{os}-{arch}", "native", file);
        }
        return File.Exists(path) && NativeLibrary.TryLoad(path, out _);
    }
}

/// <summary>How <see cref="TorchRuntime"/> left libtorch's oneDNN CPU kernels.</summary>
public enum OneDnnUse
{
    /// <summary>As libtorch and the environment set them (<c>ONEDNN_MAX_CPU_ISA</c> was already set, or the check could
    /// not switch them off).</summary>
    AsConfigured,
    /// <summary>Limited to AVX instructions, the kit's default, and checked.</summary>
    CappedAtAvx,
    /// <summary>Switched off: their convolution gradients failed the load-time check.</summary>
    Off,
}

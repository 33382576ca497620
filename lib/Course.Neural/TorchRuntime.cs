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
    private static readonly Lazy<bool> Loaded = new(() => { bool preloaded = Preload(); OneDnnDisabled = TryDisableOneDnn(); return preloaded; });

    /// <summary>Loads the native TorchSharp library from beside this assembly once, if it is there, and switches
    /// libtorch's oneDNN CPU kernels off (see <see cref="OneDnnDisabled"/>).</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>
    /// Whether the kit switched off libtorch's oneDNN (MKL-DNN) CPU kernels, as PyTorch's
    /// <c>torch.backends.mkldnn.enabled = False</c> does. It does so wherever it finds libtorch's context functions
    /// (Linux, macOS and Windows builds of libtorch 2.x export them).
    /// </summary>
    /// <remarks>
    /// Measured on a 2-core AMD EPYC with AVX-512 (libtorch 2.10, TorchSharp 0.107): with oneDNN on, float32
    /// convolution gradients with respect to the input were wrong, about 38% too small on one thread and off in the
    /// fourth digit, varying from run to run, on two; a WGAN-GP gradient penalty came out 0.654 instead of 0.018 on one
    /// thread and sometimes NaN on two. float64, which oneDNN does not handle, and float32 with oneDNN off agree to
    /// 6 digits on any thread count. The autoencoders' and GANs' training steps all pass gradients back through
    /// convolutions, so correct gradients come first; <c>NeuralGradientTests</c> checks float32 against float64.
    /// </remarks>
    public static bool OneDnnDisabled { get; private set; }

    private static bool TryDisableOneDnn()
    {
        try
        {
            _ = TorchSharp.torch.get_num_threads();   // makes TorchSharp load libtorch if the preload did not
            string name = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
            if (!NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out var library)) return false;
            // at::globalContext() and at::Context::setUserEnabledMkldnn(bool), by their Itanium (gcc, clang) and MSVC names.
            if (!TryExport(library, out var getContext, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ")
                || !TryExport(library, out var setEnabled, "_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z")
                || !TryExport(library, out var getEnabled, "_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ"))
                return false;
            var context = Marshal.GetDelegateForFunctionPointer<ContextGetter>(getContext)();
            Marshal.GetDelegateForFunctionPointer<EnabledSetter>(setEnabled)(context, false);
            return !Marshal.GetDelegateForFunctionPointer<EnabledGetter>(getEnabled)(context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
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

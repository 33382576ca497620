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
    private static readonly Lazy<bool> Loaded = new(Preload);

    /// <summary>Loads the native TorchSharp library from beside this assembly once, if it is there.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

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

using TorchSharp;

namespace Course.Neural;

/// <summary>
/// How neural models are saved: the weights in TorchSharp's own format at <c>path</c> (readable by PyTorch-style
/// tooling and by <c>module.load</c>), and beside them a manifest <c>path.json</c> in the kit's model format
/// (<see cref="ModelFile"/>) that records the architecture, so <c>Load</c> can rebuild the module before reading the
/// weights. Loading always lands on the CPU in evaluation mode; move it with <c>model.to(device)</c>.
/// </summary>
internal static class NeuralModelFile
{
    /// <summary>The manifest's path for weights at <paramref name="path"/>.</summary>
    public static string ManifestPath(string path) => path + ".json";

    /// <summary>Writes the weights of <paramref name="module"/> and the <paramref name="architecture"/> manifest.</summary>
    public static void Save<TArchitecture>(torch.nn.Module module, string path, string format, TArchitecture architecture)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        module.save(path);
        File.WriteAllText(ManifestPath(path), ModelFile.Write(format, 1, architecture));
    }

    /// <summary>The architecture stored in the manifest beside <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest holds another model or version.</exception>
    public static TArchitecture ReadArchitecture<TArchitecture>(string path, string format) where TArchitecture : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"no weights at {path}.", path);
        string manifest = ManifestPath(path);
        if (!File.Exists(manifest)) throw new FileNotFoundException($"no manifest at {manifest}: save models with their Save method, which writes both files.", manifest);
        return ModelFile.Read<TArchitecture>(File.ReadAllText(manifest), format, 1);
    }

    /// <summary>Reads the weights at <paramref name="path"/> into <paramref name="module"/> (built from the manifest)
    /// and puts it in evaluation mode.</summary>
    /// <exception cref="FormatException">the weights do not fit the architecture.</exception>
    public static T LoadWeights<T>(T module, string path) where T : torch.nn.Module
    {
        try { module.load(path); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new FormatException($"the weights at {path} do not fit the architecture in its manifest: {e.Message}", e);
        }
        module.eval();
        return module;
    }

    /// <summary>Rebuilds a module from an architecture, turning an out-of-range value into a <see cref="FormatException"/>.</summary>
    public static T Build<T>(Func<T> build, string format)
    {
        try { return build(); }
        catch (ArgumentException e) { throw new FormatException($"corrupt '{format}' manifest: {e.Message}", e); }
    }
}

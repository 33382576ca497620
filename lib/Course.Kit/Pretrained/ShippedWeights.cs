using Course.Data;

namespace Course.Neural;

/// <summary>Where the kit's trained weights live (<c>datasets/weights/</c>), and the message that says how to remake a
/// missing file: the script that trains it and the command that runs the script.</summary>
internal static class ShippedWeights
{
    public static string Folder => Path.Combine(DatasetFiles.Root, "weights");

    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>The path of a shipped file, or a <see cref="FileNotFoundException"/> naming the script that remakes it.</summary>
    public static string Existing(string file, string script)
    {
        var path = PathOf(file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing; recreate it with: dotnet run --project lib/Course.Notebooks -c Release -- run notebooks/scripts/{script} --cell-timeout 3600 --out /tmp/weights-run", path);
        return path;
    }
}

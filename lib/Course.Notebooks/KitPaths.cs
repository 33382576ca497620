namespace Course.Notebooks;

/// <summary>Locates the kit: the folder holding Course.sln, found above the current directory or this program.</summary>
public static class KitPaths
{
    /// <summary>The kit's root folder.</summary>
    /// <exception cref="DirectoryNotFoundException">no Course.sln above the current directory or the program.</exception>
    public static string Root { get; } = Find();

    /// <summary>The lessons folder.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The built library the notebooks load (<c>lib/Course.Kit/bin</c>).</summary>
    public static string KitBin => Path.Combine(Root, "lib", "Course.Kit", "bin");

    /// <summary>The command that builds <see cref="KitBin"/>.</summary>
    public const string BuildCommand = "dotnet build Course.sln -c Release";

    /// <summary>Null when the library is built, else a sentence saying so with the command to run.</summary>
    public static string? LibraryMissing() => File.Exists(Path.Combine(KitBin, "Course.Kit.dll")) ? null
        : $"the kit's library is not built ({Path.Combine("lib", "Course.Kit", "bin", "Course.Kit.dll")} is missing). In the kit's folder run: {BuildCommand}";

    /// <summary>Where the main command writes rendered lessons (a build artefact, ignored by git).</summary>
    public static string Rendered => Path.Combine(Notebooks, "_rendered");

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Course.sln not found above the current directory; run the command from inside the kit.");
    }
}

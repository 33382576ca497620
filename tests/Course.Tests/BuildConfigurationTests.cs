using System.Diagnostics;

namespace Course.Tests;

/// <summary>The notebooks load an optimised library whatever the learner built last: the three assemblies in
/// lib/Course.Kit/bin compile with optimisations in Debug too (a Debug library made lesson 05 take 204 s, not 58 s).</summary>
[Trait("Category", Tier.Slow)]
public class BuildConfigurationTests
{
    [Theory]
    [InlineData("Course.Lib")]
    [InlineData("Course.Neural")]
    [InlineData("Course.Kit")]
    public void The_libraries_the_notebooks_load_are_optimised_in_every_configuration(string project)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Course.sln"))) root = root.Parent;
        Assert.NotNull(root);
        foreach (var configuration in new[] { "Debug", "Release" })
        {
            // MSBuild's own evaluation of the project, as `dotnet build -c <configuration>` would see it.
            var psi = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(root.FullName, "lib", project, project + ".csproj"), "-getProperty:Optimize", $"-p:Configuration={configuration}"])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("true", output.Trim());
        }
    }
}

using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Course.Notebooks.Tests;

/// <summary>What the README says about the notebook routes stays true: the dev container offers the Jupyter route, and
/// the pinned versions the README names are the ones the kit pins.</summary>
public class RoutesTests
{
    [Fact]
    public void The_dev_container_parses_and_offers_the_jupyter_route_with_the_kit_built()
    {
        var container = JsonNode.Parse(File.ReadAllText(Path.Combine(Kit.Root, ".devcontainer", "devcontainer.json")))!.AsObject();
        var extensions = container["customizations"]!["vscode"]!["extensions"]!.AsArray().Select(e => (string?)e).ToList();
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);
        var commands = string.Join("\n", new[] { "onCreateCommand", "updateContentCommand", "postCreateCommand" }.Select(k => (string?)container[k] ?? ""));
        Assert.Contains("dotnet build Course.sln -c Release", (string?)container["updateContentCommand"]); // a Codespaces prebuild runs it
        Assert.Contains("dotnet tool restore", commands);
        Assert.Contains("dotnet interactive jupyter install", commands);
        Assert.Contains("jupyter", (string?)container["onCreateCommand"]);
    }

    [Fact]
    public void The_readme_names_the_pinned_versions_and_the_deprecation()
    {
        var text = File.ReadAllText(Path.Combine(Kit.Root, "README.md"));
        var readme = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "); // as read, whatever the line breaks
        var packages = XDocument.Load(Path.Combine(Kit.Root, "Directory.Packages.props"));
        var engine = packages.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == "Microsoft.DotNet.Interactive").Attribute("Version")!.Value;
        var tools = JsonNode.Parse(File.ReadAllText(Path.Combine(Kit.Root, ".config", "dotnet-tools.json")))!["tools"]!;
        Assert.Contains($"`Microsoft.DotNet.Interactive*` {engine}", readme);
        Assert.Contains($"`Microsoft.dotnet-interactive` {(string?)tools["microsoft.dotnet-interactive"]!["version"]}", readme);
        Assert.Contains($"`dotnet-repl` {(string?)tools["dotnet-repl"]!["version"]}", readme);
        Assert.Contains("deprecated the Polyglot Notebooks extension on 27 March 2026 and .NET Interactive itself on 24 April 2026", readme);
        Assert.StartsWith("## Quick start", text[text.IndexOf("\n## ", StringComparison.Ordinal)..].TrimStart()); // the first section
    }
}

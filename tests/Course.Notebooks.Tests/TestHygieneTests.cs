using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Tests;

/// <summary>Rules for the tests themselves, read from their sources.</summary>
public class TestHygieneTests
{
    private static readonly HashSet<string> TestAttributes = ["Fact", "Theory", "SkippableFact", "SkippableTheory"];

    /// <summary>Every <c>return</c> that ends a test method's own body early (not one inside a lambda or local
    /// function), as "file:line method".</summary>
    internal static IEnumerable<string> EarlyReturns(string source, string file)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            bool isTest = method.AttributeLists.SelectMany(l => l.Attributes)
                .Any(a => TestAttributes.Contains(a.Name.ToString().Split('.')[^1].Replace("Attribute", "")));
            if (!isTest) continue;
            foreach (var ret in method.DescendantNodes().OfType<ReturnStatementSyntax>())
            {
                // The nearest function around the return decides whose body it leaves.
                var owner = ret.Ancestors().First(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax);
                if (owner == method)
                    yield return $"{file}:{ret.GetLocation().GetLineSpan().StartLinePosition.Line + 1} {method.Identifier.Text}";
            }
        }
    }

    /// <summary>A test that cannot apply on a machine says so with a skip and its reason; a test that returns early
    /// is counted as passed by every runner, and hides that nothing was checked.</summary>
    [Fact]
    public void No_test_returns_early_as_a_pass()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Kit.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(f => EarlyReturns(File.ReadAllText(f), Path.GetRelativePath(Kit.Root, f)))
            .ToList();
        Assert.True(offenders.Count == 0, "tests that return early (use Skip.If/Skip.IfNot with a reason):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_scan_finds_an_early_return_and_ignores_returns_in_lambdas_and_helpers()
    {
        const string source = """
            public class T
            {
                [Fact] public void Early() { if (System.Environment.ProcessorCount > 64) return; Assert.True(true); }
                [Xunit.Theory] public async Task EarlyAsync(int a) { if (a > 1) { return; } await Task.Yield(); }
                [Fact] public void Fine() { int F(int x) { return x; } System.Func<int> g = () => { return 1; }; Assert.Equal(F(1), g()); }
                private int Helper() { return 3; }
            }
            """;
        Assert.Equal(["t.cs:3 Early", "t.cs:4 EarlyAsync"], EarlyReturns(source, "t.cs").ToArray());
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Grading;

/// <summary>Top-level names a notebook cell declares, read with Roslyn's script parser (the kernel's own language
/// mode), so a learner's reformatted or commented cell is still found by what it defines.</summary>
public static class Declarations
{
    /// <summary>How the kernel parses a cell: C# script, latest language version.</summary>
    internal static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The functions, types and variables declared at the top level of <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<string> Names(string source)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, Script).GetRoot();
        var names = new List<string>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax m: names.Add(m.Identifier.ValueText); break;
                case BaseTypeDeclarationSyntax t: names.Add(t.Identifier.ValueText); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.ValueText); break;
                case FieldDeclarationSyntax f: names.AddRange(f.Declaration.Variables.Select(v => v.Identifier.ValueText)); break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax l }: names.Add(l.Identifier.ValueText); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax v }: names.AddRange(v.Declaration.Variables.Select(x => x.Identifier.ValueText)); break;
            }
        }
        return names;
    }
}

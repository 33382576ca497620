using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks;

/// <summary>
/// Writes a lesson as a .NET 10 file-based app (<c>notebooks/01-kmeans.cs</c>) from the learner notebook's cells, so
/// the lesson also runs with <c>dotnet run</c> and no notebook kernel (.NET Interactive is deprecated; the README
/// says when to use which route). Course.Kit's <c>LessonApp</c> runs it and reads its layout back for the page.
/// </summary>
/// <remarks>
/// A notebook is a chain of script submissions; one C# file is not. Each cell is parsed as a script with Roslyn and
/// turned into top-level statements: its <c>using</c> directives move to the top of the file, its type declarations
/// after the top-level code (C# requires both), a trailing expression becomes <c>display(expr);</c> (what the kernel
/// shows), <c>#r</c> and <c>#!</c> lines go (the <c>#:project</c> directive references the kit), and a top-level
/// variable that a later cell declares again (which a script allows) is renamed in that cell and after it. The two
/// set-up cells become <c>Begin();</c>. Markdown cells become <c>/* ... */</c> blocks and each code cell starts with
/// <c>Cell(n);</c>, n being its number in the notebook.
/// </remarks>
public static class LessonAppSource
{
    private static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>A lesson app's cells as the notebook's: its prose blocks as Markdown cells, the code after each
    /// <c>Cell(n);</c> as a C# cell (its trailing expression is wrapped in <c>display</c>, which grading ignores), so
    /// the grader reads an app's exercises as it reads the notebook's. Cells are numbered in file order; their line is
    /// the app's.</summary>
    public static IReadOnlyList<Cell> Cells(string appText) =>
        Course.Lessons.SourceBlocks.Read(appText).Select((b, i) => new Cell(i + 1, b.Cell is null ? "markdown" : "csharp", b.Text, b.Line)).ToList();

    /// <summary>The app path beside a learner <c>.dib</c>.</summary>
    public static string PathFor(string learnerDib) => Path.ChangeExtension(learnerDib, ".cs");

    /// <summary>The app's text for learner .dib text.</summary>
    /// <exception cref="FormatException">a Markdown cell holds <c>*/</c>, or a code cell a line the app's layout reserves.</exception>
    public static string Generate(string learnerDibText, string dibName)
    {
        var cells = DibFile.Parse(learnerDibText, dibName);
        var usings = new List<string>();
        var types = new List<string>();
        var body = new StringBuilder();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new List<(Cell Cell, CompilationUnitSyntax Root)>();
        foreach (var cell in cells)
        {
            if (!cell.IsCode)
            {
                if (cell.Source.Split('\n').Any(l => l.Contains("*/", StringComparison.Ordinal)))
                    throw new FormatException($"{dibName}, cell {cell.Number}: Markdown holding */ cannot become a comment of the lesson app.");
                continue;
            }
            var tree = CSharpSyntaxTree.ParseText(cell.Source, Script);
            var root = (CompilationUnitSyntax)tree.GetRoot();
            foreach (var u in root.Usings)
            {
                var text = u.WithoutTrivia().ToString();
                if (!text.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal) && !usings.Contains(text)) usings.Add(text);
            }
            if (IsSetUp(cell)) continue;
            parsed.Add((cell, root));
        }
        // One C# method cannot declare a name in a block inside the scope of a top-level local of the same name
        // (CS0136), which a notebook allows. Lambdas and local functions may shadow one, except a name that is renamed
        // (declared at the top level of two cells): its uses inside them could not be told from their own without binding.
        var topLevel = parsed.SelectMany(p => TopLevelNames(p.Root)).ToHashSet(StringComparer.Ordinal);
        var redeclared = parsed.SelectMany(p => TopLevelNames(p.Root).Distinct()).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var clashes = parsed.SelectMany(p => NestedNames(p.Root).Where(n => n.InFunction ? redeclared.Contains(n.Name) : topLevel.Contains(n.Name))
            .Select(n => $"cell {p.Cell.Number}, line {n.Line}: '{n.Name}'")).ToList();
        if (clashes.Count > 0)
            throw new FormatException($"{dibName}: names declared inside a block (or, for a name two cells declare, a lambda or function) and at the top level of a cell, which would clash in one C# file, the lesson app; rename one of each: {string.Join("; ", clashes)}.");
        foreach (var cell in cells)
        {
            if (!cell.IsCode)
            {
                body.Append("/*\n").Append(cell.Source).Append("\n*/\n\n");
                continue;
            }
            if (parsed.FirstOrDefault(p => p.Cell == cell).Root is not { } root) continue;
            var code = Convert(root, cell, types, renames, declared, dibName);
            body.Append($"Cell({cell.Number});\n").Append(code.Trim('\n')).Append("\n\n");
        }
        var file = new StringBuilder();
        file.Append($"// {Title(cells)}, as a .NET 10 file-based app. Run it from this folder with `dotnet run {Path.ChangeExtension(dibName, ".cs")}`:\n");
        file.Append("// it prints each exercise's check and writes the page with every chart to _rendered/. Write your code where it\n");
        file.Append("// says `throw new NotImplementedException()`, set a breakpoint in it if you like, and run again. Generated by\n");
        file.Append("// `course strip` from the lesson's .solution.dib, like the .dib and .ipynb beside it.\n");
        file.Append("#:project ../lib/Course.Exercises/Course.Exercises.csproj\n");
        file.Append("#:property PublishAot=false\n"); // file-based apps default to native AOT; TorchSharp and Plotly.NET need the JIT
        file.Append("#:property Nullable=disable\n\n"); // as in the notebook kernel, whose cells carry no nullable annotations
        foreach (var u in usings) file.Append(u).Append('\n');
        file.Append("using static Course.Lessons.LessonApp;\n\nBegin();\n\n");
        file.Append(body);
        file.Append("End();\n");
        if (types.Count > 0)
        {
            file.Append("\n// The types the cells above declare: C# puts type declarations after the top-level code.\n\n");
            file.Append(string.Join("\n\n", types)).Append('\n');
        }
        return file.ToString();
    }

    // A trailing Console.Write/WriteLine call shows nothing in the kernel (it returns void): it stays a statement.
    private static bool PrintsOnly(ExpressionSyntax e) =>
        e is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Console" }, Name.Identifier.ValueText: "WriteLine" or "Write" } };

    private static bool IsSetUp(Cell cell) => cell.Source.StartsWith("// Set-up, part", StringComparison.Ordinal);

    private static string Title(IReadOnlyList<Cell> cells) =>
        cells.FirstOrDefault(c => !c.IsCode)?.Source.Split('\n')[0].TrimStart('#', ' ') ?? "A lesson";

    // One cell as top-level statements, its types moved out, its trailing expression displayed, its names renamed.
    private static string Convert(CompilationUnitSyntax root, Cell cell, List<string> types, Dictionary<string, string> renames, HashSet<string> declared, string dibName)
    {
        // Names this cell declares at top level that an earlier cell declared too: renamed from here on.
        foreach (var name in TopLevelNames(root))
        {
            if (declared.Add(name)) { renames.Remove(name); continue; }
            int n = 2;
            while (declared.Contains($"{name}{n}")) n++;
            renames[name] = $"{name}{n}";
            declared.Add($"{name}{n}");
        }
        var rewritten = (CompilationUnitSyntax)new Renamer(renames).Visit(root)!;
        var kept = new List<MemberDeclarationSyntax>();
        foreach (var member in rewritten.Members)
        {
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                types.Add(member.ToFullString().Trim('\n', '\r'));
                var name = member is BaseTypeDeclarationSyntax t ? t.Identifier.ValueText : ((DelegateDeclarationSyntax)member).Identifier.ValueText;
                kept.Add(SyntaxFactory.GlobalStatement(SyntaxFactory.EmptyStatement().WithSemicolonToken(SyntaxFactory.MissingToken(SyntaxKind.SemicolonToken)))
                    .WithLeadingTrivia(SyntaxFactory.Comment($"// {name} is declared at the end of this file: C# puts types after the top-level code."), SyntaxFactory.EndOfLine("\n")));
            }
            else kept.Add(member);
        }
        var text = new StringBuilder();
        for (int i = 0; i < kept.Count; i++)
        {
            var member = kept[i];
            if (i == kept.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last } && PrintsOnly(last.Expression))
                text.Append(last.WithoutTrailingTrivia().ToFullString()).Append(';').Append(last.GetTrailingTrivia().ToFullString());
            else if (i == kept.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } shown })
                text.Append(shown.GetLeadingTrivia().ToFullString()).Append("display(").Append(shown.Expression.WithoutTrivia().ToFullString()).Append(");");
            else text.Append(member.ToFullString());
        }
        // Leading trivia of the compilation unit's end (comments after the last member) and any #r / #! lines.
        text.Append(rewritten.EndOfFileToken.LeadingTrivia.ToFullString());
        var lines = text.ToString().Replace("\r\n", "\n").Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal) && !l.StartsWith("#!", StringComparison.Ordinal)).ToList();
        if (lines.Any(l => l == "/*" || l == "*/" || l == "End();" || (l.StartsWith("Cell(", StringComparison.Ordinal) && l.EndsWith(");", StringComparison.Ordinal))))
            throw new FormatException($"{dibName}, cell {cell.Number}: a line reads like the lesson app's layout (/*, */, Cell(n); or End(); alone); indent or reword it.");
        return string.Join("\n", lines);
    }

    // The variables a cell declares at its top level (a script makes them fields; the app, locals of one scope).
    private static IEnumerable<string> TopLevelNames(CompilationUnitSyntax root)
    {
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
                _ => null,
            };
            if (declaration is not null) foreach (var v in declaration.Variables) yield return v.Identifier.ValueText;
            if (member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax d } } })
                foreach (var id in d.Designation.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()) yield return id.Identifier.ValueText;
        }
    }

    // Names declared below a cell's top level: in blocks, loops, patterns, out arguments and catch clauses, and
    // (InFunction) the parameters and locals of lambdas and local functions.
    private static IEnumerable<(string Name, int Line, bool InFunction)> NestedNames(CompilationUnitSyntax root)
    {
        var topLevel = root.Members.Select(m => m switch
        {
            FieldDeclarationSyntax f => (SyntaxNode)f.Declaration,
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
            _ => null,
        }).OfType<SyntaxNode>().SelectMany(d => d.ChildNodes().OfType<VariableDeclaratorSyntax>()).ToHashSet();
        foreach (var node in root.DescendantNodes())
        {
            SyntaxToken? id = node switch
            {
                VariableDeclaratorSyntax v when !topLevel.Contains(v) => v.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                SingleVariableDesignationSyntax d when !IsTopLevelDesignation(d) => d.Identifier,
                CatchDeclarationSyntax c when c.Identifier.IsKind(SyntaxKind.IdentifierToken) => c.Identifier,
                ParameterSyntax p => p.Identifier,
                _ => null,
            };
            if (id is not { } token || token.ValueText.Length == 0) continue;
            bool inFunction = node.AncestorsAndSelf().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax or BaseTypeDeclarationSyntax);
            yield return (token.ValueText, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, inFunction);
        }
    }

    private static bool IsTopLevelDesignation(SingleVariableDesignationSyntax d) =>
        d.Ancestors().OfType<DeclarationExpressionSyntax>().FirstOrDefault() is { Parent: AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: GlobalStatementSyntax } } };

    // Renames identifiers that name a renamed variable: not member names after '.', not named arguments or members.
    private sealed class Renamer(Dictionary<string, string> renames) : CSharpSyntaxRewriter
    {
        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || !renames.TryGetValue(token.ValueText, out var to)) return token;
            var parent = token.Parent;
            bool isName = parent switch
            {
                IdentifierNameSyntax id => !(id.Parent is MemberAccessExpressionSyntax m && m.Name == id)
                    && !(id.Parent is MemberBindingExpressionSyntax)
                    && id.Parent is not NameColonSyntax && id.Parent is not NameEqualsSyntax
                    && !(id.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } } a && a.Left == id),
                VariableDeclaratorSyntax v => v.Parent?.Parent is LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax } || v.Parent?.Parent is FieldDeclarationSyntax,
                SingleVariableDesignationSyntax => true,
                _ => false,
            };
            return isName ? SyntaxFactory.Identifier(token.LeadingTrivia, to, token.TrailingTrivia) : token;
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Grading;

/// <summary>
/// Flags graded code that reaches outside an exercise: reflection (and expression trees, <c>dynamic</c>, module
/// initialisers), processes, ending the process, unsafe or native code, file writes (XML, JSON and zip writers too),
/// the process's console streams, pipes and sockets, the kit's global state (the linear-algebra backend), and kernel
/// directives (<c>#r</c>, <c>#!</c>, after any line break). These are ways to
/// tamper with a check running in the same process, so the gradebook marks such a submission "needs review" for a
/// person to read; the grade itself is unchanged (an honest solution may use them). It reads tokens, not text, so
/// comments and strings do not trigger it, and it errs towards flagging.
/// </summary>
public static class ReviewScan
{
    private static readonly (string Reason, string[] Identifiers)[] Rules =
    [
        ("reflection", ["Reflection", "GetField", "GetFields", "GetMethod", "GetMethods", "GetProperty", "GetProperties", "GetMember", "GetMembers",
            "InvokeMember", "Activator", "Assembly", "AssemblyLoadContext", "MethodInfo", "FieldInfo", "PropertyInfo", "BindingFlags", "Emit", "CreateDelegate", "UnsafeAccessor",
            // Expression trees and dynamic binding reach members by name at run time, as reflection does.
            "Expression", "LambdaExpression", "dynamic", "DynamicMethod", "CallSite", "Binder", "ModuleInitializer"]),
        ("processes", ["Process", "ProcessStartInfo", "CommandLine"]),
        ("Environment.Exit", ["Exit", "FailFast"]),
        ("unsafe code", ["Marshal", "NativeLibrary", "DllImport", "LibraryImport", "Unsafe", "NativeMemory", "GCHandle"]),
        ("file writes", ["FileInfo", "FileStream", "StreamWriter", "DirectoryInfo", "FileSystemInfo", "BinaryWriter", "MemoryMappedFile", "SafeFileHandle",
            "XmlWriter", "XmlTextWriter", "XmlDocument", "XDocument", "XElement", "ZipFile", "ZipArchive", "Utf8JsonWriter"]),
        ("pipes and sockets", ["NamedPipeClientStream", "NamedPipeServerStream", "AnonymousPipeClientStream", "AnonymousPipeServerStream", "PipeStream",
            "Socket", "TcpClient", "TcpListener", "UdpClient", "HttpClient", "WebClient", "WebRequest", "ClientWebSocket", "UnixDomainSocketEndPoint", "Dns"]),
        ("global state", ["Backend", "ILinearAlgebra", "TorchLinearAlgebra", "ManagedLinearAlgebra"]),
        ("console streams", ["SetOut", "SetError", "SetIn", "OpenStandardOutput", "OpenStandardError", "OpenStandardInput"]),
    ];

    // File.X and Directory.X flag only when X can change the file system (reading data is ordinary).
    private static readonly string[] WritingMembers = ["Write", "Append", "Create", "Delete", "Move", "Copy", "Replace", "Open", "Set", "Encrypt", "Decrypt"];

    private static readonly Dictionary<string, string> ByIdentifier =
        Rules.SelectMany(r => r.Identifiers.Select(i => (i, r.Reason))).ToDictionary(p => p.i, p => p.Reason);

    /// <summary>The reasons to review <paramref name="sources"/>, each once, in a fixed order; empty when none.</summary>
    public static IReadOnlyList<string> Reasons(IEnumerable<string> sources)
    {
        var found = new HashSet<string>();
        foreach (var source in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source, Declarations.Script).GetRoot();
            foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && ByIdentifier.TryGetValue(token.ValueText, out var reason)) found.Add(reason);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "File" or "Directory"
                    && token.GetNextToken() is { RawKind: (int)SyntaxKind.DotToken } dot
                    && WritingMembers.Any(w => dot.GetNextToken().ValueText.StartsWith(w, StringComparison.Ordinal)))
                    found.Add("file writes");
                if (token.IsKind(SyntaxKind.UnsafeKeyword) || token.IsKind(SyntaxKind.ExternKeyword) || token.IsKind(SyntaxKind.FixedKeyword))
                    found.Add("unsafe code");
            }
            // Kernel directives are not C#: #r loads an assembly or a package, #! runs a kernel command. A line may end
            // with any of the line breaks C# and the kernel know (a bare carriage return too).
            if (source.Split(['\n', '\r', '\u0085', '\u2028', '\u2029']).Any(l => l.TrimStart() is var t && (t.StartsWith("#r", StringComparison.Ordinal) || t.StartsWith("#!", StringComparison.Ordinal) || t.StartsWith("#load", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal))))
                found.Add("kernel directives");
        }
        return Rules.Select(r => r.Reason).Append("kernel directives").Where(found.Contains).ToList();
    }
}

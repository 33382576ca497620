using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace Course.Notebooks;

/// <summary>
/// One in-process C# kernel (the pinned .NET Interactive packages, the same kernel VS Code's Polyglot Notebooks uses)
/// that runs cells one at a time with a time limit each. Shared by the lesson runner and the grader's child process.
/// </summary>
/// <remarks>A cell that exceeds the limit is reported; its thread cannot be aborted, so the session is then unusable
/// and callers end the process (the CLI does).</remarks>
public sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel kernel;
    private readonly CSharpKernel csharp;

    /// <summary>A fresh kernel with the helpers (<c>display</c>, <c>HTML</c>) and value sharing a notebook has.</summary>
    public KernelSession()
    {
        csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        EmitLineNumbers(csharp);
        kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = "csharp";
    }

    /// <summary>Whether cells are compiled with debug information, so an exception's frames carry the cell's line
    /// numbers (<see cref="CellError"/>).</summary>
    public bool LineNumbers { get; private set; }

    // The kernel keeps its Roslyn script options in a private field and offers no setting for debug information. The
    // packages are pinned and their repository archived, so the field will not move under us; a test fails if it does
    // (and cells then report their errors without line numbers rather than failing).
    private void EmitLineNumbers(CSharpKernel csharp)
    {
        if (ScriptOptions?.GetValue(csharp) is not Microsoft.CodeAnalysis.Scripting.ScriptOptions options) return;
        ScriptOptions.SetValue(csharp, options.WithEmitDebugInformation(true).WithFilePath("cell").WithFileEncoding(System.Text.Encoding.UTF8));
        LineNumbers = true;
    }

    private static readonly System.Reflection.FieldInfo? ScriptOptions =
        typeof(CSharpKernel).GetField("_scriptOptions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    // Each cell is compiled under a file name that says which cell it is and where it starts (NotebookFrames), so a frame
    // in a function declared in an earlier cell names that cell's line, not the failing cell's. The kernel reads its
    // options afresh for every submission (and #r adds to them), so only the file name is changed.
    private void NameCell(Cell cell)
    {
        if (LineNumbers && ScriptOptions?.GetValue(csharp) is Microsoft.CodeAnalysis.Scripting.ScriptOptions options)
            ScriptOptions.SetValue(csharp, options.WithFilePath(Course.Grading.NotebookFrames.FileName(cell.Number, cell.Line)));
    }

    /// <summary>Runs <paramref name="cell"/>'s source. <see cref="CellResult.TimedOut"/> is set when it overran
    /// <paramref name="limit"/>; then the kernel must not be used again.</summary>
    public async Task<CellResult> RunAsync(Cell cell, TimeSpan limit)
    {
        var cr = new CellResult { Cell = cell };
        var clock = Stopwatch.StartNew();
        // On the thread pool: the kernel may run a submission synchronously, and a cell that never returns would then
        // never let the time limit fire.
        NameCell(cell);
        var send = Task.Run(() => kernel.SendAsync(new SubmitCode(cell.Source, "csharp")));
        if (await Task.WhenAny(send, Task.Delay(limit)) != send)
        {
            cr.Error = $"the cell did not finish within the {limit.TotalSeconds:0} s time limit.";
            cr.TimedOut = true;
        }
        else Collect(await send, cr);
        cr.Elapsed = clock.Elapsed;
        return cr;
    }

    /// <summary>
    /// When the notebook keeps a TorchSharp device in a variable named <c>device</c> (the neural lessons do), every
    /// variable holding a tensor or module that is not on it, as "name (where it is)"; otherwise none. A lesson run
    /// with <c>COURSE_DEVICE</c> set (Course.Neural's <c>NeuralDevice</c>) thus shows that every tensor it keeps was
    /// created on the chosen device.
    /// </summary>
    /// <remarks>The engine does not reference TorchSharp (the kernel loads the kit the notebook names with <c>#r</c>),
    /// so the check is the kit's <c>NeuralDevice.Strays</c>, found among the loaded assemblies and called by
    /// reflection.</remarks>
    public IReadOnlyList<string> DeviceStrays()
    {
        if (!csharp.TryGetValue<object>("device", out var device) || device?.GetType().FullName != "TorchSharp.torch+Device")
            return [];
        // Each notebook's kernel may load its own copy of the kit in one process (a run of several lessons): the check
        // is the copy whose device type is the notebook's.
        var strays = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Course.Neural")
            .Select(a => a.GetType("Course.Neural.NeuralDevice")?.GetMethod("Strays"))
            .FirstOrDefault(m => m?.GetParameters()[0].ParameterType == device.GetType());
        if (strays is null) return ["device (the kit's NeuralDevice.Strays is not loaded, so the tensors could not be checked)"];
        // A name declared again in a later cell is a new variable; the last one is the one the notebook sees.
        var values = (csharp.ScriptState?.Variables ?? []).GroupBy(v => v.Name)
            .Select(g => KeyValuePair.Create(g.Key, g.Last().Value)).ToList();
        return (IReadOnlyList<string>)strays.Invoke(null, [device, values])!;
    }

    /// <inheritdoc/>
    public void Dispose() => kernel.Dispose();

    private static void Collect(KernelCommandResult commandResult, CellResult cr)
    {
        var byId = new Dictionary<string, CellOutput>();
        foreach (var e in commandResult.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated u when u.ValueId is not null && byId.TryGetValue(u.ValueId, out var existing):
                    existing.Data = Formatted(u);
                    break;
                case StandardOutputValueProduced o:
                    cr.Outputs.Add(new CellOutput { Kind = "stdout", Data = Formatted(o) });
                    break;
                case StandardErrorValueProduced o:
                    cr.Outputs.Add(new CellOutput { Kind = "stderr", Data = Formatted(o) });
                    break;
                case DisplayEvent d:
                    if (d is ReturnValueProduced r) cr.ReturnValue = r.Value;
                    var output = new CellOutput { Kind = "display", Data = Formatted(d), ValueId = d.ValueId };
                    cr.Outputs.Add(output);
                    if (d.ValueId is not null) byId[d.ValueId] = output;
                    break;
                case CommandFailed f:
                    // A compile error's message names the line already; an exception is shortened to the notebook's frames.
                    if (f.Exception is { } exception)
                        (cr.Error, cr.FailedLine) = CellError.Describe(exception, cr.Cell.Line);
                    else cr.Error = f.Message;
                    cr.Outputs.Add(new CellOutput { Kind = "error", Data = { ["text/plain"] = cr.Error } });
                    break;
            }
        }
    }

    private static Dictionary<string, string> Formatted(DisplayEvent e)
        => e.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => string.Concat(g.Select(v => v.Value)));
}

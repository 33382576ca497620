using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Course.Neural;

namespace Course.Lessons;

/// <summary>
/// What the lessons' shared set-up cell calls. Kept free of the notebook kernel's packages so the library also works
/// in plain programs; the set-up cell wires these into the kernel's formatter.
/// </summary>
public static class Kit
{
    private static int _setUp;

    /// <summary>
    /// Prepares the process for the lessons: lets Plotly.NET (built against FSharp.Core 10.1) run in kernels that
    /// ship an older FSharp.Core (dotnet-repl, the VS Code kernel) by resolving it to the one already loaded, and makes
    /// libtorch's OpenMP threads wait passively so training does not starve the other core, then loads libtorch from
    /// the build output (see <see cref="TorchRuntime"/>) and makes it the linear-algebra backend. Idempotent.
    /// </summary>
    public static void Setup()
    {
        if (Interlocked.Exchange(ref _setUp, 1) == 1) return;
        // libtorch's OpenMP reads this when it loads: busy-waiting threads slow 2-core training 20-50x (lib/TOOLCHAIN.md).
        TorchRuntime.SetNativeEnvironment("OMP_WAIT_POLICY", "PASSIVE");
        TorchRuntime.EnsureLoaded();
        TorchLinearAlgebra.Use(); // the lessons decompose image data: libtorch's LAPACK, not the managed fallback
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name != "FSharp.Core") return null;
            return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
                ?? LoadBeside(name);
        };
    }


    private static Assembly? LoadBeside(AssemblyName name)
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(Kit).Assembly.Location)!, name.Name + ".dll");
        return File.Exists(path) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The types the set-up cell registers HTML formatters for, each with its HTML: Plotly.NET's charts (offline,
    /// <see cref="Plotting.OfflinePlotly"/>), Microsoft.Data.Analysis's data frames (a head-and-tail table,
    /// <see cref="Plotting.Table.Frame"/>) and <see cref="HtmlOutput"/>. Read it after <see cref="Setup"/>, which lets
    /// Plotly's FSharp.Core load.</summary>
    public static IReadOnlyList<(Type Type, Func<object, string> ToHtml)> HtmlFormatters =>
    [
        (Charting.ChartType, Charting.Html),
        (typeof(Microsoft.Data.Analysis.DataFrame), frame => Plotting.Table.Frame((Microsoft.Data.Analysis.DataFrame)frame)),
        (typeof(HtmlOutput), html => ((HtmlOutput)html).Markup),
    ];

    /// <summary>Markup shown as HTML by <c>display(...)</c> (see <see cref="HtmlOutput"/> for why not the kernel's <c>HTML</c>).</summary>
    /// <exception cref="ArgumentNullException">markup is null.</exception>
    public static HtmlOutput Html(string markup) => new(markup ?? throw new ArgumentNullException(nameof(markup)));

    /// <summary>The script element that defines plotly.js; the set-up cell displays it once.</summary>
    public static HtmlOutput PlotlyScript() => new(Charting.Script());

    /// <summary>
    /// A <see cref="FitObserver"/> that shows iteration reports through <paramref name="update"/> (pass a displayed
    /// value's <c>Update</c> method), at most every 100 ms plus the last report, so fast loops do not flood the notebook.
    /// </summary>
    public static FitObserver ShowProgress(Action<object> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var clock = Stopwatch.StartNew();
        long last = -1000;
        return new FitObserver { Progress = new InlineProgress<IterationProgress>(p =>
        {
            // Throttled; a run that stops early leaves its last shown step a little stale, which the caller's
            // final Update (e.g. "done") replaces.
            if (clock.ElapsedMilliseconds - last < 100 && p.Step < p.Total) return;
            last = clock.ElapsedMilliseconds;
            update(p.ToString());
        }) };
    }

    // A separate class so that Plotly (and so FSharp.Core) is loaded only when these members first run, after Setup.
    private static class Charting
    {
        public static Type ChartType => typeof(Plotly.NET.GenericChart);
        public static string Html(object chart) => Plotting.OfflinePlotly.ChartHtml((Plotly.NET.GenericChart)chart);
        public static string Script() => Plotting.OfflinePlotly.ScriptTag();
    }
}

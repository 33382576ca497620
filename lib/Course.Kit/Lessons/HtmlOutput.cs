namespace Course.Lessons;

/// <summary>
/// Markup to show as a cell's output: <c>display(Kit.Html(Table.Html(rows)))</c>. The set-up cell registers an HTML
/// formatter for it (<see cref="Kit.HtmlFormatters"/>).
/// </summary>
/// <remarks>Why not the kernel's own <c>HTML(...)</c>: it returns ASP.NET's <c>IHtmlContent</c>, and in the Jupyter
/// kernel (the .NET Interactive tool, which runs on ASP.NET 10) every cell that names it printed warning CS1701 about
/// Microsoft.AspNetCore.Html.Abstractions 2.3.0 against 10.0.0 as red stderr. A type of the kit's own names no
/// ASP.NET assembly, and the same cells run in a program that has no notebook kernel at all.</remarks>
/// <param name="Markup">The HTML fragment.</param>
public sealed record HtmlOutput(string Markup)
{
    /// <summary>The markup itself, so an output concatenated into a string keeps its HTML.</summary>
    public override string ToString() => Markup;
}

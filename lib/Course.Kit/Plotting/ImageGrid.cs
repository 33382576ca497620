using System.Net;
using System.Text;

namespace Course.Plotting;

/// <summary>Image grids as self-contained HTML (PNG data URIs): pixel images a scatter chart cannot show.</summary>
public static class ImageGrid
{
    private const int Gap = 6;

    /// <summary>
    /// A grid of greyscale images, one per row of <paramref name="images"/> (each row <c>height * width</c> values in
    /// [<paramref name="min"/>, <paramref name="max"/>]), with optional captions, scaled up by <paramref name="zoom"/>.
    /// </summary>
    public static string Html(Matrix images, int width, int height, IReadOnlyList<string>? captions = null, int columns = 10, int zoom = 3, double min = 0, double max = 1, string? title = null)
    {
        Guard.Data(images, nameof(images));
        if (!(max > min)) throw new ArgumentException($"max ({max}) must be greater than min ({min}).", nameof(max));
        if (images.Cols != width * height) throw new ArgumentException($"each image needs {width}x{height} = {width * height} values but images has {images.Cols} columns.", nameof(images));
        var sb = new StringBuilder();
        sb.Append("<div class=\"course-image-grid\" style=\"font-family:sans-serif\">");
        if (title is not null) sb.Append($"<div style=\"font-weight:bold;margin:4px 0\">{WebUtility.HtmlEncode(title)}</div>");
        columns = Math.Max(1, columns);
        // The row of images fits the page's content column: a wider one scrolled, its last images cut off (16 images
        // at zoom 2 are 986 pixels). Then every image shrinks to the width that fits, never below its own size.
        int shown = Math.Min(columns, Math.Max(1, images.Rows));
        double scale = Math.Max(1, Math.Min(zoom, (Panels.ColumnWidth - Gap * (shown - 1)) / (double)(shown * width)));
        int w = (int)(width * scale), h = (int)(height * scale);
        sb.Append($"<div style=\"display:grid;grid-template-columns:repeat({columns},max-content);gap:{Gap}px\">");
        for (int i = 0; i < images.Rows; i++)
        {
            sb.Append("<figure style=\"margin:0;text-align:center;font-size:11px\">");
            sb.Append($"<img src=\"{Png.GreyDataUri(images.Row(i), width, height, min, max)}\" width=\"{w}\" height=\"{h}\" style=\"image-rendering:pixelated\"/>");
            if (captions is not null && i < captions.Count) sb.Append($"<figcaption>{WebUtility.HtmlEncode(captions[i])}</figcaption>");
            sb.Append("</figure>");
        }
        sb.Append("</div></div>");
        return sb.ToString();
    }

    /// <summary>RGB images side by side (each <c>height x width x 3</c> bytes), e.g. an image before and after quantisation.</summary>
    public static string RgbHtml(IReadOnlyList<(byte[] Pixels, string Caption)> images, int width, int height, int zoom = 2)
    {
        var sb = new StringBuilder("<div style=\"display:flex;gap:12px;font-family:sans-serif\">");
        foreach (var (px, caption) in images)
            sb.Append($"<figure style=\"margin:0;text-align:center\"><img src=\"{Png.DataUri(px, width, height, 3)}\" width=\"{width * zoom}\" height=\"{height * zoom}\"/><figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>");
        return sb.Append("</div>").ToString();
    }
}

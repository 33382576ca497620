namespace Course.Data;

/// <summary>
/// A procedural shapes dataset in the spirit of dSprites (Matthey et al., 2017), generated from a seed rather than
/// shipped: small greyscale images of a square, an ellipse or a heart, each drawn at a known scale, rotation and
/// position, so a model's latent variables can be compared with the true generative factors (lesson 07).
/// </summary>
public static class Shapes
{
    /// <summary>Names of the factors, in the column order of <see cref="ShapesData.Factors"/>.</summary>
    public static readonly string[] FactorNames = ["shape", "scale", "rotation", "x", "y"];
    /// <summary>Names of the shapes (factor 0).</summary>
    public static readonly string[] ShapeNames = ["square", "ellipse", "heart"];
    /// <summary>Number of distinct values of each factor, as in dSprites: 3 shapes, 6 scales, 40 rotations (over 360°), 32 x and
    /// 32 y positions.</summary>
    public static readonly int[] FactorLevels = [3, 6, 40, 32, 32];
    // Half-width of the largest shape as a fraction of the image. Large enough that a shape overlaps itself at
    // neighbouring positions: with small, non-overlapping shapes nearby and distant positions look equally different
    // pixel by pixel, and a VAE learns position as a lookup table folded over several latents instead of one smooth
    // axis (measured: MIG of a β = 8 VAE on scale and x rose from about 0.05 at 0.18 to 0.25 at 0.3).
    private const double Extent = 0.3;

    /// <summary>
    /// <paramref name="n"/> images of <paramref name="size"/> x <paramref name="size"/> pixels (values in [0, 1], 2 x 2
    /// supersampled edges), each with factor levels drawn uniformly and independently, except the factors named in
    /// <paramref name="fix"/>, which keep the level given there (e.g. <c>[("shape", 1), ("rotation", 0)]</c> for
    /// upright ellipses that vary only in scale and position: an easier data set on which disentanglement shows sooner).
    /// </summary>
    public static ShapesData Generate(int n = 5000, int size = 28, int? seed = Seed.Default, (string Factor, int Level)[]? fix = null)
    {
        Guard.InRange(n, 1, int.MaxValue, nameof(n));
        Guard.InRange(size, 8, 256, nameof(size));
        var held = new int?[FactorLevels.Length];
        foreach (var (name, level) in fix ?? [])
        {
            int k = Array.IndexOf(FactorNames, name);
            if (k < 0) throw new ArgumentException($"unknown factor '{name}' in {nameof(fix)}; the factors are {string.Join(", ", FactorNames)}.", nameof(fix));
            Guard.InRange(level, 0, FactorLevels[k] - 1, $"{nameof(fix)}: {name}");
            held[k] = level;
        }
        var rng = Seed.Create(seed);
        var x = new Matrix(n, size * size);
        var factors = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var f = FactorLevels.Select((levels, k) => held[k] ?? rng.Next(levels)).ToArray();
            factors[i] = f;
            Draw(x.Row(i), size, f);
        }
        return new ShapesData(x, factors, size);
    }

    /// <summary>The image of one factor combination (levels as in <see cref="FactorLevels"/>).</summary>
    public static double[] Render(int shape, int scale, int rotation, int xPosition, int yPosition, int size = 28)
    {
        int[] f = [shape, scale, rotation, xPosition, yPosition];
        for (int k = 0; k < f.Length; k++) Guard.InRange(f[k], 0, FactorLevels[k] - 1, FactorNames[k]);
        var image = new double[size * size];
        Draw(image, size, f);
        return image;
    }

    private static void Draw(Span<double> image, int size, int[] f)
    {
        double scale = 0.5 + 0.5 * f[1] / (FactorLevels[1] - 1);              // 0.5 to 1
        double angle = 2 * Math.PI * f[2] / FactorLevels[2];
        double radius = Extent * size * scale;                                   // half-width of the shape in pixels
        double margin = Extent * size;                                           // keeps the largest shape inside
        double cx = margin + (size - 2 * margin) * f[3] / (FactorLevels[3] - 1);
        double cy = margin + (size - 2 * margin) * f[4] / (FactorLevels[4] - 1);
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        for (int py = 0; py < size; py++)
            for (int px = 0; px < size; px++)
            {
                int inside = 0;
                for (int sy = 0; sy < 2; sy++)
                    for (int sx = 0; sx < 2; sx++)
                    {
                        double dx = px + 0.25 + 0.5 * sx - cx, dy = py + 0.25 + 0.5 * sy - cy;
                        // Into the shape's own frame: rotate back, then scale to a unit shape.
                        double u = (cos * dx + sin * dy) / radius, v = (-sin * dx + cos * dy) / radius;
                        if (Inside(f[0], u, v)) inside++;
                    }
                image[py * size + px] = inside / 4.0;
            }
    }

    private static bool Inside(int shape, double u, double v) => shape switch
    {
        0 => Math.Abs(u) <= 0.8 && Math.Abs(v) <= 0.8,
        1 => u * u + v * v / 0.36 <= 1,
        // The heart curve (x² + y² − 1)³ − x² y³ ≤ 0, y pointing up, scaled to the unit box.
        _ => Heart(u * 1.2, -v * 1.2 + 0.15),
    };

    private static bool Heart(double x, double y)
    {
        double a = x * x + y * y - 1;
        return a * a * a - x * x * y * y * y <= 0;
    }
}

/// <summary>Generated shapes: images (n x size²) and the factor levels of each (n rows of 5).</summary>
public sealed record ShapesData(Matrix X, int[][] Factors, int Size)
{
    /// <summary>Number of images.</summary>
    public int Count => X.Rows;
    /// <summary>The levels of one factor for every image.</summary>
    public int[] Factor(int k)
    {
        Guard.InRange(k, 0, Shapes.FactorNames.Length - 1, nameof(k));
        return Factors.Select(f => f[k]).ToArray();
    }
}

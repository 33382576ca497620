namespace Course;

/// <summary>
/// Argument checks shared by every public entry point, so bad input fails at the door with the argument's name and
/// the problem, never deep inside a kernel with an index error. Kernels after the door trust their inputs.
/// </summary>
public static class Guard
{
    /// <summary>The largest magnitude <see cref="Data"/> accepts, 1e150: squares and sums of squares of such values
    /// stay far below <see cref="double.MaxValue"/> (1.8e308) even over millions of terms, so no distance, variance or
    /// inertia overflows to infinity.</summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>Throws unless <paramref name="x"/> is non-null, has at least <paramref name="minRows"/> rows and one
    /// column, and holds only finite values of magnitude at most <see cref="MaxMagnitude"/>.</summary>
    public static void Data(Matrix? x, string name, int minRows = 1)
    {
        if (x is null) throw new ArgumentNullException(name);
        if (x.Rows < minRows) throw new ArgumentException(x.Rows == 0
            ? $"{name} is empty: it has no rows, at least {minRows} needed."
            : $"{name} has {x.Rows} row(s); at least {minRows} are needed.", name);
        if (x.Cols == 0) throw new ArgumentException($"{name} has no columns.", name);
        Finite(x.Data, name, x.Cols);
        if (Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(x.Data)) > MaxMagnitude)
        {
            int k = System.Numerics.Tensors.TensorPrimitives.IndexOfMaxMagnitude<double>(x.Data);
            throw new ArgumentException($"{name} has {x.Data[k]:G3} at row {k / x.Cols}, column {k % x.Cols}: values beyond ±{MaxMagnitude:G0} overflow when squared; rescale the data first (divide it by a power of ten).", name);
        }
    }

    /// <summary>Throws if any value is NaN or infinite, naming the first bad (row, column).</summary>
    public static void Finite(ReadOnlySpan<double> values, string name, int cols = 0)
    {
        if (System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(values)) return; // SIMD fast path; find the culprit only on failure
        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                string where = cols > 0 ? $"row {k / cols}, column {k % cols}" : $"index {k}";
                throw new ArgumentException($"{name} contains {(double.IsNaN(values[k]) ? "NaN" : "an infinite value")} at {where}.", name);
            }
        }
    }

    /// <summary>Throws unless <paramref name="x"/> has <paramref name="cols"/> columns.</summary>
    public static void Columns(Matrix x, int cols, string name, string what = "the fitted data")
    {
        if (x.Cols != cols)
            throw new ArgumentException($"dimension mismatch: {name} has {x.Cols} columns but {what} has {cols}.", name);
    }

    /// <summary>Throws unless <paramref name="labelCount"/> equals <paramref name="rows"/> (one label per row).</summary>
    public static void SameLength(int rows, int labelCount, string name)
    {
        if (rows != labelCount)
            throw new ArgumentException($"length mismatch: {name} has {labelCount} entries but the data has {rows} rows.", name);
    }

    /// <summary>Throws unless <paramref name="value"/> is in [min, max].</summary>
    public static void InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; it is {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and > 0.</summary>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0; it is {value}.");
    }

    /// <summary>Throws if <paramref name="value"/> is negative, NaN or infinite.</summary>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0; it is {value}.");
    }

    /// <summary>Throws if an entry of <paramref name="x"/> lies outside [0, 1] (pixel intensities, probabilities);
    /// <paramref name="hint"/> ends the message with what to do.</summary>
    public static void UnitInterval(Matrix x, string name, string hint = "scale the data to [0, 1]")
    {
        foreach (double v in x.Data)
            if (v < 0 || v > 1) throw new ArgumentException($"{name} has a value {v} outside [0, 1]; {hint}.", name);
    }

    /// <summary>Throws unless <paramref name="value"/> is one of <typeparamref name="TEnum"/>'s named values (a cast such
    /// as <c>(Linkage)99</c> compiles, and would otherwise fall through a switch into a default branch).</summary>
    public static void Defined<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not a {typeof(TEnum).Name}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}

namespace Course.Neural;

/// <summary>The neural models' argument check, on top of <see cref="Guard"/>'s: the models compute in float32.</summary>
internal static class NeuralGuard
{
    /// <summary>The largest magnitude the neural models take, 1e15: they compute in float32 (largest value 3.4e38), and
    /// squared errors of such inputs summed over a batch stay finite there.</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Throws unless <paramref name="x"/> passes <see cref="Guard.Data"/>, has <paramref name="cols"/> columns
    /// (<paramref name="what"/> names the expected shape), and fits float32 training (<see cref="MaxMagnitude"/>).</summary>
    public static void Input(Matrix? x, string name, int cols, string what)
    {
        Guard.Data(x, name);
        Guard.Columns(x!, cols, name, what);
        double largest = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(x!.Data));
        if (largest > MaxMagnitude)
            throw new ArgumentException($"{name} has values up to {largest:G3}; the neural models compute in float32, where values beyond ±{MaxMagnitude:G0} overflow when squared. Standardise the data first.", name);
    }
}

namespace Course;

/// <summary>
/// The kit's one way to seed randomness. Every stochastic algorithm takes an <c>int? Seed</c>: a number makes the run
/// reproducible (same seed, same data, same result on any machine: an explicitly seeded <see cref="Random"/> keeps
/// its documented legacy sequence across .NET versions and platforms); null draws a fresh seed.
/// </summary>
public static class Seed
{
    /// <summary>The seed lessons use unless they say otherwise.</summary>
    public const int Default = 42;

    /// <summary>A generator for <paramref name="seed"/>, or a randomly seeded one when it is null.</summary>
    public static Random Create(int? seed) => seed is int s ? new Random(s) : new Random();

    /// <summary>A standard normal draw (Box-Muller; one of the pair is discarded to keep the state simple).</summary>
    public static double NextGaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

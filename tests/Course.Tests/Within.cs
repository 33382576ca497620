namespace Course.Tests;

/// <summary>Equality of doubles up to an absolute tolerance, for comparing sequences with <c>Assert.Equal</c>.</summary>
public sealed class Within(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}

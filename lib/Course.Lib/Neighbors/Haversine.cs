namespace Course.Neighbors;

/// <summary>
/// Great-circle distances between [latitude, longitude] points given in radians (scikit-learn's convention), and the
/// conversions the neighbour index uses to answer haversine queries with a Euclidean k-d tree.
/// </summary>
/// <remarks>
/// A point on the unit sphere has Cartesian coordinates (cos φ cos λ, cos φ sin λ, sin φ); two such points at
/// great-circle angle θ are a straight chord c = 2 sin(θ/2) apart. Because c grows with θ on [0, π], "the k nearest"
/// and "within angle r" are the same sets in 3-D chord space (within chord 2 sin(r/2)), so the index stores the 3-D
/// points and converts distances back with θ = 2 asin(c/2). This is exact, not an approximation, and lets one fast
/// Euclidean tree serve both metrics.
/// </remarks>
public static class Haversine
{
    /// <summary>The mean Earth radius in kilometres (IUGG), to turn angles in radians into kilometres.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>The great-circle angle in radians between two [latitude, longitude] points in radians, by the
    /// haversine formula: 2 asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2))).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        double sLat = Math.Sin((lat2 - lat1) / 2), sLon = Math.Sin((lon2 - lon1) / 2);
        double h = sLat * sLat + Math.Cos(lat1) * Math.Cos(lat2) * sLon * sLon;
        return 2 * Math.Asin(Math.Sqrt(Math.Min(1.0, h)));
    }

    /// <summary>A copy of <paramref name="degrees"/> (n x 2, [latitude, longitude] in degrees) in radians.</summary>
    public static Matrix ToRadians(Matrix degrees)
    {
        Guard.Data(degrees, nameof(degrees));
        Guard.Columns(degrees, 2, nameof(degrees), "a [latitude, longitude] table");
        var r = degrees.Clone();
        for (int i = 0; i < r.Data.Length; i++) r.Data[i] *= Math.PI / 180;
        return r;
    }

    /// <summary>Throws unless <paramref name="x"/> has two columns, latitude in [-π/2, π/2] and longitude in [-2π, 2π].</summary>
    public static void Validate(Matrix x, string name)
    {
        Guard.Columns(x, 2, name, "the haversine metric's [latitude, longitude]");
        for (int i = 0; i < x.Rows; i++)
        {
            double lat = x[i, 0], lon = x[i, 1];
            if (Math.Abs(lat) > Math.PI / 2 + 1e-12 || Math.Abs(lon) > 2 * Math.PI + 1e-12)
                throw new ArgumentException(
                    $"{name} row {i} = [{lat}, {lon}] is not [latitude, longitude] in radians (latitude within ±π/2, " +
                    "longitude within ±2π). Degrees? Convert with Haversine.ToRadians.", name);
        }
    }

    /// <summary>Row i of the result is row i of <paramref name="latLon"/> on the unit sphere (n x 3).</summary>
    internal static Matrix ToUnitSphere(Matrix latLon)
    {
        var p = new Matrix(latLon.Rows, 3);
        for (int i = 0; i < latLon.Rows; i++)
        {
            double lat = latLon[i, 0], lon = latLon[i, 1], c = Math.Cos(lat);
            p[i, 0] = c * Math.Cos(lon); p[i, 1] = c * Math.Sin(lon); p[i, 2] = Math.Sin(lat);
        }
        return p;
    }

    /// <summary>The chord length between two points an angle <paramref name="angle"/> apart (angles past π reach everything).</summary>
    internal static double AngleToChord(double angle) => angle >= Math.PI ? 2.0 : 2 * Math.Sin(angle / 2);

    /// <summary>The angle subtended by a chord of length <paramref name="chord"/>.</summary>
    internal static double ChordToAngle(double chord) => 2 * Math.Asin(Math.Min(1.0, chord / 2));
}

using Course.Metrics;

namespace Course.Neural;

/// <summary>What one generated set scores against a <see cref="FeatureReference"/>.</summary>
/// <param name="Fid">Fréchet distance of the feature Gaussians (lower is closer).</param>
/// <param name="InceptionScore">Confidence and variety of the judge's class predictions, 1 to 10.</param>
/// <param name="Precision">Share of generated images inside the real images' feature manifold (realism).</param>
/// <param name="Recall">Share of real images inside the generated images' manifold (coverage).</param>
public sealed record GenerativeScores(double Fid, double InceptionScore, double Precision, double Recall);

/// <summary>
/// Real images embedded once by a <see cref="FashionFeatureNet"/> (<see cref="FashionFeatureNet.Reference"/>), to judge
/// generated sets against, as clean-fid (Parmar et al. 2022) and torchmetrics keep the real statistics: each call
/// passes only the generated images through the network.
/// </summary>
public sealed class FeatureReference
{
    private readonly FashionFeatureNet net;
    private readonly Matrix features;

    internal FeatureReference(FashionFeatureNet net, Matrix features) { this.net = net; this.features = features; }

    /// <summary>Number of real images.</summary>
    public int Count => features.Rows;

    /// <summary>A copy of the real images' features (n x 128).</summary>
    public Matrix Features => features.Clone();

    /// <summary>FID of <paramref name="generated"/> (m x 784 in [0, 1]) against the real images.</summary>
    public double Fid(Matrix generated) => FrechetDistance.OfFeatures(features, net.Features(generated));

    /// <summary>Precision and recall of <paramref name="generated"/> against the real images (k nearest neighbours).</summary>
    public CoverageResult Coverage(Matrix generated, int k = 3) => SampleCoverage.Compute(features, net.Features(generated), k);

    /// <summary>FID, Inception Score, precision and recall of <paramref name="generated"/>, from one pass of it
    /// through the network.</summary>
    public GenerativeScores Score(Matrix generated, int k = 3)
    {
        var f = net.Features(generated);
        var coverage = SampleCoverage.Compute(features, f, k);
        return new GenerativeScores(FrechetDistance.OfFeatures(features, f), net.InceptionScoreOfFeatures(f), coverage.Precision, coverage.Recall);
    }
}

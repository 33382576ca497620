namespace Course.Benchmarks;

/// <summary>Every benchmark row, in the order the table prints them. A new lesson adds its workloads here.</summary>
public static class WorkloadCatalog
{
    /// <summary>All workloads; the command line selects from these by <see cref="IWorkload.Name"/>.</summary>
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new KMeansLloydWorkload("kmeans-lloyd", std: 1.0, sameInit: false),
        new KMeansLloydWorkload("kmeans-lloyd-same-init", std: 1.0, sameInit: true),
        // Overlapping blobs: tens of Lloyd iterations instead of two, so the ratio measures the iteration itself.
        new KMeansLloydWorkload("kmeans-lloyd-overlap-same-init", std: 5.0, sameInit: true),
        new MiniBatchKMeansWorkload(),
        new GaussianMixtureWorkload("gaussian-mixture-full", Course.Clustering.CovarianceType.Full),
        new GaussianMixtureWorkload("gaussian-mixture-diagonal", Course.Clustering.CovarianceType.Diagonal),
        new WardWorkload(),
        new DbscanWorkload(),
        new HdbscanWorkload(),
        new LocalOutlierFactorWorkload(),
        new PcaWorkload("pca-full", Course.Decomposition.PcaSolver.Full),
        new PcaWorkload("pca-randomized", Course.Decomposition.PcaSolver.Randomized),
        new PcaWorkload("pca-covariance-eigh", Course.Decomposition.PcaSolver.CovarianceEigh),
        new KernelPcaWorkload("arpack"),
        new KernelPcaWorkload("randomized"),
        new KernelPcaWorkload("dense"),
        // Many components: scikit-learn's "auto" takes the dense solver from 10 components.
        new KernelPcaWorkload("arpack", components: 50),
        new KernelPcaWorkload("dense", components: 50),
        new AllPairsMetricWorkload("silhouette-fashion", trustworthiness: false, fashion: true),
        new AllPairsMetricWorkload("silhouette-blobs", trustworthiness: false, fashion: false),
        new AllPairsMetricWorkload("trustworthiness-fashion", trustworthiness: true, fashion: true),
        new AutoencoderEpochWorkload(),
        new VaeEpochWorkload(),
        new GanStepWorkload(Neural.GanLoss.Standard),
        new GanStepWorkload(Neural.GanLoss.WassersteinGp),
        new ManifoldWorkload("tsne-digits", umap: false, fashion: false),
        new ManifoldWorkload("tsne-fashion", umap: false, fashion: true),
        new ManifoldWorkload("umap-digits", umap: true, fashion: false),
        new ManifoldWorkload("umap-fashion", umap: true, fashion: true),
    ];
}

namespace Course.Neural;

/// <summary>The decoder's model of the data p(x | z), which sets the reconstruction term of the ELBO.</summary>
public enum Likelihood
{
    /// <summary>Each value is a Bernoulli probability (images in [0, 1]): the reconstruction term is the binary cross
    /// entropy summed over values.</summary>
    Bernoulli,
    /// <summary>Each value is Gaussian around the decoder's output with a fixed standard deviation σ: the
    /// reconstruction term is Σ (x − x̂)² / (2σ²) plus a constant.</summary>
    Gaussian,
}

/// <summary>What a VAE's training minimises: the negative ELBO with the KL term weighted by β (Higgins et al.,
/// "β-VAE: learning basic visual concepts with a constrained variational framework", ICLR 2017).</summary>
public sealed record VaeObjective
{
    /// <summary>Weight β of the KL term. 1 (default) is the plain VAE's ELBO; β &gt; 1 presses the posterior toward the
    /// factorised prior, trading reconstruction for disentangled latents.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>KL annealing: β rises linearly from 0 to <see cref="Beta"/> over this many epochs, so the decoder
    /// learns to use the latents before the KL term pulls them to the prior (Bowman et al., CoNLL 2016). Default 0
    /// (off).</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>The KL weight in 1-based <paramref name="epoch"/>: β · min(1, epoch / (warm-up + 1)).</summary>
    public double BetaAt(int epoch) => WarmupEpochs <= 0 ? Beta : Beta * Math.Min(1.0, epoch / (WarmupEpochs + 1.0));
}

/// <summary>The two terms of a VAE's loss, averaged over samples: reconstruction E_q[−log p(x | z)] and
/// KL(q(z | x) ‖ p(z)) in nats. −(Reconstruction + Kl) is the ELBO, a lower bound on log p(x).</summary>
public sealed record ElboTerms(double Reconstruction, double Kl)
{
    /// <summary>The evidence lower bound, −(Reconstruction + Kl) nats per sample.</summary>
    public double Elbo => -(Reconstruction + Kl);
}

/// <summary>A VAE training run: the trainer's history (loss = Reconstruction + β · Kl) and each term per epoch.</summary>
/// <param name="Training">Loss per epoch, early stopping.</param>
/// <param name="Reconstruction">Mean reconstruction term per epoch (nats per sample).</param>
/// <param name="Kl">Mean KL term per epoch (nats per sample).</param>
/// <param name="Beta">The KL weight used in each epoch (differs from β during warm-up).</param>
public sealed record VaeHistory(TrainingHistory Training, double[] Reconstruction, double[] Kl, double[] Beta);

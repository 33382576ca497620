using Course.Data;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>The game a GAN plays.</summary>
public enum GanLoss
{
    /// <summary>Goodfellow et al. (2014): the discriminator minimises binary cross entropy on real (1) and generated
    /// (0) images; the generator uses the non-saturating form, maximising log D(G(z)).</summary>
    Standard,
    /// <summary>WGAN-GP (Gulrajani et al., 2017): the critic maximises E[D(real)] − E[D(fake)] minus the gradient
    /// penalty; the generator maximises E[D(G(z))].</summary>
    WassersteinGp,
}

/// <summary>Hyperparameters of <see cref="GanTrainer"/>. The defaults are DCGAN's; <see cref="WganGp"/> gives the
/// WGAN-GP paper's.</summary>
public sealed record GanOptions
{
    /// <summary>The loss. Default <see cref="GanLoss.Standard"/>.</summary>
    public GanLoss Loss { get; init; } = GanLoss.Standard;
    /// <summary>Images per batch. Default 64.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Adam's learning rate for both players. Default 2e-4 (Radford et al.).</summary>
    public double LearningRate { get; init; } = 2e-4;
    /// <summary>The discriminator's own learning rate; null (default) uses <see cref="LearningRate"/>. Different rates
    /// for the two players are the two time-scale update rule (Heusel et al., 2017); a near-zero rate freezes the
    /// discriminator, which lesson 08 uses to show mode collapse.</summary>
    public double? DiscriminatorLearningRate { get; init; }
    /// <summary>Adam's β₁. Default 0.5 (Radford et al.: 0.9 oscillated).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam's β₂. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Discriminator (critic) updates per generator update. Default 1.</summary>
    public int CriticSteps { get; init; } = 1;
    /// <summary>λ of the gradient penalty (WGAN-GP only). Default 10.</summary>
    public double PenaltyWeight { get; init; } = GradientPenalty.DefaultWeight;
    /// <summary>Seed for batch order and noise. Default <see cref="Course.Seed.Default"/>, as everywhere in the kit.</summary>
    public int Seed { get; init; } = Course.Seed.Default;

    /// <summary>DCGAN's settings: standard loss, Adam 2e-4, β = (0.5, 0.999), one discriminator step.</summary>
    public static GanOptions Dcgan => new();

    /// <summary>WGAN-GP's settings: Adam 1e-4, β = (0.5, 0.9), five critic steps per generator step, λ = 10. The
    /// paper's Algorithm 1 uses β₁ = 0; the kit keeps DCGAN's 0.5, which its shipped WGAN-GP was trained with.</summary>
    public static GanOptions WganGp => new() { Loss = GanLoss.WassersteinGp, LearningRate = 1e-4, Beta1 = 0.5, Beta2 = 0.9, CriticSteps = 5 };
}

/// <summary>The losses of each generator step: the discriminator's (its last update in the step) and the generator's.</summary>
public sealed record GanHistory(double[] DiscriminatorLoss, double[] GeneratorLoss);

/// <summary>
/// Trains a <see cref="DcganGenerator"/> against a <see cref="DcganDiscriminator"/>. The optimisers live as long as the
/// trainer, so a notebook can call <see cref="Train"/> in chunks and draw samples between them without resetting
/// Adam's moments. A GAN has two players and no single loss to minimise, so it has its own loop rather than
/// <see cref="Trainer"/>'s.
/// </summary>
public sealed class GanTrainer
{
    private readonly DcganGenerator generator;
    private readonly DcganDiscriminator discriminator;
    private readonly TorchSharp.Modules.Adam generatorOptimizer, discriminatorOptimizer;
    private readonly Random rng;
    private readonly Generator noise;
    private int[] order = [];
    private int cursor;

    /// <summary>The options in use.</summary>
    public GanOptions Options { get; }

    private readonly GanSteps standardSteps;
    private readonly WganGpSteps wassersteinSteps;

    /// <summary>A trainer for the two players with <paramref name="options"/> (default DCGAN's).</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="discriminator">The discriminator (for WGAN-GP the critic, without batch norm).</param>
    /// <param name="options">Loss, batch size, optimiser settings, seed.</param>
    /// <param name="steps">The two updates of the standard loss (default <see cref="GanSteps.Standard"/>); only with
    /// <see cref="GanLoss.Standard"/>. WGAN-GP's default steps are <see cref="WganGpSteps.Standard"/>.</param>
    public GanTrainer(DcganGenerator generator, DcganDiscriminator discriminator, GanOptions? options = null, GanSteps? steps = null)
        : this(generator, discriminator, options ?? GanOptions.Dcgan, steps, null) { }

    /// <summary>A WGAN-GP trainer whose critic and generator updates are <paramref name="steps"/>.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="discriminator">The critic, without batch norm.</param>
    /// <param name="options">Options whose loss is <see cref="GanLoss.WassersteinGp"/> (e.g. <see cref="GanOptions.WganGp"/>).</param>
    /// <param name="steps">The critic and generator updates. (A literal <c>null</c> here is ambiguous between the two
    /// constructors; leave it out for the default steps.)</param>
    public GanTrainer(DcganGenerator generator, DcganDiscriminator discriminator, GanOptions options, WganGpSteps steps)
        : this(generator, discriminator, options, null, steps ?? throw new ArgumentNullException(nameof(steps))) { }

    private GanTrainer(DcganGenerator generator, DcganDiscriminator discriminator, GanOptions options, GanSteps? standardSteps, WganGpSteps? wassersteinSteps)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(options);
        Guard.InRange(options.BatchSize, 2, int.MaxValue, "BatchSize");
        Guard.InRange(options.CriticSteps, 1, int.MaxValue, "CriticSteps");
        Guard.Defined(options.Loss, nameof(options.Loss));
        Guard.Positive(options.LearningRate, "LearningRate");
        if (options.DiscriminatorLearningRate is double dlr) Guard.Positive(dlr, "DiscriminatorLearningRate");
        Guard.NonNegative(options.PenaltyWeight, "PenaltyWeight");
        if (!(options.Beta1 >= 0 && options.Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(options.Beta1), options.Beta1, "Beta1 must be in [0, 1).");
        if (!(options.Beta2 >= 0 && options.Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(options.Beta2), options.Beta2, "Beta2 must be in [0, 1).");
        if (options.Loss == GanLoss.WassersteinGp && discriminator.BatchNorm)
            throw new ArgumentException("WGAN-GP needs a critic without batch norm: new DcganDiscriminator(batchNorm: false).", nameof(discriminator));
        if (standardSteps is not null && options.Loss != GanLoss.Standard)
            throw new ArgumentException("GanSteps are the standard loss's two updates; WGAN-GP's are WganGpSteps.", "steps");
        if (wassersteinSteps is not null && options.Loss != GanLoss.WassersteinGp)
            throw new ArgumentException("WganGpSteps need options whose Loss is WassersteinGp (GanOptions.WganGp).", nameof(options));
        this.generator = generator; this.discriminator = discriminator; Options = options;
        this.standardSteps = standardSteps ?? GanSteps.Standard;
        this.wassersteinSteps = wassersteinSteps ?? WganGpSteps.Standard;
        ArgumentNullException.ThrowIfNull(this.standardSteps.Discriminator, "steps");
        ArgumentNullException.ThrowIfNull(this.standardSteps.Generator, "steps");
        ArgumentNullException.ThrowIfNull(this.wassersteinSteps.Critic, "steps");
        ArgumentNullException.ThrowIfNull(this.wassersteinSteps.Generator, "steps");
        generatorOptimizer = optim.Adam(generator.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), options.DiscriminatorLearningRate ?? options.LearningRate, options.Beta1, options.Beta2);
        rng = Seed.Create(options.Seed);
        noise = new Generator((ulong)options.Seed, generator.Device);
    }

    /// <summary>Runs <paramref name="steps"/> generator steps on the rows of <paramref name="images"/> (n x 784,
    /// values in [0, 1], mapped to [−1, 1] as the Tanh output is), reporting each step's generator loss to
    /// <paramref name="observer"/>.</summary>
    public GanHistory Train(Matrix images, int steps, FitObserver? observer = null)
    {
        Guard.Data(images, nameof(images), minRows: Options.BatchSize);
        Guard.Columns(images, 28 * 28, nameof(images), "the models' 28 x 28 images");
        Guard.UnitInterval(images, nameof(images));
        Guard.InRange(steps, 1, int.MaxValue, nameof(steps));
        using var data = (images.ToTensor(device: generator.Device) * 2 - 1);
        var dLosses = new double[steps]; var gLosses = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            (dLosses[s], gLosses[s]) = Step(data);
            observer?.Report(s + 1, steps, gLosses[s], "generator loss");
        }
        generator.eval(); discriminator.eval();
        return new GanHistory(dLosses, gLosses);
    }

    /// <summary>One generator step: <see cref="GanOptions.CriticSteps"/> discriminator updates on fresh real and
    /// generated batches, then one generator update. <paramref name="data"/> holds all images in [−1, 1] (n x 784).
    /// Returns the last discriminator loss and the generator loss.</summary>
    public (double Discriminator, double Generator) Step(Tensor data)
    {
        generator.train(); discriminator.train();
        double dLoss = 0;
        for (int c = 0; c < Options.CriticSteps; c++)
        {
            using var scope = NewDisposeScope();
            var real = NextBatch(data);
            var codes = Codes();
            dLoss = Options.Loss == GanLoss.Standard
                ? standardSteps.Discriminator(generator, discriminator, discriminatorOptimizer, real, codes)
                // ε after the codes, one per sample, from the same seeded stream: the order the shipped weights were trained with.
                : wassersteinSteps.Critic(generator, discriminator, discriminatorOptimizer, real, codes,
                    rand([Options.BatchSize, 1], ScalarType.Float32, generator.Device, generator: noise), Options.PenaltyWeight);
        }
        using (NewDisposeScope())
        {
            var codes = Codes();
            return (dLoss, Options.Loss == GanLoss.Standard
                ? standardSteps.Generator(generator, discriminator, generatorOptimizer, codes)
                : wassersteinSteps.Generator(generator, discriminator, generatorOptimizer, codes));
        }
    }

    private Tensor Codes() => randn([Options.BatchSize, generator.LatentSize], ScalarType.Float32, generator.Device, generator: noise);

    private Tensor NextBatch(Tensor data)
    {
        int n = (int)data.shape[0];
        if (order.Length != n || cursor + Options.BatchSize > n)
        {
            order = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(order);
            cursor = 0;
        }
        var index = tensor(order.AsSpan(cursor, Options.BatchSize).ToArray().Select(i => (long)i).ToArray(), ScalarType.Int64, data.device);
        cursor += Options.BatchSize;
        return data.index_select(0, index);
    }
}

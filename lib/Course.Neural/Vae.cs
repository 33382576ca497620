using Course.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A variational autoencoder (Kingma and Welling, "Auto-encoding variational Bayes", ICLR 2014): the encoder maps
/// each input to a Gaussian q(z | x) = N(μ(x), diag σ²(x)) over a k-dimensional latent, a sample
/// z = μ + σ ⊙ ε (ε ~ N(0, I), the reparameterisation trick) is decoded into p(x | z), and training maximises the
/// ELBO E_q[log p(x | z)] − β KL(q(z | x) ‖ N(0, I)). Because the codes are pressed toward the prior, decoding fresh
/// draws from N(0, I) gives new samples, and walking a line in latent space gives smooth changes.
/// </summary>
/// <remarks>Fully connected: d → hidden... → (μ, log σ²) of size k each, and k → ...hidden → d, ReLU between layers,
/// as in PyTorch's VAE example (784-400-20). <see cref="Save"/> and <see cref="Load"/> keep the weights with the architecture.</remarks>
public sealed class Vae : Module<Tensor, Tensor>, INeuralModel<VaeHistory>
{
    private readonly Sequential body, decoder;
    private readonly Linear mean, logVariance;
    private readonly int[]? hidden; // null for the convolutional architecture

    /// <summary>Input width d (for images, height x width).</summary>
    public int InputSize { get; }
    /// <summary>Latent size k.</summary>
    public int LatentSize { get; }
    /// <summary>The decoder's data model.</summary>
    public Likelihood Likelihood { get; }
    /// <summary>σ of the Gaussian likelihood (unused for Bernoulli).</summary>
    public double GaussianSigma { get; }

    /// <summary>A VAE d → hidden... → k → ...hidden → d.</summary>
    /// <param name="inputSize">d, e.g. 784 for 28 x 28 images.</param>
    /// <param name="latentSize">k. Default 10 (as the β-VAE paper used for dSprites).</param>
    /// <param name="hidden">Encoder hidden widths (the decoder mirrors them). Default [256].</param>
    /// <param name="likelihood">Bernoulli (default; data in [0, 1]) or Gaussian.</param>
    /// <param name="gaussianSigma">σ of the Gaussian likelihood. Default 0.1 (pixel noise on a [0, 1] scale).</param>
    public Vae(int inputSize, int latentSize = 10, int[]? hidden = null, Likelihood likelihood = Likelihood.Bernoulli, double gaussianSigma = 0.1)
        : base(nameof(Vae))
    {
        hidden ??= [256];
        if (hidden.Length == 0) throw new ArgumentException("give at least one hidden layer.", nameof(hidden));
        this.hidden = [.. hidden];
        foreach (int h in hidden) Guard.InRange(h, 1, int.MaxValue, nameof(hidden));
        Guard.InRange(latentSize, 1, int.MaxValue, nameof(latentSize));
        (InputSize, LatentSize, Likelihood, GaussianSigma) = Checked(inputSize, latentSize, likelihood, gaussianSigma);
        body = Sequential();
        int width = inputSize;
        for (int l = 0; l < hidden.Length; l++)
        {
            body.append($"linear{l}", Linear(width, hidden[l]));
            body.append($"relu{l}", ReLU());
            width = hidden[l];
        }
        mean = Linear(width, latentSize);
        logVariance = Linear(width, latentSize);
        decoder = Sequential();
        width = latentSize;
        for (int l = hidden.Length - 1; l >= 0; l--)
        {
            decoder.append($"linear{hidden.Length - 1 - l}", Linear(width, hidden[l]));
            decoder.append($"relu{hidden.Length - 1 - l}", ReLU());
            width = hidden[l];
        }
        decoder.append("output", Linear(width, inputSize));
        RegisterComponents();
    }

    private Vae(Sequential body, int bodyWidth, Sequential decoder, int inputSize, int latentSize, Likelihood likelihood, double gaussianSigma)
        : base(nameof(Vae))
    {
        (InputSize, LatentSize, Likelihood, GaussianSigma) = Checked(inputSize, latentSize, likelihood, gaussianSigma);
        this.body = body;
        this.decoder = decoder;
        mean = Linear(bodyWidth, latentSize);
        logVariance = Linear(bodyWidth, latentSize);
        RegisterComponents();
    }

    /// <summary>A convolutional VAE for 28 x 28 greyscale images (rows of 784 values), after Burgess et al.'s β-VAE
    /// architecture ("Understanding disentangling in β-VAE", 2018) scaled to 28 x 28: three stride-2 convolutions
    /// (32, 32 and 64 channels, 28 → 14 → 7 → 4) and a 128-wide layer to (μ, log σ²); the decoder mirrors them with
    /// transposed convolutions. Convolutions see where an edge is, so position and scale are learnt far sooner than by
    /// an MLP; the narrow dense layer keeps the model small (about 330,000 weights, 1.3 MB) so trained copies can
    /// ship with the kit (lesson 07).</summary>
    public static Vae Convolutional(int latentSize = 10, Likelihood likelihood = Likelihood.Bernoulli, double gaussianSigma = 0.1)
    {
        Guard.InRange(latentSize, 1, int.MaxValue, nameof(latentSize));
        TorchRuntime.EnsureLoaded();
        var body = Sequential(
            ("unflatten", Unflatten(1, [1, 28, 28])),
            ("conv1", Conv2d(1, 32, 4, stride: 2, padding: 1)), ("relu1", ReLU()),     // 28 → 14
            ("conv2", Conv2d(32, 32, 4, stride: 2, padding: 1)), ("relu2", ReLU()),    // 14 → 7
            ("conv3", Conv2d(32, 64, 3, stride: 2, padding: 1)), ("relu3", ReLU()),    // 7 → 4
            ("flatten", Flatten()),
            ("linear", Linear(64 * 4 * 4, 128)), ("relu4", ReLU()));
        var decoder = Sequential(
            ("linear1", Linear(latentSize, 128)), ("relu1", ReLU()),
            ("linear2", Linear(128, 64 * 4 * 4)), ("relu2", ReLU()),
            ("unflatten", Unflatten(1, [64, 4, 4])),
            ("deconv1", ConvTranspose2d(64, 32, 3, stride: 2, padding: 1)), ("relu3", ReLU()),   // 4 → 7
            ("deconv2", ConvTranspose2d(32, 32, 4, stride: 2, padding: 1)), ("relu4", ReLU()),   // 7 → 14
            ("deconv3", ConvTranspose2d(32, 1, 4, stride: 2, padding: 1)),                       // 14 → 28
            ("flatten", Flatten()));
        return new Vae(body, 128, decoder, 28 * 28, latentSize, likelihood, gaussianSigma);
    }

    private static (int, int, Likelihood, double) Checked(int inputSize, int latentSize, Likelihood likelihood, double gaussianSigma)
    {
        Guard.InRange(inputSize, 1, int.MaxValue, nameof(inputSize));
        Guard.InRange(latentSize, 1, int.MaxValue, nameof(latentSize));
        Guard.Positive(gaussianSigma, nameof(gaussianSigma));
        Guard.Defined(likelihood, nameof(likelihood));
        TorchRuntime.EnsureLoaded();
        return (inputSize, latentSize, likelihood, gaussianSigma);
    }

    private const string Format = "course.vae";
    private sealed record Architecture(bool Convolutional, int InputSize, int LatentSize, int[] Hidden, Likelihood Likelihood, double GaussianSigma);

    /// <summary>Saves the weights at <paramref name="path"/> (TorchSharp's format) and the architecture in
    /// <c>path.json</c>, so <see cref="Load"/> can rebuild the model.</summary>
    public void Save(string path) =>
        NeuralModelFile.Save(this, path, Format, new Architecture(hidden is null, InputSize, LatentSize, hidden ?? [], Likelihood, GaussianSigma));

    /// <summary>Reads a VAE saved with <see cref="Save"/>, on the CPU in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest is not a VAE's, or the weights do not fit it.</exception>
    public static Vae Load(string path)
    {
        var a = NeuralModelFile.ReadArchitecture<Architecture>(path, Format);
        var model = NeuralModelFile.Build(() => a.Convolutional
            ? Convolutional(a.LatentSize, a.Likelihood, a.GaussianSigma)
            : new Vae(a.InputSize, a.LatentSize, a.Hidden, a.Likelihood, a.GaussianSigma), Format);
        return NeuralModelFile.LoadWeights(model, path);
    }

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    /// <summary>q(z | x) of a batch: means and log-variances (n x d → two n x k tensors).</summary>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor x)
    {
        var h = body.forward(x);
        return (mean.forward(h), logVariance.forward(h));
    }

    /// <summary>The reparameterisation trick: z = μ + exp(½ log σ²) ⊙ ε with ε ~ N(0, I), so the sample is a
    /// differentiable function of μ and σ and gradients flow through it to the encoder.</summary>
    /// <param name="mean">μ, n x k.</param>
    /// <param name="logVariance">log σ², n x k.</param>
    /// <param name="generator">Source of ε; null uses libtorch's global generator (seeded by <see cref="NeuralSeed.Set"/>).</param>
    public static Tensor Reparameterise(Tensor mean, Tensor logVariance, Generator? generator = null)
        => mean + (0.5 * logVariance).exp() * randn(mean.shape, mean.dtype, mean.device, generator: generator);

    /// <summary>KL(N(μ, diag σ²) ‖ N(0, I)) per sample in closed form, ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) (n x k → n).</summary>
    public static Tensor KlDivergence(Tensor mean, Tensor logVariance)
        => 0.5 * (mean.square() + logVariance.exp() - 1 - logVariance).sum([1L]);

    /// <summary>The Bernoulli reconstruction term −log p(x | z) of each sample: the binary cross-entropy of the
    /// decoder's logits against x, summed over the values (n x d → n, nats).</summary>
    /// <param name="x">The data, n x d, values in [0, 1].</param>
    /// <param name="logits">The decoder's raw output for the same samples, n x d.</param>
    public static Tensor BernoulliReconstruction(Tensor x, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(logits);
        if (x.dim() != 2 || !x.shape.SequenceEqual(logits.shape))
            throw new ArgumentException($"x is [{string.Join(", ", x.shape)}] and logits [{string.Join(", ", logits.shape)}]; both must be the same n x d.", nameof(logits));
        return functional.binary_cross_entropy_with_logits(logits, x, reduction: Reduction.None).sum([1L]);
    }

    /// <summary>
    /// The importance-sampled estimate of each sample's log-likelihood log p(x) under a Bernoulli decoder (Burda et
    /// al., 2016): with zₛ = μ + σ ⊙ εₛ drawn from q(z | x), log p(x) ≈ log (1/K) Σₛ p(x | zₛ) p(zₛ) / q(zₛ | x),
    /// computed with logsumexp. For K = 1 its mean is the ELBO; it rises toward log p(x) as K grows, so the gap
    /// between the two measures how far q(z | x) is from the true posterior.
    /// </summary>
    /// <param name="x">The data, n x d, values in [0, 1].</param>
    /// <param name="mean">μ of q(z | x), n x k.</param>
    /// <param name="logVariance">log σ² of q(z | x), n x k.</param>
    /// <param name="eps">K standard normal draws per sample, K x n x k.</param>
    /// <param name="decoderLogits">The decoder: codes m x k to logits m x d.</param>
    /// <returns>n estimates, nats.</returns>
    /// <exception cref="ArgumentException">the shapes do not fit together.</exception>
    public static Tensor ImportanceLogLikelihood(Tensor x, Tensor mean, Tensor logVariance, Tensor eps, Func<Tensor, Tensor> decoderLogits)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(logVariance);
        ArgumentNullException.ThrowIfNull(eps);
        ArgumentNullException.ThrowIfNull(decoderLogits);
        if (x.dim() != 2 || mean.dim() != 2 || !mean.shape.SequenceEqual(logVariance.shape) || mean.shape[0] != x.shape[0])
            throw new ArgumentException($"x is [{string.Join(", ", x.shape)}], mean [{string.Join(", ", mean.shape)}] and logVariance [{string.Join(", ", logVariance.shape)}]: x must be n x d and both others n x k.", nameof(mean));
        if (eps.dim() != 3 || eps.shape[1] != mean.shape[0] || eps.shape[2] != mean.shape[1])
            throw new ArgumentException($"eps is [{string.Join(", ", eps.shape)}]; it must be K x {mean.shape[0]} x {mean.shape[1]}.", nameof(eps));
        AlgorithmUse.Report("Vae.ImportanceLogLikelihood");
        const double Log2Pi = 1.8378770664093453;
        var z = mean + (0.5 * logVariance).exp() * eps;                                     // K x n x k
        long draws = eps.shape[0], n = eps.shape[1];
        var logits = decoderLogits(z.reshape(draws * n, -1)).reshape(draws, n, -1);           // K x n x d
        var logPxz = -functional.binary_cross_entropy_with_logits(logits, x.expand_as(logits), reduction: Reduction.None).sum([2L]);
        var logPz = -0.5 * (z.square() + Log2Pi).sum([2L]);
        var logQz = -0.5 * (eps.square() + logVariance + Log2Pi).sum([2L]);
        return (logPxz + logPz - logQz).logsumexp(0) - Math.Log(draws);
    }

    /// <summary>The decoder's raw output for codes (n x k → n x d): logits for Bernoulli, means for Gaussian.</summary>
    public Tensor DecodeRaw(Tensor z) => decoder.forward(z);

    /// <summary>The mean of p(x | z) for codes (n x k → n x d): probabilities for Bernoulli, values for Gaussian.</summary>
    public Tensor Decode(Tensor z) => Likelihood == Likelihood.Bernoulli ? DecodeRaw(z).sigmoid() : DecodeRaw(z);

    /// <summary>Reconstruction: decodes the posterior mean (deterministic).</summary>
    public override Tensor forward(Tensor x) => Decode(EncodeDistribution(x).Mean);

    /// <summary>The two ELBO terms on one batch, each a scalar mean over samples (one z sample per input).</summary>
    public (Tensor Reconstruction, Tensor Kl) Terms(Tensor x, Generator? generator = null)
    {
        var (mu, logVar) = EncodeDistribution(x);
        var raw = DecodeRaw(Reparameterise(mu, logVar, generator));
        var perSample = Likelihood == Likelihood.Bernoulli
            ? BernoulliReconstruction(x, raw)
            : ((raw - x).square() / (2 * GaussianSigma * GaussianSigma)).sum([1L]) + InputSize * Math.Log(GaussianSigma * Math.Sqrt(2 * Math.PI));
        return (perSample.mean(), KlDivergence(mu, logVar).mean());
    }

    /// <summary>Trains on the rows of <paramref name="x"/> (n x d) to minimise Reconstruction + β Kl with Adam (see
    /// <see cref="Trainer"/>); validation loss is the same objective on <paramref name="validation"/>.</summary>
    public VaeHistory Fit(Matrix x, TrainingOptions? options = null, Matrix? validation = null, VaeObjective? objective = null, FitObserver? observer = null)
    {
        CheckInput(x, nameof(x));
        if (validation is not null) CheckInput(validation, nameof(validation));
        objective ??= new VaeObjective();
        Guard.NonNegative(objective.Beta, "Beta");
        if (objective.WarmupEpochs < 0) throw new ArgumentOutOfRangeException(nameof(objective.WarmupEpochs), objective.WarmupEpochs, "WarmupEpochs must be 0 or more.");
        int epochs = (options ?? new TrainingOptions()).Epochs;
        var recon = new double[Math.Max(epochs, 0)]; var kl = new double[recon.Length]; var counts = new int[recon.Length];
        using var data = x.ToTensor(device: Device);
        using var valid = validation?.ToTensor(device: Device);
        var history = Trainer.Train(this, data, (batch, epoch) =>
        {
            var (r, k) = Terms(batch);
            if (training)
            {
                // Accumulate the terms of the training batches (not validation) as the trainer accumulates the loss.
                recon[epoch - 1] += r.detach().to(ScalarType.Float64).item<double>();
                kl[epoch - 1] += k.detach().to(ScalarType.Float64).item<double>();
                counts[epoch - 1]++;
            }
            return r + objective.BetaAt(epoch) * k;
        }, options, valid, observer);
        int ran = history.TrainLoss.Length;
        return new VaeHistory(history,
            [.. recon.Take(ran).Select((v, e) => v / counts[e])],
            [.. kl.Take(ran).Select((v, e) => v / counts[e])],
            [.. Enumerable.Range(1, ran).Select(objective.BetaAt)]);
    }

    /// <summary>Posterior means μ(x) of the rows of <paramref name="x"/> (n x d → n x k): the codes to plot or to
    /// score with MIG.</summary>
    public Matrix Encode(Matrix x) => EncodeDistribution(x).Mean;

    /// <summary>Posterior means and log-variances of the rows of <paramref name="x"/> (n x d → two n x k).</summary>
    public (Matrix Mean, Matrix LogVariance) EncodeDistribution(Matrix x)
    {
        CheckInput(x, nameof(x));
        using var scope = Evaluating();
        var (mu, logVar) = EncodeDistribution(x.ToTensor(device: Device));
        return (mu.ToMatrix(), logVar.ToMatrix());
    }

    VaeHistory INeuralModel<VaeHistory>.Fit(Matrix x, TrainingOptions? options, Matrix? validation, FitObserver? observer)
        => Fit(x, options, validation, null, observer);

    /// <summary>The mean of p(x | z) for each row of codes (n x k → n x d), values in [0, 1] for Bernoulli.</summary>
    public Matrix Decode(Matrix z)
    {
        NeuralGuard.Input(z, nameof(z), LatentSize, "the latent");
        using var scope = Evaluating();
        return Decode(z.ToTensor(device: Device)).ToMatrix();
    }

    /// <summary>Reconstructions of the rows of <paramref name="x"/> through their posterior means (n x d).</summary>
    public Matrix Reconstruct(Matrix x) => Decode(Encode(x));

    /// <summary><paramref name="n"/> new samples: codes drawn from the prior N(0, I) with <paramref name="seed"/>,
    /// decoded to the mean of p(x | z) (n x d).</summary>
    public Matrix Sample(int n, int seed = Seed.Default)
    {
        Guard.InRange(n, 1, int.MaxValue, nameof(n));
        var rng = Seed.Create(seed);
        var z = new Matrix(n, LatentSize);
        for (int i = 0; i < z.Data.Length; i++) z.Data[i] = rng.NextGaussian();
        return Decode(z);
    }

    /// <summary>Decodes <paramref name="steps"/> evenly spaced points on the line between the posterior means of two
    /// inputs (both ends included): steps x d.</summary>
    public Matrix Interpolate(double[] from, double[] to, int steps = 8)
    {
        Guard.InRange(steps, 2, int.MaxValue, nameof(steps));
        var ends = Encode(Matrix.FromRows([Checked(from, nameof(from)), Checked(to, nameof(to))]));
        var z = new Matrix(steps, LatentSize);
        for (int s = 0; s < steps; s++)
        {
            double t = s / (steps - 1.0);
            for (int j = 0; j < LatentSize; j++) z[s, j] = (1 - t) * ends[0, j] + t * ends[1, j];
        }
        return Decode(z);
    }

    /// <summary>A latent traversal: encodes <paramref name="input"/>, sets latent <paramref name="latent"/> to each of
    /// <paramref name="values"/> in turn (others kept at the input's posterior mean) and decodes (values.Length x d).
    /// In a disentangled model each latent changes one factor of the image.</summary>
    public Matrix Traverse(double[] input, int latent, double[] values)
    {
        Guard.InRange(latent, 0, LatentSize - 1, nameof(latent));
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("give at least one value.", nameof(values));
        Guard.Finite(values, nameof(values));
        var code = Encode(Matrix.FromRows([Checked(input, nameof(input))]));
        var z = new Matrix(values.Length, LatentSize);
        for (int s = 0; s < values.Length; s++)
        {
            for (int j = 0; j < LatentSize; j++) z[s, j] = code[0, j];
            z[s, latent] = values[s];
        }
        return Decode(z);
    }

    /// <summary>The ELBO terms averaged over the rows of <paramref name="x"/>, with one z sample per row drawn from a
    /// generator seeded with <paramref name="seed"/> (so repeated evaluations agree).</summary>
    public ElboTerms Evaluate(Matrix x, int seed = Seed.Default)
    {
        CheckInput(x, nameof(x));
        using var scope = Evaluating();
        using var generator = new Generator((ulong)seed, Device);
        var (r, k) = Terms(x.ToTensor(device: Device), generator);
        return new ElboTerms(r.to(ScalarType.Float64).item<double>(), k.to(ScalarType.Float64).item<double>());
    }

    /// <summary>The mean KL of each latent separately (k values, nats): latents near 0 are unused ("collapsed" to the
    /// prior); the active ones carry the information.</summary>
    public double[] KlPerLatent(Matrix x)
    {
        var (mu, logVar) = EncodeDistribution(x);
        return KlPerLatent(mu, logVar);
    }

    /// <summary>The mean KL of each latent from posteriors already computed (<see cref="EncodeDistribution(Matrix)"/>),
    /// so the means and the KL of one set of inputs cost one pass of the encoder.</summary>
    /// <exception cref="ArgumentException">the two matrices differ in shape, or hold non-finite values.</exception>
    public static double[] KlPerLatent(Matrix mean, Matrix logVariance)
    {
        Guard.Data(mean, nameof(mean));
        Guard.Data(logVariance, nameof(logVariance));
        Guard.SameLength(mean.Rows, logVariance.Rows, nameof(logVariance));
        Guard.Columns(logVariance, mean.Cols, nameof(logVariance), nameof(mean));
        var kl = new double[mean.Cols];
        for (int i = 0; i < mean.Rows; i++)
            for (int j = 0; j < mean.Cols; j++)
                kl[j] += 0.5 * (mean[i, j] * mean[i, j] + Math.Exp(logVariance[i, j]) - 1 - logVariance[i, j]) / mean.Rows;
        return kl;
    }

    private IDisposable Evaluating() => Inference.Scope(this);

    private void CheckInput(Matrix x, string name)
    {
        NeuralGuard.Input(x, name, InputSize, "the VAE's input");
        if (Likelihood == Likelihood.Bernoulli) Guard.UnitInterval(x, name, "a Bernoulli VAE models probabilities (scale the data, or use Likelihood.Gaussian)");
    }

    private double[] Checked(double[] row, string name)
    {
        ArgumentNullException.ThrowIfNull(row, name);
        if (row.Length != InputSize) throw new ArgumentException($"{name} has {row.Length} values; the VAE's input has {InputSize}.", name);
        // Values checked under this argument's name (Encode would name its own x).
        CheckInput(new Matrix(1, row.Length, row), name);
        return row;
    }
}

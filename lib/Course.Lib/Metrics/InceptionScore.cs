namespace Course.Metrics;

/// <summary>
/// The Inception Score (Salimans et al., "Improved techniques for training GANs", NeurIPS 2016):
/// exp(E_x KL(p(y | x) ‖ p(y))), from a classifier's class probabilities for generated images. High when each image is
/// classified confidently (sharp p(y | x)) and the classes are used evenly (broad p(y)); it ranges from 1 to the
/// number of classes. It never looks at real images, so it cannot see that the samples differ from the data.
/// </summary>
public static class InceptionScore
{
    /// <summary>The score of <paramref name="probabilities"/> (n x C, rows summing to 1), averaged over
    /// <paramref name="splits"/> consecutive equal parts as in the reference code (default 1: the whole set).</summary>
    public static double FromProbabilities(Matrix probabilities, int splits = 1)
    {
        Guard.Data(probabilities, nameof(probabilities));
        Guard.InRange(splits, 1, probabilities.Rows, nameof(splits));
        for (int i = 0; i < probabilities.Rows; i++)
        {
            var row = probabilities.Row(i);
            double sum = 0;
            foreach (double p in row)
            {
                if (p < 0) throw new ArgumentException($"{nameof(probabilities)} row {i} has a negative entry {p}.", nameof(probabilities));
                sum += p;
            }
            if (Math.Abs(sum - 1) > 1e-4) throw new ArgumentException($"{nameof(probabilities)} row {i} sums to {sum}, not 1: pass softmax outputs.", nameof(probabilities));
        }
        int size = probabilities.Rows / splits;
        double total = 0;
        for (int s = 0; s < splits; s++)
        {
            int from = s * size, to = s == splits - 1 ? probabilities.Rows : from + size;
            var marginal = new double[probabilities.Cols];
            for (int i = from; i < to; i++) for (int c = 0; c < marginal.Length; c++) marginal[c] += probabilities[i, c] / (to - from);
            double kl = 0;
            for (int i = from; i < to; i++)
                for (int c = 0; c < marginal.Length; c++)
                {
                    double p = probabilities[i, c];
                    if (p > 0) kl += p * Math.Log(p / marginal[c]);
                }
            total += Math.Exp(kl / (to - from));
        }
        return total / splits;
    }
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Course.Data;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>
/// The feature-layer activations of the last few image sets a network embedded, keyed by a SHA-256 of the images
/// and of the network's weights. Judging a generator scores the same set several ways (FID, precision and recall,
/// class probabilities), and on a laptop CPU the convolutions are most of lesson 08's run time; a repeated set then
/// costs one hash instead of a pass through the network. Keying on the weights too means a network trained or
/// loaded since can never be answered with its old features.
/// </summary>
internal sealed class FeatureCache(int capacity)
{
    private readonly LinkedList<(byte[] Key, Matrix Features)> entries = new();
    private readonly object gate = new();

    /// <summary>A copy of the features of <paramref name="images"/> under <paramref name="weights"/>, computed by
    /// <paramref name="compute"/> only when this set and these weights were not seen among the last
    /// <c>capacity</c> sets.</summary>
    public Matrix GetOrAdd(Matrix images, IEnumerable<Tensor> weights, Func<Matrix> compute)
    {
        byte[] key = KeyOf(images, weights);
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (!node.Value.Key.AsSpan().SequenceEqual(key)) continue;
                entries.Remove(node);
                entries.AddFirst(node);   // most recently used first
                return node.Value.Features.Clone();
            }
        }
        var features = compute();
        lock (gate)
        {
            entries.AddFirst((key, features.Clone()));
            while (entries.Count > capacity) entries.RemoveLast();
        }
        return features;
    }

    private static byte[] KeyOf(Matrix images, IEnumerable<Tensor> weights)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(images.Rows));
        hash.AppendData(BitConverter.GetBytes(images.Cols));
        hash.AppendData(MemoryMarshal.AsBytes(images.Data.AsSpan()));
        using (no_grad())
            foreach (var w in weights)
            {
                using var onCpu = w.detach().cpu().to_type(ScalarType.Float32).contiguous();
                hash.AppendData(MemoryMarshal.AsBytes(onCpu.data<float>().ToArray().AsSpan()));
            }
        return hash.GetHashAndReset();
    }
}

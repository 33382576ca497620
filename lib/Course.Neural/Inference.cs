using TorchSharp;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>
/// The one way the neural models run without training: evaluation mode (dropout off, batch norm on its running
/// statistics), no gradient tape, and every tensor made inside freed when the scope ends; the module's previous mode
/// is restored, so a model in the middle of training stays in training.
/// </summary>
internal static class Inference
{
    /// <summary>Evaluation mode, no gradients and a dispose scope until the result is disposed.</summary>
    public static IDisposable Scope(nn.Module module)
    {
        bool wasTraining = module.training;
        module.eval();
        return new Restore(module, wasTraining, NewDisposeScope(), no_grad());
    }

    /// <summary><paramref name="f"/> applied to the rows of <paramref name="x"/> (checked by the caller) on
    /// <paramref name="device"/>, <paramref name="chunk"/> rows at a time so large inputs do not hold every
    /// activation at once; the result as a matrix.</summary>
    public static Matrix Apply(nn.Module module, Device device, Matrix x, Func<Tensor, Tensor> f, int chunk = int.MaxValue)
    {
        using var scope = Scope(module);
        if (x.Rows <= chunk) return f(x.ToTensor(device: device)).ToMatrix();
        var parts = new List<Matrix>();
        for (int start = 0; start < x.Rows; start += chunk)
            parts.Add(f(x.SelectRows(Enumerable.Range(start, Math.Min(chunk, x.Rows - start)).ToArray()).ToTensor(device: device)).ToMatrix());
        var result = new Matrix(x.Rows, parts[0].Cols);
        int offset = 0;
        foreach (var part in parts) { part.Data.CopyTo(result.Data, offset); offset += part.Data.Length; }
        return result;
    }

    private sealed class Restore(nn.Module module, bool wasTraining, DisposeScope scope, IDisposable noGrad) : IDisposable
    {
        public void Dispose()
        {
            noGrad.Dispose();
            scope.Dispose();
            module.train(wasTraining);
        }
    }
}

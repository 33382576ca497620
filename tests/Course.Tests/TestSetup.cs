using System.Runtime.CompilerServices;
using Course.Neural;

namespace Course.Tests;

/// <summary>The library tests run on libtorch's linear algebra, as the lessons do (the reference values are checked
/// at lesson sizes); <see cref="LinearAlgebraBackendTests"/> checks the managed backend against it.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void UseLibTorch() => TorchLinearAlgebra.Use();
}

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

/// <summary>
/// Tests that seed libtorch's global generator (<see cref="NeuralSeed.Set"/>) and expect its sequence, for example two
/// seeded runs giving equal weights. xUnit runs test classes in parallel, and a class drawing from the same global
/// generator between a seed and its use changes the sequence; so these classes run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibtorchGlobalGenerator
{
    /// <summary>The collection's name.</summary>
    public const string Name = "libtorch's global generator";
}

/// <summary>
/// The test tiers. Classes marked <c>[Trait("Category", Tier.Slow)]</c> train neural models, judge generated images,
/// start child processes or evaluate MSBuild; the rest (the library's unit tests, the contract, the exercise
/// catalogues) are the fast tier: <c>dotnet test tests/Course.Tests -c Release --filter Category!=Slow</c>, a couple
/// of minutes on 2 cores (README). The README's full command runs both tiers and the notebook tests.
/// </summary>
public static class Tier
{
    /// <summary>The trait value of the slow tier.</summary>
    public const string Slow = "Slow";
}

using System.Collections.Concurrent;

namespace Course.Lessons;

/// <summary>
/// Runs a lesson's demonstration on the learner's own function from an exercise, and on the kit's equivalent while
/// the learner has not written it yet (the handed-out stub throws <see cref="NotImplementedException"/>). The learner's
/// notebook so runs from top to bottom before any exercise is done, says which exercise it is waiting for, and uses
/// the learner's code as soon as it exists. The solution notebook always runs the solutions.
/// </summary>
public static class YourCode
{
    private static readonly ConcurrentDictionary<string, bool> Noted = new();

    /// <summary>The result of <paramref name="yours"/>, or of <paramref name="kits"/> when <paramref name="yours"/>
    /// is still the stub. Only a <see cref="NotImplementedException"/> (what the stub throws) switches: any other
    /// exception is the learner's code failing, which they must see.</summary>
    /// <param name="exercise">The exercise that asks for the function, e.g. "06.2".</param>
    /// <param name="yours">Calls the function the learner writes in that exercise.</param>
    /// <param name="kits">Does the same with the kit's library.</param>
    public static R Or<R>(string exercise, Func<R> yours, Func<R> kits)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(yours);
        ArgumentNullException.ThrowIfNull(kits);
        try { return yours(); }
        catch (NotImplementedException)
        {
            if (Noted.TryAdd(exercise, true))
                Console.WriteLine($"Exercise {exercise} is not written yet, so the cells that use it run the kit's version. Write yours, then run them again.");
            return kits();
        }
    }
}

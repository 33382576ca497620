namespace Course.Notebooks.Tests;

/// <summary>Runs the README's main command once over the solution notebooks, into a temporary folder, and shares the
/// result with the tests that inspect it. The learner notebooks run where learners run them, in the stand-alone kernel
/// (<see cref="ReplTests"/>), and the main command on a learner notebook in <see cref="CommandLineTests"/>: running all
/// eight here as well cost about five minutes of a suite that must stay within 25.</summary>
public sealed class RenderedLessons
{
    public string SolutionsOut { get; } = Directory.CreateTempSubdirectory("course-solutions").FullName;
    public (int Code, string Output) Solutions { get; }

    public RenderedLessons()
    {
        // Budget: 90 s per notebook on 2 cores (the lessons' own limit), plus start-up.
        var limit = TimeSpan.FromSeconds(60 + 90 * Kit.SolutionNotebooks.Count);
        // With the device forced, the engine checks after each neural lesson that every tensor and model it keeps is on
        // that device (NeuralDevice.Strays), so a cell that creates one elsewhere fails the run.
        Solutions = Kit.Course(limit, new Dictionary<string, string> { ["COURSE_DEVICE"] = Kit.TestDevice }, "run", "--solutions", "--out", SolutionsOut);
    }
}

[CollectionDefinition("rendered lessons")]
public sealed class RenderedLessonsCollection : ICollectionFixture<RenderedLessons>;

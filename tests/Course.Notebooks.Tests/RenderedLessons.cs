namespace Course.Notebooks.Tests;

/// <summary>Runs the README's main command once for the solution and once for the learner notebooks, into temporary
/// folders, and shares the results with the tests that inspect them.</summary>
public sealed class RenderedLessons
{
    public string SolutionsOut { get; } = Directory.CreateTempSubdirectory("course-solutions").FullName;
    public string LearnersOut { get; } = Directory.CreateTempSubdirectory("course-learners").FullName;
    public (int Code, string Output) Solutions { get; }
    public (int Code, string Output) Learners { get; }

    public RenderedLessons()
    {
        // Budget: 90 s per notebook on 2 cores (the lessons' own limit), plus start-up.
        var limit = TimeSpan.FromSeconds(60 + 90 * Kit.SolutionNotebooks.Count);
        Solutions = Kit.Course(limit, "run", "--solutions", "--out", SolutionsOut);
        Learners = Kit.Course(limit, "run", "--out", LearnersOut);
    }
}

[CollectionDefinition("rendered lessons")]
public sealed class RenderedLessonsCollection : ICollectionFixture<RenderedLessons>;

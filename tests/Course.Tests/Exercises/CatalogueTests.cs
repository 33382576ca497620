using Course.Exercises;

namespace Course.Tests.Exercises;

/// <summary>
/// The checks as adversaries of wrong answers: every exercise has at least three plausible mistakes, each rejected
/// with the message that helps, and at least two differently written correct answers, each accepted.
/// </summary>
public class CatalogueTests
{
    /// <summary>Lessons 06–08 work on TorchSharp tensors; their attempts run in <see cref="TensorCatalogueTests"/>.</summary>
    internal static bool OnTensors(string id) => string.CompareOrdinal(id, "06") >= 0;

    internal static TheoryData<string, string> AttemptsWhere(Func<string, bool> lesson)
    {
        var data = new TheoryData<string, string>();
        foreach (var (id, attempts) in Catalogue.ByExercise.Where(p => lesson(p.Key))) foreach (var a in attempts) data.Add(id, a.Name);
        return data;
    }

    public static TheoryData<string, string> Attempts() => AttemptsWhere(id => !OnTensors(id));

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_gets_the_verdict_and_message_it_deserves(string id, string name) => Judge(id, name);

    /// <summary>The same attempts with every call crossing the grader's process boundary as encoded messages (the
    /// learner's side, <see cref="Grading.LearnerHost"/>, and the check's, <see cref="Grading.RemoteFunction"/>, in one
    /// process): the boundary changes no verdict and no message.</summary>
    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_gets_the_same_verdict_through_the_graders_process_boundary(string id, string name) => Judge(id, name, crossing: true);

    internal static void Judge(string id, string name, bool crossing = false)
    {
        var attempt = Catalogue.ByExercise[id].Single(a => a.Name == name);
        Exercise.Crossing.Value = crossing ? Across : null;
        ExerciseResult result;
        try { result = attempt.Run(); }
        finally { Exercise.Crossing.Value = null; }
        Assert.Equal(id, result.Id);
        Assert.True(result.Status == attempt.Expected, $"{id}, attempt '{name}' should be {attempt.Expected} but was {result.Status}: {result.Message}");
        if (attempt.Message is not null) Assert.Contains(attempt.Message, result.Message);
    }

    // The learner's function behind a proxy of its own type: each call encoded, answered by the learner's side from
    // the bytes alone, and the answer decoded, as between the grader's two processes.
    private static Delegate Across(Delegate learner) =>
        Grading.RemoteFunction.Create(learner.GetType(), "Learner", call => Grading.LearnerHost.Answer(new Dictionary<string, Delegate> { ["Learner"] = learner }, call));

    [Fact]
    public void Every_exercise_has_at_least_three_wrong_and_two_right_attempts()
    {
        var lessons = new[] { typeof(Lesson01Checks), typeof(Lesson02Checks), typeof(Lesson03Checks), typeof(Lesson04Checks), typeof(Lesson05Checks), typeof(Lesson06Checks), typeof(Lesson07Checks), typeof(Lesson08Checks) };
        // Every public check method is an exercise; its id is the catalogue's key.
        int checks = lessons.Sum(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Count(m => m.ReturnType == typeof(ExerciseResult)));
        Assert.Equal(checks, Catalogue.ByExercise.Count);
        foreach (var (id, attempts) in Catalogue.ByExercise)
        {
            Assert.True(attempts.Count(a => a.Expected == ExerciseStatus.Failed) >= 3, $"{id} has fewer than three wrong attempts");
            Assert.True(attempts.Count(a => a.Expected == ExerciseStatus.Passed) >= 2, $"{id} has fewer than two right attempts");
            Assert.Single(attempts, a => a.Expected == ExerciseStatus.NotAttempted); // the stub
            Assert.Equal(attempts.Length, attempts.Select(a => a.Name).Distinct().Count());
        }
    }

    // Issue 35: an exercise that asks for an algorithm is not passed by calling the kit's implementation of it, in the
    // notebook or through the grader's process boundary (the attempts themselves run in the two tests above).
    [Theory]
    [InlineData("01.1"), InlineData("01.2"), InlineData("01.3"), InlineData("01.5"), InlineData("01.6"), InlineData("01.7"), InlineData("02.2"), InlineData("02.3")]
    [InlineData("02.4"), InlineData("03.1"), InlineData("03.2"), InlineData("03.3"), InlineData("03.7"), InlineData("04.2"), InlineData("04.4")]
    [InlineData("04.6"), InlineData("04.7"), InlineData("05.3"), InlineData("05.4"), InlineData("05.5"), InlineData("06.5"), InlineData("07.5")]
    public void Calling_the_kits_implementation_fails_an_exercise_that_asks_for_the_algorithm(string id) =>
        Assert.Contains(Catalogue.ByExercise[id], a => a.Expected == ExerciseStatus.Failed && a.Message!.StartsWith("calls the kit's", StringComparison.Ordinal));

    [Fact]
    public void Algorithm_reports_reach_nested_listeners_only_while_they_listen()
    {
        var (outer, inner) = (new List<string>(), new List<string>());
        AlgorithmUse.Report("before");
        using (AlgorithmUse.Listen(outer.Add))
        {
            using (AlgorithmUse.Listen(inner.Add)) new Clustering.Dbscan(0.5, 2).Fit(Matrix.FromRows([[0.0], [0.1], [5.0]]));
            AlgorithmUse.Report("after inner");
        }
        AlgorithmUse.Report("after outer");
        Assert.Equal(["Dbscan"], inner);
        Assert.Equal(["Dbscan", "after inner"], outer);
        Assert.Equal("onUse", Assert.Throws<ArgumentNullException>(() => AlgorithmUse.Listen(null!)).ParamName);
    }

    [Fact]
    public void Result_line_is_what_the_grader_parses()
    {
        var r = new ExerciseResult("01.2", "the update step", ExerciseStatus.Failed, "centroid 1 is off.");
        Assert.Equal("[exercise 01.2] FAILED: the update step. Centroid 1 is off.", r.ToString());
    }
}

/// <summary>The attempts of lessons 06–08. Some mistakes draw from libtorch's global generator (the point of the
/// mistake), so they run in the collection of tests that seed it, never beside them.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
public class TensorCatalogueTests
{
    public static TheoryData<string, string> Attempts() => CatalogueTests.AttemptsWhere(CatalogueTests.OnTensors);

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_gets_the_verdict_and_message_it_deserves(string id, string name) => CatalogueTests.Judge(id, name);

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_gets_the_same_verdict_through_the_graders_process_boundary(string id, string name) => CatalogueTests.Judge(id, name, crossing: true);
}

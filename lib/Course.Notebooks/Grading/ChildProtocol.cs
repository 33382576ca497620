namespace Course.Notebooks.Grading;

/// <summary>What the grader sends the learner's process first (one JSON line on its standard input): the cells to run.</summary>
/// <param name="CellTimeoutSeconds">Limit per cell.</param>
/// <param name="Setup">The kit's set-up cells, without the checks' assembly (<see cref="SubmissionPlan"/>).</param>
/// <param name="Exercises">The exercises, each its cells then its functions served to the check.</param>
public sealed record ChildPlan(int CellTimeoutSeconds, IReadOnlyList<string> Setup, IReadOnlyList<PlannedExercise> Exercises);

/// <summary>An exercise as the grader runs it: the section's cells (the learner's and the kit's) in the learner's
/// process, then the kit's check in the check process, calling the learner's functions.</summary>
/// <param name="Id">"01.2".</param>
/// <param name="Cells">The cells to run, in order.</param>
/// <param name="Check">The check method, "Lesson01Checks.Update".</param>
/// <param name="Functions">The learner's functions the check takes, in order.</param>
public sealed record PlannedExercise(string Id, IReadOnlyList<string> Cells, string Check, IReadOnlyList<string> Functions);

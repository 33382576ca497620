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
/// <param name="LearnerCells">For each of <paramref name="Cells"/>, the number of the learner's cell it is (0 for the
/// kit's), so an exception's frames name the learner's cell (<c>Course.Grading.NotebookFrames</c>).</param>
/// <param name="LearnerLines">For each of <paramref name="Cells"/>, the line of the learner's file it starts at (0 for
/// the kit's cells and for an .ipynb's).</param>
public sealed record PlannedExercise(string Id, IReadOnlyList<string> Cells, string Check, IReadOnlyList<string> Functions,
    IReadOnlyList<int>? LearnerCells = null, IReadOnlyList<int>? LearnerLines = null);

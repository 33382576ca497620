namespace Course.Notebooks.Tests;

/// <summary>The grader over a class folder: a right, an untouched, a wrong and a hostile (hung) submission.</summary>
public class GradingTests
{
    [Fact]
    public void Grading_a_folder_writes_a_gradebook_and_survives_a_hung_submission()
    {
        var solution = Kit.SolutionNotebooks.Single(p => Path.GetFileName(p).StartsWith("01-"));
        var learnerText = File.ReadAllText(SolutionStripper.LearnerPath(solution));
        var folder = Directory.CreateTempSubdirectory("course-class").FullName;
        void Submit(string student, string text)
        {
            Directory.CreateDirectory(Path.Combine(folder, student));
            File.WriteAllText(Path.Combine(folder, student, "01-kmeans.dib"), text);
        }
        Submit("alice", File.ReadAllText(solution));
        Submit("bob", learnerText);
        // Carol's update step divides by the number of all points instead of the cluster's.
        var stub = "    throw new NotImplementedException(); // your code here";
        int at = learnerText.IndexOf("Matrix Update(", StringComparison.Ordinal);
        int stubAt = learnerText.IndexOf(stub, at, StringComparison.Ordinal);
        Submit("carol", learnerText[..stubAt] + """
                var m = new Matrix(k, x.Cols);
                for (int i = 0; i < x.Rows; i++) for (int t = 0; t < x.Cols; t++) m[labels[i], t] += x[i, t] / x.Rows;
                return m;
            """ + learnerText[(stubAt + stub.Length)..]);
        // Dave's first exercise never returns.
        int first = learnerText.IndexOf(stub, StringComparison.Ordinal);
        Submit("dave", learnerText[..first] + "    while (true) { }" + learnerText[(first + stub.Length)..]);

        // Generous limits for a loaded 2-core machine; the hung submission costs one cell limit.
        const int cellLimit = 45, notebookLimit = 240;
        var (code, output) = Kit.Course(TimeSpan.FromSeconds(60 + 4 * notebookLimit), "grade", folder, "--cell-timeout", $"{cellLimit}", "--timeout", $"{notebookLimit}");
        Assert.True(code == 0, output);
        var csv = File.ReadAllLines(Path.Combine(folder, "gradebook.csv"));
        Assert.Equal("student,file,ex 01.1,ex 01.2,ex 01.3,ex 01.4,ex 01.5,passed,total,problem", csv[0]);
        Assert.StartsWith("alice,01-kmeans.dib,passed,passed,passed,passed,passed,5,5", csv.Single(l => l.StartsWith("alice")));
        Assert.StartsWith("bob,01-kmeans.dib,not attempted,not attempted,not attempted,not attempted,not attempted,0,5", csv.Single(l => l.StartsWith("bob")));
        Assert.StartsWith("carol,01-kmeans.dib,not attempted,failed,not attempted,not attempted,not attempted,0,5", csv.Single(l => l.StartsWith("carol")));
        var dave = csv.Single(l => l.StartsWith("dave"));
        Assert.StartsWith("dave,01-kmeans.dib,failed", dave);
        Assert.Contains("time limit", dave);
        var md = File.ReadAllText(Path.Combine(folder, "gradebook.md"));
        Assert.Contains("carol, exercise 01.2", md);
        Assert.Contains("centroid 0 should be the mean of its 3 points", md);
    }
}

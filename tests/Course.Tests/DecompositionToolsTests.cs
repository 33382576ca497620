using Course.Data;
using Course.Decomposition;
using Course.Exercises;
using Course.Classification;
using Course.Neighbors;
using Course.Plotting;

namespace Course.Tests;

/// <summary>Lesson 04's classifier, chart and exercise checks.</summary>
public class DecompositionToolsTests
{
    [Fact]
    public void Knn_classifier_votes_by_majority_with_ties_to_the_smallest_label()
    {
        var x = Matrix.FromRows([[0.0], [1], [2], [10], [11], [12]]);
        var model = new KNeighborsClassifier(3).Fit(x, [0, 0, 1, 1, 1, 2]);
        Assert.Equal([0, 1, 1], model.Predict(Matrix.FromRows([[0.5], [11.0], [6.0]])));
        // Two neighbours, one vote each: the smaller label wins.
        Assert.Equal([0], new KNeighborsClassifier(2).Fit(x, [1, 0, 1, 1, 1, 2]).Predict(Matrix.FromRows([[0.5]])));
        Assert.Contains("NNeighbors = 7", Assert.Throws<ArgumentException>(() => new KNeighborsClassifier(7).Fit(x, [0, 0, 1, 1, 1, 2])).Message);
        Assert.Contains("length mismatch", Assert.Throws<ArgumentException>(() => new KNeighborsClassifier(1).Fit(x, [0, 1])).Message);
    }

    [Fact]
    public void Knn_accuracy_on_fashion_mnist_equals_scikit_learn_raw_and_after_pca()
    {
        // scikit-learn 1.2.1, KNeighborsClassifier(5) trained on the subset's first 8,000 images, scored on the last
        // 2,000: 0.8095 on raw pixels, 0.8225 after PCA(50, svd_solver="full") fitted on the training images.
        var f = Datasets.FashionMnistSubset();
        var train = Enumerable.Range(0, 8000).ToArray(); var test = Enumerable.Range(8000, 2000).ToArray();
        var xTrain = f.X.SelectRows(train); var xTest = f.X.SelectRows(test);
        var yTrain = train.Select(i => f.Labels[i]).ToArray(); var yTest = test.Select(i => f.Labels[i]).ToArray();
        Assert.Equal(0.8095, new KNeighborsClassifier(5).Fit(xTrain, yTrain).Score(xTest, yTest), 10);
        var pca = new Pca(new PcaOptions { NComponents = 50, Solver = PcaSolver.Full }).Fit(xTrain);
        Assert.Equal(0.8225, new KNeighborsClassifier(5).Fit(pca.Transform(xTrain), yTrain).Score(pca.Transform(xTest), yTest), 10);
    }

    [Fact]
    public void Arrows_chart_keeps_the_axes_equal()
    {
        var html = OfflinePlotly.ChartHtml(Charts.Arrows(Matrix.FromRows([[0.0, 0], [1, 1], [2, 1]]), [1.0, 0.5], [([1.0, 0.0], "a"), ([0.0, 1.0], "b")]));
        Assert.Contains("\"scaleanchor\":\"x\"", html);
    }
}

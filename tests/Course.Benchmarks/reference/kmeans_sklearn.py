"""scikit-learn's side of KMeansLloydWorkload.cs: the same Lloyd K-means, with its own k-means++ seeding or, when
params["same_init"], from the centroids the C# side wrote to the data file as "init"."""
from sklearn.cluster import KMeans


def setup(arrays, params):
    X = arrays["X"]
    init = arrays["init"] if params["same_init"] else "k-means++"

    def run():
        return KMeans(n_clusters=params["k"], algorithm="lloyd", n_init=1, init=init,
                      random_state=params["seed"], max_iter=params["max_iter"], tol=params["tol"]).fit(X)

    return run


def metrics(model):
    return {"inertia": float(model.inertia_), "n_iter": int(model.n_iter_)}

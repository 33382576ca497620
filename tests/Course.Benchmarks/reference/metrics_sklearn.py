"""scikit-learn's side of AllPairsMetricWorkload.cs: silhouette_score or trustworthiness on the same doubles."""
from sklearn.manifold import trustworthiness
from sklearn.metrics import silhouette_score


def setup(arrays, params):
    X = arrays["X"]
    if params["metric"] == "trustworthiness":
        E = arrays["E"]
        return lambda: ("trustworthiness", trustworthiness(X, E, n_neighbors=params["n_neighbors"]))
    labels = arrays["labels"].ravel().astype(int)
    return lambda: ("silhouette", silhouette_score(X, labels))


def metrics(result):
    name, score = result
    return {name: float(score)}

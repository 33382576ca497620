"""scikit-learn's side of WardWorkload.cs: Ward agglomerative clustering with the full tree computed."""
from sklearn.cluster import AgglomerativeClustering


def setup(arrays, params):
    X = arrays["X"]

    def run():
        # compute_distances=True keeps the merge heights, so the top height can be compared with ours.
        return AgglomerativeClustering(n_clusters=params["k"], linkage="ward", compute_full_tree=True,
                                       compute_distances=True).fit(X)

    return run


def metrics(model):
    return {"top_height": float(model.distances_[-1]), "clusters": float(model.n_clusters_)}

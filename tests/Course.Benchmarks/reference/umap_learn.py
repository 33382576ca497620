"""umap-learn's side of ManifoldWorkload.cs (UMAP rows): UMAP with every default, seeded (apt-get install umap-learn).

A seed makes umap-learn run its layout in one thread, as ours does for reproducibility. Its first fit in a process
also compiles its numba functions; run with --warmup 0 --repeats 1 to time that cold fit.
"""
import warnings

from sklearn.manifold import trustworthiness

warnings.filterwarnings("ignore")


def setup(arrays, params):
    import umap
    X = arrays["X"]
    setup.X = X
    return lambda: umap.UMAP(random_state=params["seed"]).fit(X)


def metrics(model):
    return {"trustworthiness": float(trustworthiness(setup.X, model.embedding_, n_neighbors=10))}

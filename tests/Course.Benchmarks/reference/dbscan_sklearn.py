"""scikit-learn's side of DbscanWorkload.cs: DBSCAN with its neighbour queries on every core (n_jobs=-1)."""
import numpy as np
from sklearn.cluster import DBSCAN


def setup(arrays, params):
    X = arrays["X"]
    return lambda: DBSCAN(eps=params["eps"], min_samples=params["min_samples"], n_jobs=-1).fit(X)


def metrics(model):
    labels = model.labels_
    return {"clusters": float(labels.max() + 1), "core": float(len(model.core_sample_indices_)),
            "noise": float(np.sum(labels < 0))}

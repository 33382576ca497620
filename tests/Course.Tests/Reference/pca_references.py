"""Writes pca.json, the reference values the decomposition tests compare with (run from this folder):

    /usr/bin/python3 pca_references.py

Needs scikit-learn (apt-get install python3-sklearn). Digits come from the kit's own datasets/digits.csv.gz; the
circles are generated here and stored in the JSON, so the tests use the very same points.
"""
import csv
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_circles
from sklearn.decomposition import PCA, IncrementalPCA, KernelPCA


def load_digits():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "datasets", "digits.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = [r for r in csv.reader(f) if r]
    return np.array([[float(v) for v in r[:64]] for r in rows])


def main():
    x = load_digits()
    out = {"sklearn": sklearn.__version__}
    pca = PCA(n_components=10, svd_solver="full").fit(x)
    out["digits_pca10"] = {"components": pca.components_.tolist(), "explained_variance": pca.explained_variance_.tolist(),
                           "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
                           "singular_values": pca.singular_values_.tolist(), "mean": pca.mean_.tolist(),
                           "noise_variance": float(pca.noise_variance_)}
    out["digits_pca_90_percent"] = int(PCA(n_components=0.9, svd_solver="full").fit(x).n_components_)
    ipca = IncrementalPCA(n_components=10, batch_size=200).fit(x)
    out["digits_ipca10_batch200"] = {"components": ipca.components_.tolist(),
                                     "explained_variance_ratio": ipca.explained_variance_ratio_.tolist()}

    circles, _ = make_circles(n_samples=200, factor=0.3, noise=0.05, random_state=0)
    new = np.array([[0.0, 0.0], [0.5, 0.5], [1.0, 0.0], [-0.3, 0.2], [0.1, -0.9]])
    out["circles"] = circles.tolist()
    out["circles_new"] = new.tolist()
    kernels = {
        "rbf": dict(kernel="rbf", gamma=10.0),
        "poly": dict(kernel="poly", gamma=1.0, degree=3, coef0=1.0),
        "cosine": dict(kernel="cosine"),
    }
    for name, params in kernels.items():
        k = KernelPCA(n_components=2, fit_inverse_transform=True, alpha=0.1, **params).fit(circles)
        out[f"kpca_{name}"] = {"embedding": k.transform(circles).tolist(), "new": k.transform(new).tolist(),
                               "eigenvalues": k.eigenvalues_.tolist(),
                               "preimage": k.inverse_transform(k.transform(new)).tolist()}
    with open("pca.json", "w") as f:
        json.dump(out, f)
    print(f"pca.json written with scikit-learn {sklearn.__version__}: digits PCA/IncrementalPCA, KernelPCA on circles")


if __name__ == "__main__":
    main()

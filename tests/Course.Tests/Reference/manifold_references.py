"""Writes manifold.json, the reference values the manifold-learning tests compare with (run from this folder):

    /usr/bin/python3 manifold_references.py

Needs scikit-learn (apt-get install python3-sklearn). The points are generated here and stored in the JSON, so the
tests use the very same ones.
"""
import json

import numpy as np
import sklearn
from sklearn.manifold import trustworthiness
from sklearn.manifold._utils import _binary_search_perplexity
from sklearn.neighbors import NearestNeighbors


def main():
    rng = np.random.RandomState(0)
    x = rng.randn(60, 5)
    y = x[:, :2] + 0.3 * rng.randn(60, 2)
    out = {"sklearn": sklearn.__version__, "x": x.tolist(), "y": y.tolist()}
    # Trustworthiness of y as an embedding of x; continuity is trustworthiness with the roles swapped.
    out["trustworthiness"] = {str(k): trustworthiness(x, y, n_neighbors=k) for k in (1, 5, 10)}
    out["continuity"] = {str(k): trustworthiness(y, x, n_neighbors=k) for k in (5, 10)}
    # t-SNE's conditional probabilities p(j | i) over the 15 nearest neighbours at perplexity 5, as TSNE computes
    # them (squared distances, float32 input, binary search to the target entropy).
    distances, neighbours = NearestNeighbors(n_neighbors=15).fit(x).kneighbors(return_distance=True)
    p = _binary_search_perplexity((distances ** 2).astype(np.float32), 5.0, 0)
    out["perplexity5"] = {"neighbours": neighbours.tolist(), "p": p.tolist()}
    with open("manifold.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()

"""Writes manifold.json, the reference values the manifold-learning tests compare with (run from this folder):

    /usr/bin/python3 manifold_references.py

Needs scikit-learn and umap-learn (apt-get install python3-sklearn umap-learn). The points are generated here and
stored in the JSON, so the tests use the very same ones. The digits figures are the quality bar the kit's t-SNE and
UMAP must reach: trustworthiness (k = 10) of scikit-learn's TSNE and umap-learn's UMAP with their defaults.
"""
import json

import numpy as np
import sklearn
from scipy.spatial.distance import pdist, squareform
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _joint_probabilities_nn, _kl_divergence
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
    # Barnes-Hut t-SNE's joint probabilities over the 3 * 5 + 1 nearest neighbours, and the exact method's over all
    # points with its KL divergence and gradient at the embedding y.
    graph = NearestNeighbors(n_neighbors=16).fit(x).kneighbors_graph(mode="distance")
    graph.data **= 2
    out["joint5"] = _joint_probabilities_nn(graph, 5.0, 0).toarray().tolist()
    p_exact = _joint_probabilities(squareform(pdist(x, "sqeuclidean")), 5.0, 0)
    kl, grad = _kl_divergence(y.ravel(), p_exact, 1, 60, 2)
    out["exact5"] = {"p": squareform(p_exact).tolist(), "kl": float(kl), "gradient": grad.reshape(60, 2).tolist()}
    # The quality bar on digits.
    digits = load_digits().data
    tsne = TSNE(random_state=0).fit_transform(digits)
    out["digits_tsne_trustworthiness10"] = float(trustworthiness(digits, tsne, n_neighbors=10))
    import umap
    embedding = umap.UMAP(random_state=42).fit_transform(digits)
    out["digits_umap_trustworthiness10"] = float(trustworthiness(digits, embedding, n_neighbors=10))
    out["umap"] = umap.__version__ if hasattr(umap, "__version__") else "0.5.3"
    with open("manifold.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()

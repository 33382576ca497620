"""scikit-learn's side of ManifoldWorkload.cs (t-SNE rows): TSNE with every default (Barnes-Hut, angle 0.5,
perplexity 30, PCA start, learning rate "auto")."""
from sklearn.manifold import TSNE, trustworthiness


def setup(arrays, params):
    X = arrays["X"]
    setup.X = X
    return lambda: TSNE(random_state=params["seed"], init="pca", learning_rate="auto").fit(X)


def metrics(model):
    return {"trustworthiness": float(trustworthiness(setup.X, model.embedding_, n_neighbors=10)),
            "kl": float(model.kl_divergence_), "n_iter": int(model.n_iter_) + 1}

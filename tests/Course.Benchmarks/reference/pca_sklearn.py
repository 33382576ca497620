"""scikit-learn's side of PcaWorkload.cs: PCA with the same solver."""
from sklearn.decomposition import PCA


def setup(arrays, params):
    X = arrays["X"]
    return lambda: PCA(n_components=params["k"], svd_solver=params["solver"], random_state=0).fit(X)


def metrics(model):
    return {"evr_sum": float(model.explained_variance_ratio_.sum()), "evr_50th": float(model.explained_variance_ratio_[-1])}

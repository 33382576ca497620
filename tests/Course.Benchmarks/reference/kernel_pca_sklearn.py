"""scikit-learn's side of KernelPcaWorkload.cs: KernelPCA (RBF, default gamma) with the named eigen_solver."""
from sklearn.decomposition import KernelPCA


def setup(arrays, params):
    X = arrays["X"]
    return lambda: KernelPCA(n_components=params["k"], kernel="rbf", eigen_solver=params["solver"], random_state=0).fit(X)


def metrics(model):
    values = model.eigenvalues_
    return {"eigenvalue_sum": float(values.sum()), "eigenvalue_last": float(values[-1])}

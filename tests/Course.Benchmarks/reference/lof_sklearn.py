"""scikit-learn's side of LocalOutlierFactorWorkload.cs: the local outlier factor of every row, k = params["k"]."""
from sklearn.neighbors import LocalOutlierFactor


def setup(arrays, params):
    X = arrays["X"]

    def run():
        return LocalOutlierFactor(n_neighbors=params["k"], n_jobs=-1).fit(X)

    return run


def metrics(model):
    return {"mean_lof": float(-model.negative_outlier_factor_.mean()), "outliers": int((model.negative_outlier_factor_ < model.offset_).sum())}

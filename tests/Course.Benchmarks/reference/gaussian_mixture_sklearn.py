"""scikit-learn's side of GaussianMixtureWorkload.cs: EM from the same starting responsibilities (the K-means labels
the C# side wrote to the data file as "init_labels"), so both sides run the same iterations."""
import numpy as np
from sklearn.mixture import GaussianMixture


def setup(arrays, params):
    X = arrays["X"]
    labels = arrays["init_labels"].astype(int).ravel()
    k = params["k"]
    # One-hot responsibilities give the same first M-step as init_params="kmeans"; GaussianMixture takes starting
    # weights, means and precisions, so they are computed here from those labels, as its own initialisation does.
    resp = np.zeros((X.shape[0], k))
    resp[np.arange(X.shape[0]), labels] = 1
    probe = GaussianMixture(k, covariance_type=params["covariance_type"], reg_covar=params["reg_covar"])
    probe._initialize(X, resp)
    weights, means, covariances = probe.weights_, probe.means_, probe.covariances_
    precisions = np.linalg.inv(covariances) if params["covariance_type"] in ("full", "tied") else 1 / covariances

    def run():
        # init_params="random_from_data": the cheapest start, replaced by the given parameters (with "kmeans" it would
        # still run a K-means fit first, inside the timing).
        return GaussianMixture(k, covariance_type=params["covariance_type"], tol=params["tol"], reg_covar=params["reg_covar"],
                               max_iter=params["max_iter"], init_params="random_from_data", weights_init=weights,
                               means_init=means, precisions_init=precisions).fit(X)

    return run


def metrics(model):
    return {"lower_bound": float(model.lower_bound_), "n_iter": int(model.n_iter_)}

"""scikit-learn's side of MiniBatchKMeansWorkload.cs: MiniBatchKMeans with one k-means++ seeding."""
from sklearn.cluster import MiniBatchKMeans


def setup(arrays, params):
    X = arrays["X"]
    return lambda: MiniBatchKMeans(n_clusters=params["k"], batch_size=params["batch"], n_init=1,
                                   random_state=params["seed"]).fit(X)


def metrics(model):
    return {"inertia": float(model.inertia_), "n_iter": float(model.n_steps_)}

"""Writes the reference results the density-clustering tests compare with (run from this folder):

    /usr/bin/python3 density_references.py

Needs scikit-learn (apt-get install python3-sklearn) for DBSCAN and R's dbscan package (apt-get install
r-cran-dbscan) for HDBSCAN: scikit-learn 1.2 has no HDBSCAN, and R's is the implementation by HDBSCAN's authors'
collaborators that issue 4 names. Each CSV holds the data (seeded here, independent of the kit's generators) and the
reference labels; the tests read them, so CI needs neither Python nor R.
"""
import csv
import os
import subprocess
import tempfile

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_moons

rng = np.random.default_rng(2024)


def blobs_with_noise():
    centres = np.array([[0.0, 0.0], [4.0, 4.0], [-4.0, 4.0]])
    x = np.vstack([c + 0.6 * rng.standard_normal((300, 2)) for c in centres] + [rng.uniform(-8, 8, (100, 2))])
    truth = np.repeat([0, 1, 2, -1], [300, 300, 300, 100])
    return x, truth


def moons_with_noise():
    x, y = make_moons(600, noise=0.06, random_state=0)
    noise = rng.uniform([-1.5, -1.0], [2.5, 1.5], (30, 2))
    return np.vstack([x, noise]), np.concatenate([y, -np.ones(30, int)])


def varied_density():
    # Two tight blobs close together and a wide sparse one: no single eps separates the first two and keeps the third.
    parts = [np.array([0.0, 0.0]) + 0.2 * rng.standard_normal((300, 2)),
             np.array([1.3, 0.0]) + 0.2 * rng.standard_normal((300, 2)),
             np.array([0.6, 5.0]) + 1.5 * rng.standard_normal((300, 2))]
    return np.vstack(parts), np.repeat([0, 1, 2], 300)


def geo_points():
    # Points of interest around three town centres (degrees), 2-6 km spread, plus scattered ones.
    centres = np.array([[48.8566, 2.3522], [48.80, 2.13], [48.90, 2.60]])
    parts = [c + rng.standard_normal((200, 2)) * [0.02, 0.03] for c in centres]
    parts.append(rng.uniform([48.6, 1.9], [49.1, 2.8], (60, 2)))
    return np.radians(np.vstack(parts)), np.repeat([0, 1, 2, -1], [200, 200, 200, 60])


def r_hdbscan(x, min_pts):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "x.csv"), os.path.join(tmp, "out.csv")
        np.savetxt(src, x, delimiter=",", fmt="%.17g")
        script = (f'library(dbscan); x <- as.matrix(read.csv("{src}", header=FALSE)); h <- hdbscan(x, minPts={min_pts}); '
                  f'write.csv(data.frame(cluster=h$cluster, prob=h$membership_prob, glosh=h$outlier_scores), "{dst}", row.names=FALSE); '
                  'cat(as.character(packageVersion("dbscan")))')
        version = subprocess.run(["Rscript", "-e", script], check=True, capture_output=True, text=True).stdout.strip()
        out = np.genfromtxt(dst, delimiter=",", names=True)
        # R numbers clusters from 1 and noise 0; the kit's convention (and scikit-learn's) is noise -1.
        return out["cluster"].astype(int) - 1, out["prob"], out["glosh"], version


def write(name, x, truth, columns):
    with open(f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x0", "x1", "truth", *columns])
        for i in range(len(x)):
            w.writerow([repr(float(x[i, 0])), repr(float(x[i, 1])), int(truth[i]),
                        *(repr(float(v[i])) if v.dtype.kind == "f" else int(v[i]) for v in columns.values())])


def main():
    cases = {"blobs_noise": (blobs_with_noise(), 0.5, 10, 15),
             "moons": (moons_with_noise(), 0.15, 5, 10),
             "varied": (varied_density(), 0.3, 10, 10)}
    for name, ((x, truth), eps, min_samples, min_pts) in cases.items():
        db = DBSCAN(eps=eps, min_samples=min_samples).fit(x)
        labels, prob, glosh, version = r_hdbscan(x, min_pts)
        write(name, x, truth, {"sklearn_dbscan": db.labels_, "r_hdbscan": labels, "r_prob": prob, "r_glosh": glosh})
        print(f"{name}: DBSCAN(eps={eps}, min_samples={min_samples}) {db.labels_.max() + 1} clusters; "
              f"R dbscan {version} hdbscan(minPts={min_pts}) {labels.max() + 1} clusters")
    x, truth = geo_points()
    eps = 1.5 / 6371.0088
    db = DBSCAN(eps=eps, min_samples=8, metric="haversine", algorithm="ball_tree").fit(x)
    write("geo", x, truth, {"sklearn_dbscan": db.labels_})
    print(f"geo: DBSCAN(eps=1.5 km, min_samples=8, haversine) {db.labels_.max() + 1} clusters; scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()

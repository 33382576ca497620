"""Writes classification.json, the reference values of the logistic-regression tests (run from this folder):

    /usr/bin/python3 classification_references.py

Needs scikit-learn (apt-get install python3-sklearn). Uses the kit's iris.csv, standardised here and stored, so the
tests fit exactly the same numbers.
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression


def load_iris():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "datasets", "iris.csv")
    with open(path) as f:
        rows = [r for r in csv.reader(f)][1:]
    return np.array([[float(v) for v in r[:4]] for r in rows]), np.array([int(r[4]) for r in rows])


def main():
    x, y = load_iris()
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    out = {"sklearn": sklearn.__version__, "x": x.tolist(), "y": y.tolist()}
    for c in (1.0, 0.1):
        m = LogisticRegression(C=c, tol=1e-10, max_iter=10000).fit(x, y)
        out[f"C={c}"] = {"coef": m.coef_.tolist(), "intercept": m.intercept_.tolist(),
                         "proba": m.predict_proba(x).tolist(), "accuracy": float(m.score(x, y))}
    with open("classification.json", "w") as f:
        json.dump(out, f)
    print(f"classification.json written with scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()

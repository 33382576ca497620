"""R's side of HdbscanWorkload.cs: dbscan::hdbscan, timed inside R by hdbscan_r.R (so R's start-up is not counted).

Defines run_timed instead of setup: the harness hands over the warm-up and repeat counts and takes the times back.
Needs Rscript and R's dbscan package: apt-get install r-cran-dbscan.
"""
import os
import shutil
import subprocess
import tempfile

import numpy as np


def run_timed(arrays, params, warmup, repeats):
    if shutil.which("Rscript") is None:
        raise RuntimeError("Rscript not found: apt-get install r-cran-dbscan")
    X = np.ascontiguousarray(arrays["X"], dtype="<f8")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hdbscan_r.R")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.bin")
        X.tofile(path)
        run = subprocess.run(["Rscript", script, path, str(X.shape[0]), str(X.shape[1]), str(params["min_pts"]),
                              str(warmup), str(repeats)], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"Rscript failed (exit {run.returncode}): {run.stderr.strip()[-2000:]}")
        out = run.stdout
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    seconds = [float(s) for s in lines["seconds"]]
    labels = np.array([int(v) for v in lines["labels"]]) - 1  # R: 0 is noise, clusters from 1
    return seconds, labels


def metrics(labels):
    return {"clusters": float(labels.max() + 1), "noise": float(np.sum(labels < 0))}

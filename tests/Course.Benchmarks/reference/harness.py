"""Times one workload's Python reference the way Timing.cs times ours, and prints one JSON object.

    harness.py --probe
        checks numpy and scikit-learn import, prints versions, threads and BLAS (exit 3 when one is missing).
    harness.py --module kmeans_sklearn.py --data inputs.npz --params '{"k": 20}' --warmup 1 --repeats 5
        loads the arrays, calls module.setup(arrays, params) for a callable (or, for a module that times another
        language, module.run_timed(arrays, params, warmup, repeats) -> (seconds, result)), runs it `warmup` times untimed and
        `repeats` times timed (gc.collect() before each run, perf_counter around the call only), then prints
        {"seconds": [...], "metrics": module.metrics(last_result), "environment": {...}}.

Only numpy, scikit-learn and the standard library (threadpoolctl when present, as scikit-learn ships with it).
The environment is used as inherited: OPENBLAS_*, OMP_* and the like are reported, never changed.
"""
import argparse
import gc
import importlib.util
import json
import os
import platform
import sys
import time

# Captured before numpy and scikit-learn import: scikit-learn sets KMP_* variables of its own on import.
INHERITED_VARIABLES = {k: v for k, v in sorted(os.environ.items())
                       if k.startswith(("OPENBLAS", "OMP_", "MKL_", "GOMP", "KMP_", "BLIS"))}


def environment():
    import numpy
    import sklearn

    env = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "numpy": numpy.__version__,
        "sklearn": sklearn.__version__,
        "cpu_count": os.cpu_count(),
        "variables": INHERITED_VARIABLES,
    }
    try:
        # The thread count scikit-learn's Cython loops (k-means included) actually use.
        from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
        env["sklearn_openmp_threads"] = _openmp_effective_n_threads()
    except ImportError:
        pass
    try:
        from threadpoolctl import threadpool_info
        env["threadpools"] = [{k: p.get(k) for k in ("user_api", "internal_api", "prefix", "version",
                                                     "num_threads", "filepath", "architecture")
                               if p.get(k) is not None} for p in threadpool_info()]
    except ImportError:
        env["threadpools"] = "threadpoolctl not installed"
    # threadpoolctl recognises OpenBLAS, MKL and BLIS by name but not the reference (netlib) libblas.so.3 that
    # Debian's alternatives may point to, so also list the BLAS/LAPACK libraries the process really mapped.
    try:
        libs = set()
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = path.rsplit("/", 1)[-1]
                # Python extension modules (scipy's _fblas, ...) only wrap the library; list the library itself.
                if ".so" in name and ".cpython-" not in name and any(
                        s in name for s in ("blas", "lapack", "mkl", "blis", "gomp", "iomp", "libomp")):
                    libs.add(path)
        env["native_libraries"] = sorted(libs)
    except OSError:
        pass
    return env


def load_module(path):
    spec = importlib.util.spec_from_file_location("workload_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--module")
    parser.add_argument("--data")
    parser.add_argument("--params", default="{}")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    try:
        import numpy as np
        import sklearn  # noqa: F401
    except ImportError as e:
        print(json.dumps({"error": f"{e}"}))
        return 3

    if args.probe:
        # Fit a tiny model so the OpenMP runtime and BLAS are loaded and show up in the report.
        from sklearn.cluster import KMeans
        KMeans(n_clusters=2, n_init=1, random_state=0).fit(np.arange(40.0).reshape(20, 2))
        print(json.dumps({"environment": environment()}))
        return 0

    module = load_module(args.module)
    with np.load(args.data) as npz:
        arrays = {name: np.ascontiguousarray(npz[name]) for name in npz.files}
    if hasattr(module, "run_timed"):
        # A reference outside Python (R) times itself with the same protocol and returns (seconds, last result).
        seconds, result = module.run_timed(arrays, json.loads(args.params), args.warmup, args.repeats)
        print(json.dumps({"seconds": seconds, "metrics": module.metrics(result), "environment": environment()}))
        return 0
    run = module.setup(arrays, json.loads(args.params))

    for _ in range(args.warmup):
        gc.collect()
        run()
    seconds = []
    result = None
    for _ in range(args.repeats):
        gc.collect()
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"seconds": seconds, "metrics": module.metrics(result), "environment": environment()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

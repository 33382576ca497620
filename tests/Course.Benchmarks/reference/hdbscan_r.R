# R's side of HdbscanWorkload.cs, run by hdbscan_r.py:
#   Rscript hdbscan_r.R data.bin rows cols min_pts warmup repeats
# data.bin holds the matrix as row-major little-endian doubles. Times only the hdbscan() call, with gc() before each
# run outside the timed span, as the harness does, and prints one line "seconds s1 s2 ..." and one "labels ...".
args <- commandArgs(trailingOnly = TRUE)
rows <- as.integer(args[2]); cols <- as.integer(args[3]); min_pts <- as.integer(args[4])
warmup <- as.integer(args[5]); repeats <- as.integer(args[6])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", rows * cols, size = 8, endian = "little"), nrow = rows, ncol = cols, byrow = TRUE)
close(con)
suppressPackageStartupMessages(library(dbscan))
for (i in seq_len(warmup)) { invisible(gc()); h <- hdbscan(x, minPts = min_pts) }
seconds <- numeric(repeats)
for (i in seq_len(repeats)) {
  invisible(gc())
  start <- proc.time()[["elapsed"]]
  h <- hdbscan(x, minPts = min_pts)
  seconds[i] <- proc.time()[["elapsed"]] - start
}
cat("version", as.character(packageVersion("dbscan")), "\n")
cat("seconds", format(seconds, digits = 17), "\n")
cat("labels", h$cluster, "\n")

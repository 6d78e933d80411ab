"""The benchmark: seeds a large data set and measures pages under load (make bench)."""

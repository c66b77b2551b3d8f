"""`make bench`: our build against its peers on a generated corpus (bench/RESULTS.md)."""

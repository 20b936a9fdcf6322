#!/usr/bin/env bash
# Median wall time and peak memory of `brief build` on a generated corpus.
#   bash tests/bench/build.sh [BRIEFINGS] [RUNS]     (defaults: 10000 briefings, 5 runs)
# Generates the corpus once under /tmp, builds the release binary, then times, alternately,
# a cold build (empty output) and a rebuild with no change, both into tmpfs (/dev/shm) so that
# the disk's mood does not decide the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}; runs=${2:-5}
corpus=/tmp/brief-corpus-$n; out=/dev/shm/brief-bench-out
[ -d "$corpus/content" ] || python3 tests/bench/gen_corpus.py "$corpus" --briefings "$n"
cargo build --release -q
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold=(); warm=(); rss=()
for _ in $(seq "$runs"); do
  rm -rf "$out"
  /usr/bin/time -f "%e %M" -o /tmp/brief-bench-time ./target/release/brief build --root "$corpus" --output "$out" >/dev/null
  read -r t m < /tmp/brief-bench-time; cold+=("$t"); rss+=("$m")
  /usr/bin/time -f "%e %M" -o /tmp/brief-bench-time ./target/release/brief build --root "$corpus" --output "$out" >/dev/null
  read -r t _ < /tmp/brief-bench-time; warm+=("$t")
done
echo "briefings: $n, runs: $runs, output: $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l) files"
echo "cold build, median:        $(printf '%s\n' "${cold[@]}" | median) s"
echo "no-change rebuild, median: $(printf '%s\n' "${warm[@]}" | median) s"
echo "peak memory, median:       $(( $(printf '%s\n' "${rss[@]}" | median) / 1024 )) MiB"
rm -rf "$out"

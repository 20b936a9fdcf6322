#!/usr/bin/env bash
# `brief build` at several sizes: one table row per corpus size, medians over RUNS runs.
#   bash tests/bench/build.sh [RUNS] [BRIEFINGS...]     (defaults: 5 runs; 1000 10000 50000)
# For each size it generates the corpus once under /tmp (seeded, see gen_corpus.py), builds the
# release binary, then times, in turn within each run: a cold build into an empty folder, a
# rebuild with nothing changed, and a rebuild after one briefing's body changed (restored
# afterwards). Output goes to tmpfs (/dev/shm) so that the disk's mood does not decide the result.
# Columns: wall-time medians in seconds, peak memory (max RSS) of the cold build, the output's
# size and file count, and how many files each rebuild wrote.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
out=/dev/shm/brief-bench-out
cargo build --release -q
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # timed VAR_TIME VAR_RSS VAR_WRITTEN: runs brief build, records its time, RSS, files written
  /usr/bin/time -f "%e %M" -o /tmp/brief-bench-time \
    ./target/release/brief build --root "$corpus" --output "$out" > /tmp/brief-bench-out.txt
  read -r t m < /tmp/brief-bench-time
  printf -v "$1" '%s' "$t"; printf -v "$2" '%s' "$m"
  printf -v "$3" '%s' "$(grep -o '[0-9]* written' /tmp/brief-bench-out.txt | cut -d' ' -f1)"
}
printf '%9s %9s %9s %9s %9s %9s %9s %9s %9s\n' briefings "cold s" "same s" "one s" "peak MiB" \
  "out MiB" files "same wr" "one wr"
for n in "${sizes[@]}"; do
  corpus=/tmp/brief-corpus-$n
  [ -d "$corpus/content" ] || python3 tests/bench/gen_corpus.py "$corpus" --briefings "$n" 2>/dev/null
  edited=$(find "$corpus/content/briefings" -name '*.md' | sort | sed -n "$((n / 2))p")
  cp "$edited" /tmp/brief-bench-original.md
  cold=(); same=(); one=(); rss=(); same_w=0; one_w=0
  for i in $(seq "$runs"); do
    rm -rf "$out"
    timed t m w; cold+=("$t"); rss+=("$m")
    timed t m same_w; same+=("$t")
    printf '\nAn edit for the benchmark, run %s.\n' "$i" >> "$edited"
    timed t m one_w; one+=("$t")
    cp /tmp/brief-bench-original.md "$edited"
  done
  printf '%9s %9s %9s %9s %9s %9s %9s %9s %9s\n' "$n" \
    "$(printf '%s\n' "${cold[@]}" | median)" "$(printf '%s\n' "${same[@]}" | median)" \
    "$(printf '%s\n' "${one[@]}" | median)" "$(( $(printf '%s\n' "${rss[@]}" | median) / 1024 ))" \
    "$(du -sm "$out" | cut -f1)" "$(find "$out" -type f | wc -l)" "$same_w" "$one_w"
  rm -rf "$out"
done

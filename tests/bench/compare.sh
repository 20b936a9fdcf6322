#!/usr/bin/env bash
# brief vs Hugo: cold builds of the same generated corpus, run alternately, medians side by side.
#   bash tests/bench/compare.sh [BRIEFINGS] [RUNS]     (defaults: 10000 briefings, 5 runs)
# Generates the corpus once (/tmp/brief-corpus-N, shared with build.sh), converts it for the Hugo
# site in tests/bench/hugo/ (to_hugo.py -> /tmp/hugo-content-N), then RUNS times builds with brief
# and then with Hugo, each into an empty folder on tmpfs (/dev/shm), timed by /usr/bin/time.
# Needs Debian's hugo package (`apt-get install hugo`); installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}; runs=${2:-5}
command -v hugo >/dev/null || { echo "compare.sh: hugo not found; install it with: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time not found; install it with: apt-get install time" >&2; exit 1; }
corpus=/tmp/brief-corpus-$n; hcontent=/tmp/hugo-content-$n
bout=/dev/shm/brief-compare-out; hout=/dev/shm/hugo-compare-out; hcache=/dev/shm/hugo-compare-cache
[ -d "$corpus/content" ] || python3 tests/bench/gen_corpus.py "$corpus" --briefings "$n"
python3 tests/bench/to_hugo.py "$corpus" "$hcontent"
cargo build --release -q
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bt=(); bm=(); ht=(); hm=()
for i in $(seq "$runs"); do
  rm -rf "$bout"
  /usr/bin/time -f "%e %M" -o /tmp/compare-time ./target/release/brief build --root "$corpus" --output "$bout" >/dev/null
  read -r t m < /tmp/compare-time; bt+=("$t"); bm+=("$m")
  rm -rf "$hout" "$hcache"
  /usr/bin/time -f "%e %M" -o /tmp/compare-time hugo --quiet --source tests/bench/hugo --contentDir "$hcontent" \
    --destination "$hout" --cacheDir "$hcache" >/dev/null
  read -r t m < /tmp/compare-time; ht+=("$t"); hm+=("$m")
  echo "run $i: brief ${bt[-1]} s, hugo ${ht[-1]} s" >&2
done
b_t=$(printf '%s\n' "${bt[@]}" | median); h_t=$(printf '%s\n' "${ht[@]}" | median)
b_m=$(printf '%s\n' "${bm[@]}" | median); h_m=$(printf '%s\n' "${hm[@]}" | median)
b_f=$(find "$bout" -type f | wc -l); h_f=$(find "$hout" -type f | wc -l)
b_s=$(du -sm "$bout" | cut -f1); h_s=$(du -sm "$hout" | cut -f1)
echo "briefings: $n, runs: $runs (alternating, cold builds into tmpfs), $(hugo version | cut -d' ' -f2)"
printf '%-22s %10s %10s %12s\n' "" brief hugo "hugo/brief"
printf '%-22s %10s %10s %12s\n' "wall time, median (s)" "$b_t" "$h_t" "$(awk -v a="$h_t" -v b="$b_t" 'BEGIN {printf "%.2f", a / b}')"
printf '%-22s %10s %10s %12s\n' "peak RSS, median (MiB)" "$((b_m / 1024))" "$((h_m / 1024))" "$(awk -v a="$h_m" -v b="$b_m" 'BEGIN {printf "%.2f", a / b}')"
printf '%-22s %10s %10s %12s\n' "output files" "$b_f" "$h_f" "$(awk -v a="$h_f" -v b="$b_f" 'BEGIN {printf "%.2f", a / b}')"
printf '%-22s %10s %10s %12s\n' "output size (MiB)" "$b_s" "$h_s" "$(awk -v a="$h_s" -v b="$b_s" 'BEGIN {printf "%.2f", a / b}')"
rm -rf "$bout" "$hout" "$hcache"

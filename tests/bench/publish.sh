#!/usr/bin/env bash
# Two brief binaries side by side on what publishing costs: a cold build, a rebuild after one
# briefing's body changed (where the new site is assembled beside the output and swapped in,
# every unchanged file hard-linked), and a build with nothing to do. Runs alternate between the
# two binaries; medians of each, and new/old ratios.
#   bash tests/bench/publish.sh OLD_BRIEF NEW_BRIEF [BRIEFINGS] [RUNS]   (10000 briefings, 5 runs)
# The corpus (/tmp/brief-corpus-N, shared with build.sh) is copied to tmpfs (/dev/shm) with its
# output and cache, so that the disk of a shared machine does not decide the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1; new=$2; n=${3:-10000}; runs=${4:-5}
corpus=/tmp/brief-corpus-$n; site=/dev/shm/brief-publish-site
[ -d "$corpus/content" ] || python3 tests/bench/gen_corpus.py "$corpus" --briefings "$n"
rm -rf "$site"; mkdir -p "$site"; cp -r "$corpus/content" "$corpus/site.yaml" "$site/"
edited=$(find "$site/content/briefings" -name '*.md' | sort | awk 'NR == 1')
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
declare -A t
for i in $(seq "$runs"); do
  for which in old new; do
    bin=${!which}
    rm -rf "$site/public" "$site/.brief-cache" "$site/.public.brief-new"
    t[$which-cold]+="$(ms "$bin" build --root "$site") "
    printf '\nAnother sentence, run %s by %s.\n' "$i" "$which" >> "$edited"
    t[$which-edit]+="$(ms "$bin" build --root "$site") "
    t[$which-none]+="$(ms "$bin" build --root "$site") "
  done
  echo "run $i done" >&2
done
echo "briefings: $n, runs: $runs (alternating), $(find "$site/public" -type f | wc -l) output files"
printf '%-28s %8s %8s %8s\n' "median (ms)" old new new/old
for kind in cold edit none; do
  o=$(echo ${t[old-$kind]} | tr ' ' '\n' | median); w=$(echo ${t[new-$kind]} | tr ' ' '\n' | median)
  printf '%-28s %8s %8s %8s\n' "$kind" "$o" "$w" "$(awk -v a="$w" -v b="$o" 'BEGIN {printf "%.2f", a / b}')"
done
rm -rf "$site"

#!/usr/bin/env bash
# A bounded load test of `brief serve`, on loopback only: a generated corpus served from memory,
# wrk for a few seconds per round against every page of its sitemap (plus feeds, the stylesheet
# and a page that does not exist), then the errors of each round and the server's memory.
#   bash tests/bench/serve_load.sh [BRIEFINGS] [SECONDS] [ROUNDS] [CONNECTIONS]
#   (defaults: 1000 briefings, 5 s, 3 rounds, 32 connections)
# Fails (exit 1) if any request failed or got an unexpected status. Needs wrk
# (`apt-get install -y wrk`), curl and Python 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
n=${1:-1000}; secs=${2:-5}; rounds=${3:-3}; connections=${4:-32}
corpus=/tmp/brief-corpus-$n
[ -d "$corpus/content" ] || python3 tests/bench/gen_corpus.py "$corpus" --briefings "$n"
cargo build --release -q
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
./target/release/brief serve --root "$corpus" --port "$port" >"$work/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q "Serving the site at" "$work/log" && break; sleep 0.1; done
site=$(grep -o 'http://[^ ]*' "$work/log" | head -1)
[ -n "$site" ] || { echo "brief serve did not start:" >&2; cat "$work/log" >&2; exit 1; }
origin=${site%"${site#http://*/}"}; origin=${origin%/}

# Every page the sitemap lists, and a few files it does not, as paths.
curl -sf "${site}sitemap.xml" | grep -o '<loc>[^<]*' | sed "s|<loc>$origin||" >"$work/paths"
path=${site#"$origin"}
printf '%s\n' "${path}rss.xml" "${path}style.css" "${path}sitemap.xml" >>"$work/paths"
pages=$(wc -l <"$work/paths")
cat >"$work/rotate.lua" <<LUA
local paths = {}
for line in io.lines("$work/paths") do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
threads() { awk '/Threads/ {print $2}' "/proc/$pid/status"; }
echo "brief serve: $n briefings, $pages paths, pid $pid, at $site"
echo "before load: RSS $(rss) MiB, $(threads) threads"
failed=0
for round in $(seq "$rounds"); do
  wrk -t2 -c"$connections" -d"${secs}s" -s "$work/rotate.lua" "$origin" >"$work/wrk" 2>&1
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
  total=$(awk '/requests in/ {print $1}' "$work/wrk")
  socket=$(grep -o 'Socket errors:.*' "$work/wrk" || true)
  bad=$(awk '/Non-2xx or 3xx/ {print $NF}' "$work/wrk")
  latency=$(awk '/Latency/ {print $2 " avg, " $4 " max"}' "$work/wrk")
  echo "round $round: $total requests, $rate req/s, latency $latency, ${socket:-no socket errors}, ${bad:-0} non-2xx/3xx; RSS $(rss) MiB, $(threads) threads"
  if [ -n "$socket" ] || [ -n "$bad" ]; then failed=1; cat "$work/wrk"; fi
  sleep 1
done
sleep 5
echo "5 s after the load: RSS $(rss) MiB, $(threads) threads"
exit "$failed"

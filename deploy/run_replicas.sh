#!/usr/bin/env bash
# N app processes on 127.0.0.1 behind nginx with sticky sessions, all opening one store version.
#
#   deploy/run_replicas.sh start [N=2] [PORT=8600]   # nginx on PORT, apps on PORT+1..PORT+N
#   deploy/run_replicas.sh stop                      # stops what start recorded, by PID
#   WARM=0 deploy/run_replicas.sh start ...          # without one warm-up session per process
#
# The store is built once, before any app starts, into $TRADEOFFS_STORE_DIR (default
# $RUN_DIR/store); every process then finds store-<version>.duckdb there and opens it read-only,
# so N processes never race to build it and all serve the same data version. TRADEOFFS_DATA_DIR,
# if set, is passed on (e.g. a synthetic 5x folder from bench/synth_data.py). Needs nginx
# (Debian: apt-get install nginx-light).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN_DIR=${RUN_DIR:-/tmp/tradeoffs-replicas}
export TRADEOFFS_STORE_DIR=${TRADEOFFS_STORE_DIR:-$RUN_DIR/store}
STARTUP_SECONDS=90

healthy() { python -c "import urllib.request as u; u.urlopen('$1/_stcore/health', timeout=2)" 2>/dev/null; }

start() {
    local n=${1:-2} port=${2:-8600} servers="" i
    if [[ -f $RUN_DIR/pids ]]; then
        echo "already running (see $RUN_DIR/pids); run: $0 stop" >&2
        exit 1
    fi
    mkdir -p "$RUN_DIR"
    (cd "$ROOT" && python -c 'from tradeoffs.store import ensure_store; p, v = ensure_store(); print(f"store {v}: {p}")')
    for ((i = 1; i <= n; i++)); do
        # setsid: each app leads its own process group, so stop can end it and its children by PID.
        (cd "$ROOT" && exec setsid python -m streamlit run app.py --server.port $((port + i)) \
            --server.address 127.0.0.1 --server.headless true --server.fileWatcherType none \
            --browser.gatherUsageStats false >"$RUN_DIR/app-$i.log" 2>&1) &
        echo $! >>"$RUN_DIR/pids"
        servers+="        server 127.0.0.1:$((port + i)) max_fails=0;"$'\n'
    done
    python - "$ROOT/deploy/nginx.conf.template" "$RUN_DIR" "$port" "$servers" <<'PY' >"$RUN_DIR/nginx.conf"
import sys
template, run_dir, port, servers = sys.argv[1:]
text = open(template, encoding="utf-8").read()
print(text.replace("@RUN_DIR@", run_dir).replace("@PORT@", port).replace("@SERVERS@", servers.rstrip("\n")))
PY
    nginx -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
    nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
    local deadline=$((SECONDS + STARTUP_SECONDS))
    for ((i = 1; i <= n; i++)); do
        until healthy "http://127.0.0.1:$((port + i))"; do
            ((SECONDS < deadline)) || { echo "app $i did not start: see $RUN_DIR/app-$i.log" >&2; stop; exit 1; }
            sleep 0.5
        done
    done
    if [[ ${WARM:-1} == 1 ]]; then  # one session per process: imports, store and caches ready before visitors
        for ((i = 1; i <= n; i++)); do
            python "$ROOT/bench/load_client.py" --url "http://127.0.0.1:$((port + i))" --sessions 1 --reruns 0 \
                --seconds 10 >/dev/null
        done
    fi
    echo "http://127.0.0.1:$port  ($n app processes, PIDs $(paste -sd, "$RUN_DIR/pids"); nginx PID $(cat "$RUN_DIR/nginx.pid"))"
}

stop() {
    local pid
    if [[ -f $RUN_DIR/nginx.pid ]]; then
        kill -QUIT "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
    fi
    if [[ -f $RUN_DIR/pids ]]; then
        while read -r pid; do
            kill -TERM -- "-$pid" 2>/dev/null || true
        done <"$RUN_DIR/pids"
        rm -f "$RUN_DIR/pids"
    fi
    echo "stopped"
}

case ${1:-} in
    start) shift; start "$@" ;;
    stop) stop ;;
    *) echo "usage: $0 start [N] [PORT] | stop" >&2; exit 2 ;;
esac

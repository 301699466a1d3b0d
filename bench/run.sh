#!/usr/bin/env bash
# The gateway and Postfix side by side, in one run, on this machine, relaying to the same sink.
#
#   bench/run.sh                 # everything: build, memory, correctness, crash, throughput; ~7 minutes
#   PHASES=throughput bench/run.sh
#   ROUNDS=3 MESSAGES=5000 CONCURRENCY=20 SIZE=5k bench/run.sh
#
# Phases (PHASES, space separated; default all):
#   memory      gateway RSS with 200 idle sessions; extra RSS while one 50 MB message passes
#   correctness 1,000 messages from 20 clients through the gateway to a saving sink, plus Postfix
#               relaying through the gateway (relayhost = the gateway); every accepted message
#               arrives once, byte-identical below the added headers, without bare CR/LF
#   crash       kill -9 of the gateway during a 20-client load, restart on the same queue: every
#               message that got a 250 must reach the sink
#   throughput  20 concurrent senders, 5 KB messages, against the gateway and Postfix in turn
#               (ABBA order, ROUNDS times each), both relaying to one smtp-sink; prints the ratio
#
# Needs root (Postfix), the postfix package (installed here if missing), dotnet, jq. Only 127.0.0.1
# is used; every loop and wait is bounded; everything started is stopped on exit.
set -euo pipefail

PHASES=${PHASES:-"memory correctness crash throughput"}
# Peers of the throughput phase; PEERS=postfix checks the bench itself without the gateway.
PEERS=${PEERS:-"gateway postfix"}
MESSAGES=${MESSAGES:-5000}
WARMUP=${WARMUP:-300}
# Sent to each peer once before the first round. .NET compiles in tiers and re-optimises hot code with
# the profile it gathers (dynamic PGO): the gateway needs some thousands of messages to reach the
# steady state it runs in for days. Postfix gets the same, for symmetry.
WARMUP_INITIAL=${WARMUP_INITIAL:-3000}
CONCURRENCY=${CONCURRENCY:-20}
SIZE=${SIZE:-5k}
PER_SESSION=${PER_SESSION:-10}
ROUNDS=${ROUNDS:-2}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-200}
IDLE_SOURCE_IPS=${IDLE_SOURCE_IPS:-1}
BIG_SIZE=${BIG_SIZE:-50m}
CORRECTNESS_MESSAGES=${CORRECTNESS_MESSAGES:-1000}
RELAY_MESSAGES=${RELAY_MESSAGES:-200}
CRASH_MESSAGES=${CRASH_MESSAGES:-3000}
CRASH_AFTER_SECONDS=${CRASH_AFTER_SECONDS:-3}
SKIP_BUILD=${SKIP_BUILD:-0}
# NICE=-10: run the throughput phase's peers, sink and load generator at this nice value, to shield the
# comparison from other work on a shared machine (both peers alike). Empty: the default priority.
NICE=${NICE:-}
# Extra arguments for `mailfilter serve`, e.g. GATEWAY_ARGS="--Delivery:MaxConnectionsPerHop=20".
GATEWAY_ARGS=${GATEWAY_ARGS:-}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib/postfix.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$repo/bench/results/$stamp"
mkdir -p "$results"
# Queues and spools live outside the work tree: Postfix insists on root-owned parents.
work=$(mktemp -d /tmp/mailfilter-bench.XXXXXX)
chmod 755 "$work" # Postfix daemons run as the postfix user and must reach their queue
gateway_dll="$repo/src/Gateway/bin/Release/net10.0/mailfilter.dll"
loadgen_dll="$repo/bench/LoadGen/bin/Release/net10.0/loadgen.dll"

started_pids=()
postfix_dirs=()
nice_cmd=() # set for the throughput phase when NICE is given

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$results/summary.txt" >&2; }
say() { printf '%s\n' "$*" | tee -a "$results/summary.txt"; }

cleanup() {
    local pid dir i
    for dir in "${postfix_dirs[@]}"; do postfix_stop "$dir"; done
    for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    # Keep the logs with the results; drop queues and spools.
    cp "$work"/*.log "$work"/*.out "$results"/ 2>/dev/null || true
    for dir in "${postfix_dirs[@]}"; do cp "$dir/maillog" "$results/$(basename "$dir")-maillog" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

phase_on() { [[ " $PHASES " == *" $1 "* ]]; }
peer_on() { [[ " $PEERS " == *" $1 "* ]]; }

# A free loopback port: random in 10000-32767, below Linux's ephemeral range (32768-60999) so that no outgoing
# connection can hold it when the listener binds, and used by no socket now.
free_port() {
    local port i
    for ((i = 0; i < 100; i++)); do
        port=$((10000 + RANDOM % 22768))
        if ! ss -Htan "sport = :$port" | grep -q .; then echo "$port"; return 0; fi
    done
    echo "no free port found" >&2
    return 1
}

wait_port() {
    local port=$1 i
    for ((i = 0; i < 600; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    log "nothing listens on 127.0.0.1:$port after 60 s"
    return 1
}

loadgen() { dotnet "$loadgen_dll" "$@"; }

# CPU time (clock ticks) a process and its reaped children have used: utime stime cutime cstime.
proc_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Postfix is many processes: master (with every child it has reaped) plus the children alive now.
postfix_ticks() {
    local master total=0 child
    master=$(tr -d ' ' < "$1/queue/pid/master.pid")
    total=$(proc_ticks "$master")
    for child in $(pgrep -P "$master"); do total=$((total + $(proc_ticks "$child"))); done
    echo "$total"
}
peer_ticks() { if [[ $1 == postfix ]]; then postfix_ticks "$pf_dir"; else proc_ticks "$gw_pid"; fi; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# smtp-sink -c writes "sess=N quit=N mesg=N" records separated by CR; the last one is current.
smtp_sink_count() { tr '\r' '\n' < "$work/smtp-sink.out" | awk -F'mesg=' 'NF > 1 { n = $2 } END { print n + 0 }'; }
index_count() { [[ -f "$1/index.tsv" ]] && wc -l < "$1/index.tsv" || echo 0; }
# Entries waiting in a gateway's queue/done for the archive (delivered, outcome not yet archived): 0 once it caught up.
done_count() { find "$work/$1-data/queue/done" -type f 2> /dev/null | wc -l; }

# wait_empty COUNTER SECONDS: waits until the counter is 0; prints the seconds taken.
wait_empty() {
    local counter=$1 seconds=$2 start
    start=$(date +%s.%N)
    while (($($counter) > 0)); do
        if awk -v s="$start" -v n="$(date +%s.%N)" -v l="$seconds" 'BEGIN { exit !(n - s > l) }'; then
            log "timed out: $counter is $($counter), expected 0"
            echo "timeout"
            return 1
        fi
        sleep 0.05
    done
    awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", n - s }'
}
saver_count() { index_count "$work/saver"; }

# wait_count COUNTER EXPECTED SECONDS: waits until the counter reaches EXPECTED; prints the seconds taken.
wait_count() {
    local counter=$1 expected=$2 seconds=$3 start now
    start=$(date +%s.%N)
    while (($($counter) < expected)); do
        now=$(date +%s.%N)
        if awk -v s="$start" -v n="$now" -v l="$seconds" 'BEGIN { exit !(n - s > l) }'; then
            log "timed out: $counter is $($counter), expected $expected"
            echo "timeout"
            return 1
        fi
        sleep 0.05
    done
    awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", n - s }'
}

# start_gateway NAME NEXT_HOP_PORT [SMTP_PORT]: sets gw_pid and gw_port. The data directory is
# $work/NAME-data, so starting the same NAME again is a restart on the same queue.
# (Not in a subshell: cleanup must know the pid.)
start_gateway() {
    local name=$1 next_hop=$2 smtp_port=${3:-} console_port
    [[ -n $smtp_port ]] || smtp_port=$(free_port)
    console_port=$(free_port)
    mkdir -p "$work/$name-data"
    # shellcheck disable=SC2086 # GATEWAY_ARGS is a list of arguments
    "${nice_cmd[@]}" dotnet "$gateway_dll" serve --smtp "127.0.0.1:$smtp_port" --console "http://127.0.0.1:$console_port" \
        --next-hop "127.0.0.1:$next_hop" --data "$work/$name-data" $GATEWAY_ARGS >> "$work/$name.log" 2>&1 &
    gw_pid=$!
    gw_port=$smtp_port
    started_pids+=("$gw_pid")
    wait_port "$smtp_port" || { tail -20 "$work/$name.log" >&2; return 1; }
}

stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    log "pid $pid ignored SIGTERM for 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

install_postfix() {
    command -v postfix > /dev/null && command -v smtp-sink > /dev/null && return 0
    log "installing Debian's postfix package (no configuration; this bench writes its own)"
    apt-get update -q > "$work/apt.log" 2>&1
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >> "$work/apt.log" 2>&1
}

# ---------------------------------------------------------------------------------------------------
[[ $(id -u) == 0 ]] || { echo "bench/run.sh needs root (Postfix's master runs as root)" >&2; exit 1; }
install_postfix

log "results in $results"
say "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "dotnet $(dotnet --version), Postfix $(postconf -d -h mail_version 2>/dev/null || echo '?'), gateway $(git -C "$repo" log -1 --format='%h %s')"

if [[ $SKIP_BUILD != 1 ]]; then
    log "building the gateway and the load generator (Release)"
    if peer_on gateway; then
        dotnet build "$repo/src/Gateway/Gateway.csproj" -c Release -nologo -v q > "$work/build.log" 2>&1 \
            || { tail -30 "$work/build.log" >&2; exit 1; }
    fi
    dotnet build "$repo/bench/LoadGen/LoadGen.csproj" -c Release -nologo -v q >> "$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log" >&2; exit 1; }
fi

# The saving sink: the next hop for the memory and correctness phases. It offers CHUNKING, so a
# gateway that delivers with BDAT is checked on that path too.
saver_port=$(free_port)
# (dotnet itself in the background, not the loadgen function: $! must be the process to stop.)
dotnet "$loadgen_dll" sink --listen "127.0.0.1:$saver_port" --dir "$work/saver" --chunking --seconds 1800 > "$work/saver.log" 2>&1 &
started_pids+=("$!")
wait_port "$saver_port"

# ---------------------------------------------------------------------------------------------------
if peer_on gateway && { phase_on memory || phase_on correctness; }; then
    start_gateway gateway-a "$saver_port"
    log "gateway A (next hop = saving sink) pid $gw_pid on 127.0.0.1:$gw_port"
    # Warm the gateway's paths up (JIT, pools) before measuring its memory.
    loadgen send --target "127.0.0.1:$gw_port" --messages 200 --concurrency 10 --size "$SIZE" --label gateway-a-warmup \
        --manifest "$work/manifest-warmup.tsv" > "$work/send-warmup.out" 2>&1
    cat "$work/send-warmup.out" >&2
    manifests=("$work/manifest-warmup.tsv")

    if phase_on memory; then
        sleep 1
        rss_before=$(rss_kb "$gw_pid")
        dotnet "$loadgen_dll" idle --target "127.0.0.1:$gw_port" --connections "$IDLE_CONNECTIONS" --source-ips "$IDLE_SOURCE_IPS" \
            --hold-seconds 60 --ready-file "$work/idle.ready" --stop-file "$work/idle.stop" > "$work/idle.out" 2>&1 &
        idle_pid=$!
        for ((i = 0; i < 600; i++)); do [[ -f $work/idle.ready ]] && break; sleep 0.1; done
        sleep 2 # let the sessions settle: buffers allocated, GC run
        rss_idle=$(rss_kb "$gw_pid")
        touch "$work/idle.stop"
        wait "$idle_pid" || true
        say "MEMORY idle: $(head -1 "$work/idle.out"); gateway VmRSS before ${rss_before} kB, with the sessions open ${rss_idle} kB ($((rss_idle / 1024)) MB); $(tail -1 "$work/idle.out")"

        # The 50 MB message: reset the kernel's peak-RSS mark, send it, wait until the sink has it.
        sleep 1
        rss_base=$(rss_kb "$gw_pid")
        echo 5 > "/proc/$gw_pid/clear_refs"
        before=$(saver_count)
        loadgen send --target "127.0.0.1:$gw_port" --messages 1 --concurrency 1 --size "$BIG_SIZE" --label big \
            --manifest "$work/manifest-big.tsv" --json "$results/big.json" > "$work/send-big.out" 2>&1 || true
        cat "$work/send-big.out" >&2
        manifests+=("$work/manifest-big.tsv")
        delivered=$(wait_count saver_count $((before + 1)) 120 || true)
        peak=$(hwm_kb "$gw_pid")
        say "MEMORY $BIG_SIZE message: gateway VmRSS baseline ${rss_base} kB, peak while it passed ${peak} kB, extra $(((peak - rss_base) / 1024)) MB; end of DATA to 250 $(jq -r '.latencyMs.max' "$results/big.json") ms; at the sink after ${delivered} s"
    fi

    if phase_on correctness; then
        relay_dir="$work/postfix-relay"
        relay_port=$(free_port)
        postfix_create "$relay_dir" "$relay_port" "$gw_port" may
        # Log the TLS handshake to the gateway, to show whether STARTTLS was used.
        postconf -c "$relay_dir/etc" -e smtp_tls_loglevel=1
        postfix_dirs+=("$relay_dir")
        postfix_start "$relay_dir" > "$work/postfix-relay-start.log" 2>&1
        wait_port "$relay_port"
        log "Postfix (relayhost = gateway A) on 127.0.0.1:$relay_port"

        before=$(saver_count)
        loadgen send --target "127.0.0.1:$gw_port" --messages "$CORRECTNESS_MESSAGES" --concurrency "$CONCURRENCY" \
            --size "$SIZE" --per-session "$PER_SESSION" --label correctness --manifest "$work/manifest-correctness.tsv" \
            --json "$results/correctness.json" > "$work/send-correctness.out" 2>&1 || true
        loadgen send --target "127.0.0.1:$relay_port" --messages "$RELAY_MESSAGES" --concurrency 5 \
            --size "$SIZE" --label via-postfix --manifest "$work/manifest-relay.tsv" \
            --json "$results/via-postfix.json" > "$work/send-relay.out" 2>&1 || true
        cat "$work/send-correctness.out" "$work/send-relay.out" >&2
        manifests+=("$work/manifest-correctness.tsv" "$work/manifest-relay.tsv")
        accepted=$(($(wc -l < "$work/manifest-correctness.tsv") + $(wc -l < "$work/manifest-relay.tsv")))
        drained=$(wait_count saver_count $((before + accepted)) 180 || true)
        sleep 2 # a late duplicate would show up now
        say "CORRECTNESS $(grep '^RESULT label=correctness ' "$work/send-correctness.out" | cut -d' ' -f2-)"
        say "CORRECTNESS via Postfix: $(grep '^RESULT label=via-postfix ' "$work/send-relay.out" | cut -d' ' -f2-)"
        say "CORRECTNESS all at the sink after ${drained} s; Postfix queue left: $(postfix_queue_size "$relay_dir");" \
            "Postfix log: $(grep -c 'status=sent' "$relay_dir/maillog" || true) sent," \
            "$(grep -c 'status=deferred' "$relay_dir/maillog" || true) deferred," \
            "$(grep -c 'status=bounced' "$relay_dir/maillog" || true) bounced," \
            "$(grep -c 'TLS connection established' "$relay_dir/maillog" || true) TLS sessions to the gateway"
        grep -m3 -E 'status=(deferred|bounced)|warning|error' "$relay_dir/maillog" >&2 || true
    fi

    manifest_args=()
    for m in "${manifests[@]}"; do manifest_args+=(--manifest "$m"); done
    loadgen verify "${manifest_args[@]}" --received "$work/saver" --show-added > "$work/verify.out" 2> "$work/verify.err" || true
    say "$(grep '^VERIFY' "$work/verify.out") (all messages sent to gateway A, including warm-up and $BIG_SIZE)"
    sed -n '1,/^VERIFY/p' "$work/verify.out" | grep -v '^VERIFY' | sed 's/^/    /' | tee -a "$results/summary.txt"
    head -5 "$work/verify.err" >&2

    [[ -n ${relay_dir:-} ]] && postfix_stop "$relay_dir"
    stop_pid "$gw_pid"
fi

# ---------------------------------------------------------------------------------------------------
if peer_on gateway && phase_on crash; then
    crash_sink_port=$(free_port)
    dotnet "$loadgen_dll" sink --listen "127.0.0.1:$crash_sink_port" --dir "$work/crash-saver" --seconds 1800 > "$work/crash-saver.log" 2>&1 &
    started_pids+=("$!")
    wait_port "$crash_sink_port"
    start_gateway gateway-c "$crash_sink_port"
    log "gateway C (next hop = a second saving sink) pid $gw_pid on 127.0.0.1:$gw_port"
    # The load keeps going through the crash: sessions break, clients reconnect until it is back.
    dotnet "$loadgen_dll" send --target "127.0.0.1:$gw_port" --messages "$CRASH_MESSAGES" --concurrency "$CONCURRENCY" \
        --size "$SIZE" --per-session "$PER_SESSION" --label crash --manifest "$work/manifest-crash.tsv" \
        --timeout-seconds 180 --json "$results/crash.json" > "$work/send-crash.out" 2>&1 &
    crash_send_pid=$!
    started_pids+=("$crash_send_pid")
    sleep "$CRASH_AFTER_SECONDS"
    before_kill=$(index_count "$work/crash-saver")
    kill -KILL "$gw_pid"
    wait "$gw_pid" 2>/dev/null || true
    log "gateway C killed with SIGKILL after ${CRASH_AFTER_SECONDS} s of load ($before_kill messages at the sink by then); restarting it on the same queue"
    start_gateway gateway-c "$crash_sink_port" "$gw_port"
    wait "$crash_send_pid" || true
    grep '^RESULT' "$work/send-crash.out" >&2 || tail -5 "$work/send-crash.out" >&2
    must_arrive=$(awk -F'\t' 'NF == 4' "$work/manifest-crash.tsv" | wc -l)
    drained=$(wait_count "index_count $work/crash-saver" "$must_arrive" 180 || true)
    sleep 3 # duplicates from queue recovery would show up now
    dotnet "$loadgen_dll" verify --manifest "$work/manifest-crash.tsv" --received "$work/crash-saver" --allow-duplicates \
        > "$work/verify-crash.out" 2> "$work/verify-crash.err" || true
    say "CRASH $(grep '^RESULT' "$work/send-crash.out" | cut -d' ' -f2-)"
    say "CRASH kill -9 after ${CRASH_AFTER_SECONDS} s, restart; every 2xx at the sink after ${drained} s: $(grep '^VERIFY' "$work/verify-crash.out")"
    head -5 "$work/verify-crash.err" >&2
    stop_pid "$gw_pid"
fi

# ---------------------------------------------------------------------------------------------------
if phase_on throughput; then
    sink_port=$(free_port)
    # smtp-sink: Postfix's own fast test server, the shared next hop for both peers. -c keeps counts.
    [[ -z $NICE ]] || nice_cmd=(nice -n "$NICE")
    "${nice_cmd[@]}" smtp-sink -c -u postfix -m 1000 "127.0.0.1:$sink_port" 1024 > "$work/smtp-sink.out" 2>&1 &
    started_pids+=("$!")
    wait_port "$sink_port"

    if peer_on gateway; then
        start_gateway gateway-b "$sink_port"
        log "gateway B (next hop = smtp-sink) pid $gw_pid on 127.0.0.1:$gw_port"
    fi

    if peer_on postfix; then
        pf_dir="$work/postfix-bench"
        pf_port=$(free_port)
        postfix_create "$pf_dir" "$pf_port" "$sink_port" none
        postfix_dirs+=("$pf_dir")
        "${nice_cmd[@]}" bash -c 'source "$1"; postfix_start "$2"' _ "$repo/bench/lib/postfix.sh" "$pf_dir" > "$work/postfix-bench-start.log" 2>&1
        wait_port "$pf_port"
        log "Postfix (relayhost = smtp-sink) on 127.0.0.1:$pf_port"
    fi

    sent_total=0
    for peer in $PEERS; do
        if [[ $peer == postfix ]]; then port=$pf_port; else port=$gw_port; fi
        ((WARMUP_INITIAL > 0)) || break
        "${nice_cmd[@]}" dotnet "$loadgen_dll" send --target "127.0.0.1:$port" --messages "$WARMUP_INITIAL" --concurrency "$CONCURRENCY" \
            --size "$SIZE" --per-session "$PER_SESSION" --label "$peer-warmup" --timeout-seconds 240 \
            --json "$work/warmup-$peer.json" > "$work/send-warmup-$peer.out" 2>&1 || true
        grep '^RESULT' "$work/send-warmup-$peer.out" >&2 || true
        sent_total=$((sent_total + $(jq '.accepted2xx' "$work/warmup-$peer.json")))
        drain=$(wait_count smtp_sink_count "$sent_total" 180 || true)
        log "$peer warmed up with $WARMUP_INITIAL messages: $(jq -r '"\(.messagesPerSecond) msg/s, p99 \(.latencyMs.p99) ms"' "$work/warmup-$peer.json"), drained ${drain} s after"
    done

    # ABBA: gateway first in odd rounds, Postfix first in even ones, so drift in the machine's load
    # does not always favour the same peer.
    order=()
    for ((round = 1; round <= ROUNDS; round++)); do
        if ((round % 2)); then order+=("gateway:$round" "postfix:$round"); else order+=("postfix:$round" "gateway:$round"); fi
    done
    for item in "${order[@]}"; do
        peer=${item%%:*}
        round=${item##*:}
        peer_on "$peer" || continue
        if [[ $peer == postfix ]]; then port=$pf_port; else port=$gw_port; fi
        ticks_before=$(peer_ticks "$peer")
        "${nice_cmd[@]}" dotnet "$loadgen_dll" send --target "127.0.0.1:$port" --messages "$MESSAGES" --warmup "$WARMUP" --concurrency "$CONCURRENCY" \
            --size "$SIZE" --per-session "$PER_SESSION" --label "$peer-$round" --timeout-seconds 240 \
            --json "$results/$peer-$round.json" > "$work/send-$peer-$round.out" 2>&1 || true
        grep '^RESULT' "$work/send-$peer-$round.out" >&2 || { tail -5 "$work/send-$peer-$round.out" >&2; exit 1; }
        accepted=$(jq '.accepted2xx' "$results/$peer-$round.json")
        warm=$(jq '.warmupAccepted2xx' "$results/$peer-$round.json")
        sent_total=$((sent_total + accepted + warm))
        # Let the peer deliver its backlog before the next run, so each run starts on an idle machine.
        drain=$(wait_count smtp_sink_count "$sent_total" 180 || true)
        # The gateway's archive too: delivered entries wait in queue/done until archived (0 s with archiving off).
        archive_drain=0
        [[ $peer == postfix ]] || archive_drain=$(wait_empty "done_count gateway-b" 180 || true)
        # The peer's CPU time for the whole run, its delivery (and archiving) included, per accepted message.
        cpu_seconds=$(awk -v t="$(($(peer_ticks "$peer") - ticks_before))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')
        jq --arg d "$drain" --arg a "$archive_drain" --argjson c "$cpu_seconds" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
            '.drainSeconds = $d | .archiveDrainSeconds = $a | .cpuSeconds = $c | .cpuMsPerMessage = ((1000 * $c / (.accepted2xx + .warmupAccepted2xx)) * 100 | round / 100) | .loadAverage = $load
             | .endToEndMessagesPerSecond = (((.accepted2xx + .warmupAccepted2xx) / (.warmupElapsedSeconds + .elapsedSeconds + ($d | tonumber? // 1e9))) * 100 | round / 100)' \
            "$results/$peer-$round.json" > "$work/tmp.json" && mv "$work/tmp.json" "$results/$peer-$round.json"
        log "$peer round $round: $(jq -r '"\(.messagesPerSecond) msg/s, p99 \(.latencyMs.p99) ms"' "$results/$peer-$round.json"), queue drained ${drain} s after the last 250, archive ${archive_drain} s after that"
    done

    sleep 2 # a late duplicate would show up now
    say ""
    say "THROUGHPUT $CONCURRENCY concurrent senders, $SIZE messages, $PER_SESSION per session, pipelined; each peer warmed up with $WARMUP_INITIAL messages, then per run $WARMUP more and $MESSAGES measured${NICE:+; peers, sink and client at nice $NICE}"
    say "$(printf '%-8s %5s %9s %8s %8s %8s %8s %6s %5s %5s %6s %8s %9s %8s %6s' peer round 'msg/s' 'p50 ms' 'p90 ms' 'p99 ms' 'max ms' 2xx 4xx 5xx err 'drain s' 'e2e msg/s' 'cpu ms' load)"
    for peer in $PEERS; do
        for ((round = 1; round <= ROUNDS; round++)); do
            say "$(jq -r --arg p "$peer" --arg r "$round" \
                '[$p, $r, .messagesPerSecond, .latencyMs.p50, .latencyMs.p90, .latencyMs.p99, .latencyMs.max, .accepted2xx, .temporary4xx, .permanent5xx, (.connectionErrors + .unknownOutcome), .drainSeconds, .endToEndMessagesPerSecond, .cpuMsPerMessage, .loadAverage] | @tsv' \
                "$results/$peer-$round.json" | awk -F'\t' '{ printf "%-8s %5s %9s %8s %8s %8s %8s %6s %5s %5s %6s %8s %9s %8s %6s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 }')"
        done
    done
    mean() { jq -s "map(.${2:-messagesPerSecond}) | add / length" "$results"/"$1"-[0-9]*.json; }
    worst_p99() { jq -s 'map(.latencyMs.p99) | max' "$results"/"$1"-[0-9]*.json; }
    if peer_on gateway && peer_on postfix; then
        gw_mean=$(mean gateway)
        pf_mean=$(mean postfix)
        say "$(awk -v g="$gw_mean" -v p="$pf_mean" -v gp="$(worst_p99 gateway)" -v pp="$(worst_p99 postfix)" 'BEGIN {
        printf "RATIO gateway/postfix msg/s = %.2f (gateway %.1f msg/s, postfix %.1f msg/s, mean of rounds); p99 end of DATA -> 250, worst round: gateway %s ms, postfix %s ms\n", (p > 0 ? g / p : 0), g, p, gp, pp }')"
        say "$(awk -v g="$(mean gateway endToEndMessagesPerSecond)" -v p="$(mean postfix endToEndMessagesPerSecond)" 'BEGIN {
        printf "RATIO end to end (accepted and delivered to the sink) gateway/postfix = %.2f (gateway %.1f msg/s, postfix %.1f msg/s)\n", (p > 0 ? g / p : 0), g, p }')"
    fi
    sink_total=$(smtp_sink_count)
    say "(msg/s: 2xx replies per second of the measured run; drain: seconds from the last 250 until the sink had every message;"
    say " e2e msg/s: messages of the run, warm-up included, per second of sending plus drain: accepted and delivered;"
    say " cpu ms: the peer's CPU time per message over the run and its drain, delivery (and the gateway's archiving) included; load: 1-minute load average after the run;"
    say " the gateway's archive caught up $(jq -s 'map(.archiveDrainSeconds) | join(", ")' "$results"/gateway-[0-9]*.json 2> /dev/null) s after its drains)"
    say "SINK smtp-sink received $sink_total messages; the peers accepted $sent_total ($( ((sink_total == sent_total)) && echo equal || echo DIFFERENT))"
fi

log "done; results in $results"

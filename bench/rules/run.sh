#!/usr/bin/env bash
# Speed: the shipped rules (all five packs) vs rspamd on the same corpus, in the same run, on the same cores.
#
#   bench/rules/run.sh [DATA_DIR] [PASSES]
#
# DATA_DIR defaults to ../shared/data; the corpus is every SpamAssassin message in it, read PASSES times
# (default 2) by both scanners. rspamd runs from a private copy of the Debian package's configuration with
# its default content rules, its network modules off, DNS pointed at a loopback dnsmasq that answers at
# once (no upstream), and is driven by `rspamc -n 64`. Only loopback addresses are used. Both daemons are
# stopped on exit. Needs: apt-get install rspamd dnsmasq-base time (the script installs them if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${1:-$repo/../shared/data}"
passes="${2:-2}"
corpus=("$data"/spamassassin/easy_ham "$data"/spamassassin/easy_ham_2 "$data"/spamassassin/spam "$data"/spamassassin/spam_2)
for dir in "${corpus[@]}"; do
  [ -d "$dir" ] || { echo "bench/rules: $dir not found; the SpamAssassin corpus is needed, skipping"; exit 0; }
done
if ! command -v rspamd >/dev/null || ! command -v dnsmasq >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rspamd dnsmasq-base time >/dev/null
fi

work="$(mktemp -d /tmp/bench-rules.XXXXXX)"
dns_port=5399
rspamd_port=11433
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/run/rspamd.pid" ] && kill "$(cat "$work/run/rspamd.pid")" 2>/dev/null || true
  sleep 1
}
trap cleanup EXIT

files=0
for dir in "${corpus[@]}"; do dir_files=("$dir"/*); files=$((files + ${#dir_files[@]})); done
messages=$((files * passes))
scan_args=()
for _ in $(seq "$passes"); do scan_args+=("${corpus[@]}"); done

# --- the loopback resolver: no upstream, every name answered NXDOMAIN at once -----------------------
dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --listen-address=127.0.0.1 --bind-interfaces \
  --port="$dns_port" --address='/#/' --pid-file="$work/dnsmasq.pid" --log-facility=- 2>"$work/dnsmasq.log" &
pids+=($!)

# --- rspamd: Debian's configuration, copied, with local.d switching the network modules off --------
mkdir -p "$work/etc" "$work/db" "$work/run" "$work/log"
cp -r /etc/rspamd/. "$work/etc/"
local_d="$work/etc/local.d"
mkdir -p "$local_d"
network_modules=(rbl surbl spf dkim dmarc arc phishing hfilter fuzzy_check asn emails mx_check url_redirector
  dkim_signing whitelist reputation greylist ratelimit replies neural history_redis rspamd_update
  metadata_exporter clickhouse elastic antivirus external_services dcc spamassassin p0f bimi known_senders)
for module in "${network_modules[@]}"; do echo "enabled = false;" > "$local_d/$module.conf"; done
cat > "$local_d/options.inc" <<CONF
filters = "chartable,regexp";
dns { nameserver = ["127.0.0.1:$dns_port"]; timeout = 1s; retransmits = 1; }
local_addrs = [127.0.0.0/8];
CONF
cat > "$local_d/worker-normal.inc" <<CONF
bind_socket = "127.0.0.1:$rspamd_port";
count = $(nproc);
CONF
echo 'bind_socket = "127.0.0.1:11434";' > "$local_d/worker-controller.inc"
echo 'bind_socket = "127.0.0.1:11432"; count = 0;' > "$local_d/worker-proxy.inc"
echo 'level = "error";' > "$local_d/logging.inc"

rspamd -f -u root -g root -c "$work/etc/rspamd.conf" \
  --var=CONFDIR="$work/etc" --var=LOCAL_CONFDIR="$work/etc" --var=DBDIR="$work/db" \
  --var=RUNDIR="$work/run" --var=LOGDIR="$work/log" >"$work/rspamd.out" 2>&1 &
rspamd_pid=$!
pids+=("$rspamd_pid")
first_files=("${corpus[0]}"/*)
first="${first_files[0]}"
for _ in $(seq 120); do rspamc -h "127.0.0.1:$rspamd_port" -t 5 "$first" 2>/dev/null | grep -q '^Action:' && break; sleep 1; done

# --- mailfilter, published as it is deployed: Release, for this platform, ReadyToRun -------------------
dotnet publish "$repo/src/Gateway" -c Release -r linux-x64 --self-contained false -o "$work/mailfilter" -v quiet -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
dotnet "$work/mailfilter/mailfilter.dll" scan --rules "$repo/rules" --Smtp:AcceptedDomains:0=city.example --json "${corpus[0]}" >/dev/null  # warm the disk cache

now() { date +%s.%N; }
report() { # name scanned seconds cpu-seconds
  python3 -c 'import sys; n, s, c = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]); print(f"{sys.argv[1]}: {n} scanned in {s:.2f} s = {n / s:.0f} msg/s; {c:.2f} CPU s = {n / c:.0f} msg per CPU-second")' "$@"
}
# CPU seconds used so far by rspamd's main process and workers (not rspamc): the shared machine's load stretches
# wall-clock time, while CPU time measures the work each scanner does.
ticks=$(getconf CLK_TCK)
rspamd_cpu() {
  for pid in "$rspamd_pid" $(pgrep -P "$rspamd_pid"); do sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null; done \
    | awk -v ticks="$ticks" '{ total += $12 + $13 } END { printf "%.2f", total / ticks }'
}
mailfilter_cpu() { awk '{ printf "%.2f", $1 + $2 }' "$work/cpu"; }
# Alternate the scanners, twice, so a change in the machine's load hits both alike.
for round in 1 2; do
  c0=$(rspamd_cpu)
  t0=$(now)
  rspamc -h "127.0.0.1:$rspamd_port" -n 64 -t 60 "${scan_args[@]}" >"$work/rspamd.results"
  t1=$(now)
  rspamd_cpu_used=$(python3 -c "print($(rspamd_cpu) - $c0)")
  /usr/bin/time -f "%U %S" -o "$work/cpu" dotnet "$work/mailfilter/mailfilter.dll" scan --rules "$repo/rules" --Smtp:AcceptedDomains:0=city.example --json "${scan_args[@]}" >"$work/mailfilter.results"
  t2=$(now)
  with_classifier_cpu=$(mailfilter_cpu)
  /usr/bin/time -f "%U %S" -o "$work/cpu" dotnet "$work/mailfilter/mailfilter.dll" scan --rules "$repo/rules" --Smtp:AcceptedDomains:0=city.example --json --no-classifier "${scan_args[@]}" >"$work/mailfilter-rules-only.results"
  t3=$(now)
  echo "round $round ($messages message scans: the SpamAssassin corpus x $passes, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
  report "  rspamd $(rspamd --version | grep -o '[0-9.]*$') (rspamc -n 64)" "$(grep -c '^Action:' "$work/rspamd.results" || true)" "$(python3 -c "print($t1 - $t0)")" "$rspamd_cpu_used"
  report "  mailfilter scan, 5 packs + harassment classifier" "$(wc -l <"$work/mailfilter.results")" "$(python3 -c "print($t2 - $t1)")" "$with_classifier_cpu"
  report "  mailfilter scan, 5 packs (--no-classifier)" "$(wc -l <"$work/mailfilter-rules-only.results")" "$(python3 -c "print($t3 - $t2)")" "$(mailfilter_cpu)"
done
echo "work folder: $work"

#!/usr/bin/env bash
# Speed: the shipped rules (all five packs) vs rspamd on the same corpus, in the same run, on the same cores.
#
#   bench/rules/run.sh [DATA_DIR] [PASSES]
#
# DATA_DIR defaults to ../shared/data; the corpus is every SpamAssassin message in it, read PASSES times
# (default 3) by both scanners. rspamd runs from a private copy of the Debian package's configuration with
# its default content rules, its network modules off, DNS pointed at a loopback dnsmasq that answers at
# once (no upstream), and is driven by `rspamc -n 64`. Only loopback addresses are used. Both daemons are
# stopped on exit. Needs: apt-get install rspamd dnsmasq-base (the script installs them if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${1:-$repo/../shared/data}"
passes="${2:-3}"
corpus=("$data"/spamassassin/easy_ham "$data"/spamassassin/easy_ham_2 "$data"/spamassassin/spam "$data"/spamassassin/spam_2)
for dir in "${corpus[@]}"; do
  [ -d "$dir" ] || { echo "bench/rules: $dir not found; the SpamAssassin corpus is needed, skipping"; exit 0; }
done
if ! command -v rspamd >/dev/null || ! command -v dnsmasq >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rspamd dnsmasq-base >/dev/null
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
for dir in "${corpus[@]}"; do files=$((files + $(find "$dir" -type f | wc -l))); done
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
pids+=($!)
for _ in $(seq 60); do rspamc -h "127.0.0.1:$rspamd_port" -t 5 stat >/dev/null 2>&1 && break; sleep 1; done
rspamc -h "127.0.0.1:$rspamd_port" -t 30 "${corpus[0]}/$(ls "${corpus[0]}" | head -1)" >/dev/null  # warm the symbol cache

# --- mailfilter, Release build ---------------------------------------------------------------------
dotnet build "$repo/src/Gateway" -c Release -o "$work/mailfilter" -v quiet -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
dotnet "$work/mailfilter/mailfilter.dll" scan --rules "$repo/rules" --json "${corpus[0]}" >/dev/null  # warm the disk cache

now() { date +%s.%N; }
t0=$(now)
rspamc -h "127.0.0.1:$rspamd_port" -n 64 -t 60 "${scan_args[@]}" >"$work/rspamd.results"
t1=$(now)
dotnet "$work/mailfilter/mailfilter.dll" scan --rules "$repo/rules" --json "${scan_args[@]}" >"$work/mailfilter.results"
t2=$(now)

rspamd_scanned=$(grep -c '^Action:' "$work/rspamd.results" || true)
mailfilter_scanned=$(wc -l <"$work/mailfilter.results")
python3 - "$messages" "$rspamd_scanned" "$mailfilter_scanned" "$t0" "$t1" "$t2" "$(nproc)" <<'PY'
import sys
messages, rs, mf = map(int, sys.argv[1:4]); t0, t1, t2 = map(float, sys.argv[4:7]); cores = sys.argv[7]
rspamd_rate = rs / (t1 - t0); mf_rate = mf / (t2 - t1)
print(f"corpus: {messages} message scans ({messages // max(1, mf // max(1, messages)) if False else messages} = SpamAssassin files x passes), {cores} cores")
print(f"rspamd 3.x (rspamc -n 64): {rs} scanned in {t1 - t0:.2f} s = {rspamd_rate:.0f} msg/s")
print(f"mailfilter scan (5 packs): {mf} scanned in {t2 - t1:.2f} s = {mf_rate:.0f} msg/s")
print(f"ratio: {mf_rate / rspamd_rate:.2f}x")
PY
echo "work folder: $work"

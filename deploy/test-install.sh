#!/usr/bin/env bash
# Tests deploy/install.sh: installs into a temporary root, checks the layout and the unit, starts the installed
# program directly (as systemd would, minus systemd: its working directory, its settings file, standard output
# a stream named by JOURNAL_STREAM), sends a message over SMTP, checks it arrives in the outbox, stops it with
# SIGTERM and checks the stop was graceful and logged. Prints one last line: "install test: OK" or the failure.
#
# Usage: deploy/test-install.sh [--from PUBLISHED_DIR] [--framework-dependent] [--keep]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
install_args=(--no-start)
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --from) install_args+=(--from "${2:?--from needs a directory}"); shift 2 ;;
    --framework-dependent) install_args+=(--framework-dependent); shift ;;
    --keep) keep=true; shift ;;
    *) echo "test-install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

root="$(mktemp -d "${TMPDIR:-/tmp}/mailfilter-install-test.XXXXXX")"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  if $keep; then echo "test-install.sh: left $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
fail() { echo "install test: FAILED: $*"; [ -f "$root/serve.log" ] && sed 's/^/  | /' "$root/serve.log" | tail -40; exit 1; }
check() { local what="$1"; shift; "$@" || fail "$what"; }

# 1. Install into the temporary root.
"$repo/deploy/install.sh" --root "$root" "${install_args[@]}" || fail "install.sh exited $?"

check "the program is installed" test -x "$root/opt/mailfilter/mailfilter"
check "mailfilter is on the PATH" test -x "$root/usr/local/bin/mailfilter"
check "the settings file is installed" test -f "$root/etc/mailfilter/mailfilter.json"
check "the program reads the settings file" test "$(readlink -f "$root/opt/mailfilter/appsettings.json")" = "$(readlink -f "$root/etc/mailfilter/mailfilter.json")"
check "the shipped rules are installed" test -f "$root/etc/mailfilter/rules/chain_letter.yaml"
check "local.d is there for site rules" test -d "$root/etc/mailfilter/rules/local.d"
check "the data directory is private" test "$(stat -c %a "$root/var/lib/mailfilter")" = 750
check "the unit is installed" test -f "$root/etc/systemd/system/mailfilter.service"

# A second install keeps the admin's settings and site rules, and replaces the shipped packs.
echo '// edited by the admin' >> "$root/etc/mailfilter/mailfilter.json"
echo 'thresholds: { profanity: { quarantine: 8 } }' > "$root/etc/mailfilter/rules/local.d/site.yaml"
echo '# stale' > "$root/etc/mailfilter/rules/gone.yaml"
cp -a "$root/opt/mailfilter" "$root/published"
"$repo/deploy/install.sh" --root "$root" --no-start --from "$root/published" >/dev/null || fail "the second install exited $?"
check "a second install keeps the settings" grep -q 'edited by the admin' "$root/etc/mailfilter/mailfilter.json"
check "a second install keeps local.d" test -f "$root/etc/mailfilter/rules/local.d/site.yaml"
check "a second install replaces the shipped packs" test ! -e "$root/etc/mailfilter/rules/gone.yaml"

# 2. The unit: verified by systemd-analyze where there is one, else checked for its required keys.
unit="$root/etc/systemd/system/mailfilter.service"
for key in '^\[Unit\]' '^\[Service\]' '^\[Install\]' '^Type=notify$' '^User=mailfilter$' '^ExecStart=/opt/mailfilter/mailfilter serve$' \
           '^StateDirectory=mailfilter$' '^ConfigurationDirectory=mailfilter$' '^WorkingDirectory=/var/lib/mailfilter$' \
           '^StandardOutput=journal$' '^KillSignal=SIGTERM$' '^WantedBy=multi-user.target$'; do
  check "the unit has $key" grep -q "$key" "$unit"
done
check "every line of the unit is a section, a key=value, a comment or empty" \
  test -z "$(grep -vE '^(\[[A-Za-z]+\]|[A-Za-z]+=.*|#.*|)$' "$unit")"
if command -v systemd-analyze >/dev/null; then
  # The unit names /opt/mailfilter/mailfilter, which exists only after a real install: every other complaint
  # (an unknown key or section, a value that does not parse) fails the test.
  verify="$(systemd-analyze verify "$unit" 2>&1 || true)"
  bad="$(grep -v 'is not executable: No such file or directory' <<<"$verify" || true)"
  [ -z "$bad" ] || fail "systemd-analyze verify: $bad"
  echo "test-install.sh: systemd-analyze verify: no complaint about the unit"
else
  echo "test-install.sh: no systemd-analyze here; the unit was checked for its keys only"
fi

# The program must read the settings file through /opt/mailfilter/appsettings.json: give it a name to greet with.
sed -i 's/"Smtp": {/"Smtp": {\n    "ServerName": "installed-test.example",/' "$root/etc/mailfilter/mailfilter.json"

# 3. Start the installed program as the unit would, on a free port, with paths inside the test root.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"
cd "$root/var/lib/mailfilter"
# systemd names the stream it connects to standard output in JOURNAL_STREAM; here a pipe stands for it.
sh -c 'JOURNAL_STREAM="0:$(stat -L -c %i /proc/$$/fd/1)" exec "$0" "$@"' \
  "$root/usr/local/bin/mailfilter" serve --smtp "127.0.0.1:$port" --console http://127.0.0.1:0 \
  --data "$root/var/lib/mailfilter" --rules "$root/etc/mailfilter/rules" 2>&1 | cat > "$root/serve.log" &
sleep 0.2
pid="$(pgrep -f "mailfilter serve --smtp 127.0.0.1:$port" | head -1 || true)"
for _ in $(seq 1 300); do
  grep -q 'SMTP listening' "$root/serve.log" 2>/dev/null && break
  [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && fail "the program exited before listening"
  [ -z "$pid" ] && pid="$(pgrep -f "mailfilter serve --smtp 127.0.0.1:$port" | head -1 || true)"
  sleep 0.2
done
grep -q 'SMTP listening' "$root/serve.log" || fail "not listening after 60 s"
[ -n "$pid" ] || fail "no process found"

# 4. One message over SMTP, as any client would send it.
exec 3<>"/dev/tcp/127.0.0.1/$port"
reply() { local line; while IFS= read -r -t 30 line <&3; do echo "S: $line" >> "$root/smtp.log"; [ "${line:3:1}" != "-" ] && { echo "${line:0:3}"; return; }; done; echo "timeout"; }
send() { printf '%s\r\n' "$1" >&3; echo "C: $1" >> "$root/smtp.log"; }
expect() { local got; got="$(reply)"; [ "$got" = "$1" ] || fail "expected $1 after '$2', got $got: $(cat "$root/smtp.log")"; }
expect 220 "connect"
grep -q '^S: 220 installed-test.example ESMTP' "$root/smtp.log" || fail "the greeting does not use the settings file's Smtp:ServerName: $(cat "$root/smtp.log")"
send "EHLO install-test.example"; expect 250 EHLO
send "MAIL FROM:<clerk@city.example>"; expect 250 MAIL
send "RCPT TO:<staff@city.example>"; expect 250 RCPT
send "DATA"; expect 354 DATA
send "From: clerk@city.example"
send "To: staff@city.example"
send "Subject: installed and running"
send ""
send "Council meets at 7."
send "."; expect 250 "end of data"
send "QUIT"; expect 221 QUIT
exec 3<&- 3>&-

for _ in $(seq 1 100); do
  ls "$root"/var/lib/mailfilter/outbox/*.eml >/dev/null 2>&1 && break
  sleep 0.2
done
delivered="$(ls "$root"/var/lib/mailfilter/outbox/*.eml 2>/dev/null | head -1 || true)"
[ -n "$delivered" ] || fail "no message in the outbox after 20 s"
check "the delivered message is the one sent" grep -q 'Subject: installed and running' "$delivered"
check "the delivered message carries the verdict" grep -q 'X-MailFilter-Verdict: pass' "$delivered"

# 5. The command line from the PATH, on the same data.
"$root/usr/local/bin/mailfilter" queue list --data "$root/var/lib/mailfilter" > "$root/queue.log" 2>&1 || fail "mailfilter queue list exited $?: $(cat "$root/queue.log")"

# 6. A graceful stop, logged, with the journal's priority prefix.
kill -TERM "$pid"
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "still running 30 s after SIGTERM"
pid=""
sleep 0.2
check "the stop is logged" grep -q '^<6>INF MailFilter.Gateway: Stopping' "$root/serve.log"
check "the end of the stop is logged" grep -q '^<6>INF MailFilter.Gateway: Stopped' "$root/serve.log"
check "journal lines carry no time stamp of their own" test -z "$(grep -v '^<[0-7]>' "$root/serve.log" | grep -E '^[0-9]{4}-' || true)"

echo "install test: OK"

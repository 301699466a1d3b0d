#!/usr/bin/env bash
# Installs MailFilter as a service:
#   /opt/mailfilter/                the program (replaced by each install), with the shipped rules
#   /usr/local/bin/mailfilter       -> /opt/mailfilter/mailfilter, so `mailfilter queue list` works from a shell
#   /etc/mailfilter/mailfilter.json settings (written once, never overwritten; the new default is left beside it)
#   /etc/mailfilter/rules/          the shipped packs (replaced by each install) and local.d/ (yours, never touched)
#   /var/lib/mailfilter/            queue, outbox, TLS certificate; owned by the mailfilter user, mode 0750
#   /etc/systemd/system/mailfilter.service, and the system user mailfilter
# then, on a machine running systemd, enables and (re)starts the service.
#
# Usage: deploy/install.sh [--root DIR] [--from PUBLISHED_DIR] [--framework-dependent] [--rid RID] [--no-start]
#   --root DIR             install under DIR instead of / (a staging or test root: no user, no systemctl)
#   --from DIR             install an existing `dotnet publish` output instead of building one
#   --framework-dependent  build against the machine's shared .NET runtime instead of bundling one
#   --rid RID              runtime to build for (default: this machine's, linux-x64 or linux-arm64)
#   --no-start             do not enable or start the service
set -euo pipefail

root=/
from=""
self_contained=true
rid=""
start=true
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --from) from="${2:?--from needs a directory}"; shift 2 ;;
    --framework-dependent) self_contained=false; shift ;;
    --rid) rid="${2:?--rid needs a runtime identifier}"; shift 2 ;;
    --no-start) start=false; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
root="$(mkdir -p "$root" && cd "$root" && pwd)"
prefix="${root%/}"
program="$prefix/opt/mailfilter"
config="$prefix/etc/mailfilter"
data="$prefix/var/lib/mailfilter"
unit="$prefix/etc/systemd/system/mailfilter.service"
say() { echo "install.sh: $*"; }

if [ "$root" = / ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: installing into / needs root (or give --root DIR)" >&2
  exit 1
fi

# 1. The program: publish (or take a published folder), then swap it in whole.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
if [ -z "$from" ]; then
  command -v dotnet >/dev/null || { echo "install.sh: dotnet (the .NET 10 SDK) is needed to build; or give --from a published folder" >&2; exit 1; }
  if [ -z "$rid" ]; then
    case "$(uname -m)" in
      x86_64) rid=linux-x64 ;;
      aarch64|arm64) rid=linux-arm64 ;;
      *) echo "install.sh: no runtime identifier for $(uname -m); give --rid" >&2; exit 1 ;;
    esac
  fi
  say "building ($rid, self-contained=$self_contained)"
  dotnet publish "$repo/src/Gateway" -c Release -r "$rid" --self-contained "$self_contained" -o "$staging/mailfilter" -v quiet -nologo
  from="$staging/mailfilter"
fi
[ -x "$from/mailfilter" ] || { echo "install.sh: $from/mailfilter is not a published MailFilter" >&2; exit 1; }
mkdir -p "$prefix/opt"
rm -rf "$program.new" "$program.old"
cp -a "$from" "$program.new"
cp "$repo/README.md" "$program.new/README.md"
# Every verb reads appsettings.json beside the program: that is the settings file in /etc (a relative link, so a
# staging root works as the real one).
ln -sfn ../../etc/mailfilter/mailfilter.json "$program.new/appsettings.json"
[ -e "$program" ] && mv "$program" "$program.old"
mv "$program.new" "$program"
rm -rf "$program.old"
mkdir -p "$prefix/usr/local/bin"
ln -sfn ../../../opt/mailfilter/mailfilter "$prefix/usr/local/bin/mailfilter"
say "program in $program"

# 2. Settings and rules: the admin's files are never overwritten.
mkdir -p "$config/rules/local.d"
cp "$repo/deploy/mailfilter.json" "$config/mailfilter.json.dist"
if [ ! -e "$config/mailfilter.json" ]; then
  cp "$repo/deploy/mailfilter.json" "$config/mailfilter.json"
  say "settings in $config/mailfilter.json (edit Smtp:Listen, Smtp:AcceptedDomains, Delivery:NextHop)"
else
  say "kept $config/mailfilter.json; the new default is $config/mailfilter.json.dist"
fi
find "$config/rules" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' -o -name README.md \) -delete
cp "$program"/rules/*.yaml "$config/rules/"
[ -f "$program/rules/README.md" ] && cp "$program/rules/README.md" "$config/rules/README.md"
say "shipped rules in $config/rules (site changes go in $config/rules/local.d/, kept across installs)"

# 3. The service account and its data directory.
mkdir -p "$data"
chmod 0750 "$data"
if [ "$root" = / ]; then
  if ! getent passwd mailfilter >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/mailfilter --no-create-home --shell /usr/sbin/nologin \
      --comment "MailFilter gateway" mailfilter
    say "created the system user mailfilter"
  fi
  chown -R mailfilter:mailfilter "$data"
  # The settings may hold a TLS key password: readable by root and the service only.
  chgrp mailfilter "$config/mailfilter.json" && chmod 0640 "$config/mailfilter.json"
fi
say "data in $data"

# 4. The unit; on a running systemd, enable and (re)start it.
mkdir -p "$(dirname "$unit")"
cp "$repo/deploy/mailfilter.service" "$unit"
say "unit in $unit"
if [ "$root" = / ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  systemctl daemon-reload
  if $start; then
    systemctl enable mailfilter.service
    systemctl restart mailfilter.service
    say "started: systemctl status mailfilter; journalctl -u mailfilter -f"
  else
    say "start it with: systemctl enable --now mailfilter"
  fi
elif [ "$root" = / ]; then
  say "systemd is not running here: start it with $program/mailfilter serve (as the mailfilter user, in $data)"
fi

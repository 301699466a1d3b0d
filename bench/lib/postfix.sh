# Postfix instances for the bench, each in its own directory: config, queue, data and log.
# Sourced by bench/run.sh. Needs root (Postfix's master runs as root and drops to the postfix user).

# postfix_create DIR LISTEN_PORT RELAYHOST_PORT [SMTP_TLS_LEVEL]
# Writes DIR/etc/main.cf and DIR/etc/master.cf: a relay-only Postfix tuned the way its own experts
# would for a relay benchmark. Every setting that differs from Postfix's default says why.
postfix_create() {
    local dir=$1 listen_port=$2 relay_port=$3 tls_level=${4:-none}
    mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
    chown postfix "$dir/data"
    cat > "$dir/etc/main.cf" <<MAIN
compatibility_level = 3.6
# Everything of this instance lives under $dir, apart from the programs.
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix-bench.mailfilter.test
mydomain = mailfilter.test
myorigin = \$myhostname
# Relay only: no local domains, no aliases, no local delivery.
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
relayhost = [127.0.0.1]:$relay_port
# No DNS anywhere: the next hop is an address, the clients are on loopback.
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
# Enough smtpd processes for 20 clients (and the 200-session tests), no rate limits.
default_process_limit = 200
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
# Accept at the rate the clients send: in_flow_delay would pause smtpd whenever the queue manager
# lags behind, coupling acceptance to delivery; the gateway has no such brake, so neither does Postfix.
in_flow_delay = 0
smtp_connection_cache_on_demand = yes
# Room for the 50 MB message, as the gateway allows it.
message_size_limit = 104857600
smtp_tls_security_level = $tls_level
smtpd_tls_security_level = none
MAIN
    # A minimal master.cf: the services a relay needs, none chrooted (a chroot would need copies of
    # /etc files in the queue directory and changes nothing about speed).
    cat > "$dir/etc/master.cf" <<MASTER
127.0.0.1:$listen_port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
MASTER
}

postfix_start() {
    local dir=$1
    postfix -c "$dir/etc" check
    postfix -c "$dir/etc" start
}

postfix_stop() {
    local dir=$1
    [[ -f "$dir/queue/pid/master.pid" ]] || return 0
    postfix -c "$dir/etc" stop || true
    # "stop" only signals master; wait (bounded) until it and its children are gone.
    local i
    for ((i = 0; i < 100; i++)); do
        postfix -c "$dir/etc" status >/dev/null 2>&1 || return 0
        sleep 0.1
    done
    echo "postfix in $dir did not stop" >&2
}

# Prints how many messages are still in this instance's queue.
postfix_queue_size() {
    local dir=$1
    find "$dir/queue/incoming" "$dir/queue/active" "$dir/queue/deferred" "$dir/queue/maildrop" \
        -type f 2>/dev/null | wc -l
}

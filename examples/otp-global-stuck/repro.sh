#!/bin/sh
# Starts the five nodes, then repeats the partition that left OTP's global
# stuck until global:sync() hangs on a node: a bridge (app@n5 reaches everyone,
# {app@n1, app@n4} and {app@n2, app@n3} cannot reach each other) held for
# 15 s (3 ticks), lifted, then 30 s for global to sync. It prints every node's
# global state after each round and stops at the first stuck one, leaving the
# cluster up to look at (`$COMPOSE down` removes it).
#
# usage: ./repro.sh [ROUNDS]   (COMPOSE="docker-compose" for Compose v1)
set -eu
cd "$(dirname "$0")"
COMPOSE=${COMPOSE:-docker compose}
ROUNDS=${1:-10}
HOLD_S=15
SETTLE_S=30
NODES="n1 n2 n3 n4 n5"
dc() { $COMPOSE -p otp-global-stuck "$@"; }

[ -f cookie ] || (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > cookie)
dc up -d

# every node sees the four others
for n in $NODES; do
  until [ "$(dc exec -T "$n" escript /opt/repro/global-state.escript "app@$n" 2>/dev/null | grep -c 'nodes(): \[app@n[0-9],app@n[0-9],app@n[0-9],app@n[0-9]\]')" = 1 ]; do sleep 1; done
done
echo "formed: every node sees the four others"

ip_of() { dc exec -T "$1" getent hosts "$2" | cut -d' ' -f1; }
# block NODE PEER...: NODE drops everything from and to each PEER
block() {
  n=$1; shift
  for peer; do
    ip=$(ip_of "$n" "$peer")
    dc exec -T "$n" sh -c "iptables -w -A INPUT -s $ip -j DROP && iptables -w -A OUTPUT -d $ip -j DROP"
  done
}
heal() { for n in $NODES; do dc exec -T "$n" sh -c 'iptables -w -F INPUT && iptables -w -F OUTPUT'; done; }

round=1
while [ "$round" -le "$ROUNDS" ]; do
  echo "round $round: bridge partition for ${HOLD_S} s"
  block n1 n2 n3; block n4 n2 n3; block n2 n1 n4; block n3 n1 n4
  sleep "$HOLD_S"
  heal
  echo "round $round: lifted; global:sync() on every node after ${SETTLE_S} s"
  sleep "$SETTLE_S"
  stuck=0
  for n in $NODES; do
    echo "== $n"
    dc exec -T "$n" escript /opt/repro/global-state.escript "app@$n" 10000 || stuck=1
  done
  if [ "$stuck" = 1 ]; then echo "STUCK after round $round"; exit 1; fi
  round=$((round + 1))
done
echo "not stuck in $ROUNDS rounds"

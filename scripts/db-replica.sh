#!/usr/bin/env bash
# `npm run db:replica [start|stop|status|remove]`: a hot standby of the PostgreSQL server on 127.0.0.1:5432,
# streaming from it on 127.0.0.1:5433, for the read-replica tests and `npm run bench:instances`.
# Made with pg_basebackup -R from Debian's PostgreSQL (whose settings live in /etc/postgresql, so the
# copy gets files of its own). Run as root or postgres; prints the replica's URL.
set -euo pipefail

ACTION="${1:-start}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
PORT="${REPLICA_PORT:-5433}"
DIR="${REPLICA_DIR:-/tmp/maillage-replica}"
VERSION="$(ls /etc/postgresql | sort -V | tail -1)"
BIN="/usr/lib/postgresql/${VERSION}/bin"
HBA="/etc/postgresql/${VERSION}/main/pg_hba.conf"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
PRIMARY_URL="postgres://postgres@127.0.0.1:${PRIMARY_PORT}/postgres"
SLOT="maillage_replica"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

running() {
  as_postgres "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

streaming() {
  [ "$(psql "$URL" -XAtc "select count(*) from pg_stat_wal_receiver where status = 'streaming'" 2>/dev/null)" = "1" ]
}

wait_for_streaming() {
  for _ in $(seq 1 "$1"); do
    streaming && return 0
    sleep 1
  done
  return 1
}

stop() {
  if [ -d "$DIR/data" ] && running; then as_postgres "$BIN/pg_ctl" -D "$DIR/data" stop -m fast -w >/dev/null; fi
}

launch() {
  as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-p ${PORT} -k ${DIR} -c listen_addresses=127.0.0.1" start >/dev/null
}

make_afresh() {
  stop
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chown postgres "$DIR"
  chmod 700 "$DIR"
  # The machine's server takes no replication connection until it is told to.
  if ! grep -q "^host[[:space:]]\+replication[[:space:]]\+all[[:space:]]\+127.0.0.1/32" "$HBA"; then
    echo "host replication all 127.0.0.1/32 trust" >>"$HBA"
    psql "$PRIMARY_URL" -XAtqc "select pg_reload_conf()" >/dev/null
  fi
  # A slot keeps the WAL the replica has not received (a busy primary recycles it within seconds),
  # bounded so that a replica left stopped cannot fill the primary's disk.
  psql "$PRIMARY_URL" -XAtq -c "alter system set max_slot_wal_keep_size = '2GB'" -c "select pg_reload_conf()" \
    -c "select pg_drop_replication_slot('${SLOT}') from pg_replication_slots where slot_name = '${SLOT}'" >/dev/null
  as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/data" -R -X stream -c fast -C -S "$SLOT"
  as_postgres sh -c "printf '%s\n' 'hot_standby = on' > '$DIR/data/postgresql.conf'; : > '$DIR/data/pg_ident.conf'"
  as_postgres sh -c "printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' > '$DIR/data/pg_hba.conf'"
  launch
}

case "$ACTION" in
  start)
    if [ -d "$DIR/data" ] && running && streaming; then
      :
    elif [ -d "$DIR/data" ] && { running || launch; } && wait_for_streaming 15; then
      : # caught up from where it stopped
    else
      make_afresh
      wait_for_streaming 30 || { echo "the replica on port ${PORT} does not stream (see $DIR/log)" >&2; exit 1; }
    fi
    echo "$URL"
    ;;
  stop)
    stop
    ;;
  remove)
    stop
    rm -rf "$DIR"
    psql "$PRIMARY_URL" -XAtqc "select pg_drop_replication_slot('${SLOT}') from pg_replication_slots where slot_name = '${SLOT}'" >/dev/null
    ;;
  status)
    if [ -d "$DIR/data" ] && running && streaming; then echo "streaming: $URL"; else echo "not running"; exit 1; fi
    ;;
  *)
    echo "usage: $0 [start|stop|status|remove]" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Import benchmark: the standard workload (gen_roster.py) uploaded with OpenSSH sftp and imported by the packaged jar,
# against PostgreSQL's own COPY of the same files (copy_limit.sh) on the same embedded server, in the same run.
#
#   bench/import_bench.sh [STUDENTS]      (default 200000: 1.48M rows, 197 MB)
#
# Prints seconds per phase and the ratio of each import to the COPY limit. Needs python3, psql, sftp, curl.
set -euo pipefail
students=${1:-200000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/rostersync-bench.XXXXXX)
http=18480; sftp_port=12480; password=bench-admin-password
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; cp "$work/app.log" /tmp/bench-app.log 2>/dev/null; cp "$work/gc.log" /tmp/bench-gc.log 2>/dev/null; rm -rf "$work"' EXIT

[ -f "$root/target/rostersync.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

# BENCH_CACHE=DIR keeps the generated workload there between runs (the same seed gives the same bytes)
data=${BENCH_CACHE:+$BENCH_CACHE/$students}; data=${data:-$work}
if [ ! -f "$data/night2/manifest.csv" ]; then
  echo "generating $students students..."
  mkdir -p "$data"
  python3 "$here/gen_roster.py" --students "$students" --out "$data/night1" >/dev/null
  python3 "$here/gen_roster.py" --students "$students" --changed 1 --out "$data/night2" >/dev/null
fi
rows=$(cat "$data"/night1/*.csv | wc -l); bytes=$(du -sb "$data/night1" | cut -f1)

ROSTERSYNC_DATA_DIR="$work/data" ROSTERSYNC_HTTP_PORT=$http ROSTERSYNC_SFTP_PORT=$sftp_port ROSTERSYNC_BIND=127.0.0.1 \
  ROSTERSYNC_ADMIN_PASSWORD=$password java ${BENCH_JAVA_OPTS:--Xmx512m} -Xlog:gc:file="$work/gc.log" \
  -jar "$root/target/rostersync.jar" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "localhost:$http/health" >/dev/null 2>&1 && break; sleep 0.5; done
pgport=$(sed -nE 's/.*jdbc:postgresql:\/\/localhost:([0-9]+)\/.*/\1/p' "$work/app.log" | head -1)

admin=(-s -u "admin:$password" -H Content-Type:application/json)
id() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }
tenant=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants" -d '{"name":"bench"}' | id)
source=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants/$tenant/sources" \
  -d '{"name":"bench","sftp":{"username":"bench","password":"bench-sftp-password"}}' | id)

printf '#!/bin/sh\necho bench-sftp-password\n' > "$work/askpass"; chmod +x "$work/askpass"
upload() {
  local start end
  start=$(date +%s.%N)
  printf 'put %s/*.csv\n' "$1" > "$work/batch"
  SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force sftp -o BatchMode=no -b "$work/batch" -P $sftp_port \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null bench@127.0.0.1 >/dev/null 2>&1 </dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
pg() { PGHOST=localhost PGPORT=$pgport PGUSER=postgres PGDATABASE=postgres PGPASSWORD="$(cat "$work/data/postgres.password")" psql -Atqc "$1"; }
# PostgreSQL's side of a run: the WAL it wrote and the checkpoints it took (by time or because the WAL filled max_wal_size)
pg_mark() { pg "SELECT pg_current_wal_lsn(), checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter" | tr '|' ' '; }
pg_since() {
  set -- $1
  pg "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$1') / 1048576) || ' MiB WAL, ' || (checkpoints_timed + checkpoints_req - $2)
      || ' checkpoints' FROM pg_stat_bgwriter"
}
run() {
  local run_id status json mark
  mark=$(pg_mark)
  run_id=$(curl "${admin[@]}" -X POST "localhost:$http/api/sources/$source/runs" | id)
  while :; do
    json=$(curl "${admin[@]}" "localhost:$http/api/runs/$run_id")
    status=$(echo "$json" | sed -E 's/.*"status":"([^"]+)".*/\1/')
    # every poll costs an Argon2id check of the admin password: once a second, not more, or the polls slow the run down
    case $status in queued|running) sleep 1;; *) break;; esac
  done
  echo "$json" | python3 -c '
import json, sys, datetime
r = json.load(sys.stdin)
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
secs = (t(r["finishedAt"]) - t(r["startedAt"])).total_seconds()
c = {k: sum(f[k] for f in r["files"]) for k in ("rows", "inserted", "updated", "unchanged", "deleted", "skipped")}
print("%.2f %s %s" % (secs, r["status"], c), end="")'
  echo " ($(pg_since "$mark"))"
}
rss() { ps -o rss= -p $pid | awk '{printf "%.0f MiB", $1/1024}'; }
# From the GC log: the most the heap held right after a young collection (garbage in the old generation included, so a
# loose ceiling), and the most it held when a marking cycle ended (Remark: what was still reachable, the live set).
peak_heap() { sed -nE 's/.*Pause Young.*->([0-9]+)M\(([0-9]+)M\).*/\1/p' "$work/gc.log" | sort -n | tail -1 | sed 's/$/ MiB/'; }
peak_live() { sed -nE 's/.*Pause Remark.*->([0-9]+)M\(([0-9]+)M\).*/\1/p' "$work/gc.log" | sort -n | tail -1 | sed 's/$/ MiB/'; }

up1=$(upload "$data/night1"); first=$(run); rss1=$(rss)
second=$(run)
up2=$(upload "$data/night2"); third=$(run); rss3=$(rss)

copy_start=$(date +%s.%N)
PGHOST=localhost PGPORT=$pgport PGUSER=postgres PGDATABASE=postgres PGPASSWORD="$(cat "$work/data/postgres.password")" bash "$here/copy_limit.sh" "$data/night1" >/dev/null
copy=$(echo "$(date +%s.%N) - $copy_start" | bc)
copy_mark=$(pg_mark)
copy_pk_start=$(date +%s.%N)
PGHOST=localhost PGPORT=$pgport PGUSER=postgres PGDATABASE=postgres PGPASSWORD="$(cat "$work/data/postgres.password")" bash "$here/copy_limit.sh" "$data/night1" pk >/dev/null
copy_pk=$(echo "$(date +%s.%N) - $copy_pk_start" | bc)
copy_pg=$(pg_since "$copy_mark")

ratio() { echo "scale=2; ${1%% *} / $copy_pk" | bc; }
echo
echo "workload: $students students, $rows lines, $((bytes / 1048576)) MiB; JVM ${BENCH_JAVA_OPTS:--Xmx512m}"
printf '%-40s %s\n' "sftp upload, night 1 (s)" "$up1 ($((bytes / 1048576)) MiB)"
printf '%-40s %s\n' "import, night 1, empty roster (s)" "$first"
printf '%-40s %s\n' "import, same delivery again (s)" "$second"
printf '%-40s %s\n' "sftp upload, night 2 (s)" "$up2"
printf '%-40s %s\n' "import, night 2, 1% changed (s)" "$third"
printf '%-40s %s\n' "COPY limit, text tables (s)" "$copy"
printf '%-40s %s\n' "COPY limit, with primary keys (s)" "$copy_pk ($copy_pg)"
printf '%-40s %s\n' "ratio night 1 / COPY with keys" "$(ratio "$first")"
printf '%-40s %s\n' "ratio re-run / COPY with keys" "$(ratio "$second")"
printf '%-40s %s\n' "ratio night 2 / COPY with keys" "$(ratio "$third")"
printf '%-40s %s\n' "service RSS after night 1 / night 2" "$rss1 / $rss3"
printf '%-40s %s\n' "heap after a young GC, most" "$(peak_heap)"
printf '%-40s %s\n' "live heap at a marking's end, most" "$(peak_live)"

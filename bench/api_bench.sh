#!/usr/bin/env bash
# OneRoster API benchmark: the standard workload (gen_roster.py) imported by the packaged jar, then read through
# /ims/oneroster/v1p1 with wrk (16 connections, DURATION seconds) against pgbench running the equivalent SQL with 16
# clients on the same embedded PostgreSQL, in the same run (with each side's p99); and a walk of every user with
# limit=1000 on one kept-alive connection against psql copying the same rows to /dev/null, three times in turn.
# Everything is measured after a warm-up: a walk and 15 s of each endpoint.
#
#   bench/api_bench.sh [STUDENTS] [DURATION]      (defaults 200000 and 20)
#
# Targets (issue 7): each endpoint's throughput >= 0.5x pgbench's, p99 <= 50 ms; the walk <= 2x the COPY.
# Needs python3, psql, pgbench, wrk (Debian packages postgresql-client and wrk), curl, bc.
set -euo pipefail
students=${1:-200000}
duration=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/rostersync-api-bench.XXXXXX)
http=18481; sftp_port=12481; password=bench-admin-password
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; cp "$work/app.log" /tmp/api-bench-app.log 2>/dev/null; rm -rf "$work"' EXIT

for tool in wrk pgbench psql; do
  command -v $tool >/dev/null || { echo "$tool is missing (apt-get install wrk postgresql-client)"; exit 1; }
done
[ -f "$root/target/rostersync.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

data=${BENCH_CACHE:+$BENCH_CACHE/$students}; data=${data:-$work}
if [ ! -f "$data/night1/manifest.csv" ]; then
  echo "generating $students students..."
  mkdir -p "$data"
  python3 "$here/gen_roster.py" --students "$students" --out "$data/night1" >/dev/null
fi

# the rate limit would measure itself: lift it for this one client
ROSTERSYNC_DATA_DIR="$work/data" ROSTERSYNC_HTTP_PORT=$http ROSTERSYNC_SFTP_PORT=$sftp_port ROSTERSYNC_BIND=127.0.0.1 \
  ROSTERSYNC_ADMIN_PASSWORD=$password ROSTERSYNC_API_RATE_PER_SECOND=1000000 ROSTERSYNC_API_BURST=1000000 \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$root/target/rostersync.jar" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "localhost:$http/health" >/dev/null 2>&1 && break; sleep 0.5; done
pgport=$(sed -nE 's/.*jdbc:postgresql:\/\/localhost:([0-9]+)\/.*/\1/p' "$work/app.log" | head -1)
export PGHOST=localhost PGPORT=$pgport PGUSER=postgres PGDATABASE=postgres PGPASSWORD="$(cat "$work/data/postgres.password")"

admin=(-s -u "admin:$password" -H Content-Type:application/json)
id() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }
tenant=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants" -d '{"name":"bench"}' | id)
source=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants/$tenant/sources" \
  -d '{"name":"bench","sftp":{"username":"bench","password":"bench-sftp-password"}}' | id)

echo "uploading and importing..."
printf '#!/bin/sh\necho bench-sftp-password\n' > "$work/askpass"; chmod +x "$work/askpass"
printf 'put %s/*.csv\n' "$data/night1" > "$work/batch"
SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force sftp -o BatchMode=no -b "$work/batch" -P $sftp_port \
  -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null bench@127.0.0.1 >/dev/null 2>&1 </dev/null
run_id=$(curl "${admin[@]}" -X POST "localhost:$http/api/sources/$source/runs" | id)
while :; do
  status=$(curl "${admin[@]}" "localhost:$http/api/runs/$run_id" | sed -E 's/.*"status":"([^"]+)".*/\1/')
  case $status in queued|running) sleep 1;; *) break;; esac
done
echo "import: $status"
psql -Atqc "VACUUM ANALYZE" >/dev/null  # as autovacuum would have by morning

client=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants/$tenant/api-clients")
client_id=$(echo "$client" | sed -E 's/.*"clientId":"([^"]+)".*/\1/')
client_secret=$(echo "$client" | sed -E 's/.*"clientSecret":"([^"]+)".*/\1/')
token=$(curl -s -u "$client_id:$client_secret" -d grant_type=client_credentials "localhost:$http/oauth/token" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
auth="Authorization: Bearer $token"
api="http://127.0.0.1:$http/ims/oneroster/v1p1"
school=$(curl -s -H "$auth" "$api/schools?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["orgs"][0]["sourcedId"])')
curl -sf -o /dev/null -H "$auth" "$api/schools/$school/students" || { echo "the API does not answer"; exit 1; }

# the SQL the API runs for each request (RosterQuery): the page, and the count when the page is full
user_cols=$(psql -Atqc "SELECT string_agg('t.' || attname, ', ' ORDER BY attnum) FROM pg_attribute
  WHERE attrelid = 'roster_user'::regclass AND attnum > 0 AND NOT attisdropped
  AND attname NOT IN ('tenant_id', 'sourced_id_fp', 'row_hash')")
where_garcia="t.tenant_id = '$tenant' AND t.family_name = 'Garcia'"
where_school="t.tenant_id = '$tenant' AND t.role = 'student' AND t.org_sourced_ids @> ARRAY['$school']::text[]"
cat > "$work/garcia.sql" <<SQL
SELECT $user_cols FROM roster_user t WHERE $where_garcia ORDER BY t.sourced_id, t.source_id LIMIT 100 OFFSET 0;
SELECT count(*) FROM roster_user t WHERE $where_garcia;
SQL
cat > "$work/school.sql" <<SQL
SELECT 1 FROM roster_org t WHERE t.tenant_id = '$tenant' AND t.sourced_id = '$school' AND t.type = 'school' LIMIT 1;
SELECT $user_cols FROM roster_user t WHERE $where_school ORDER BY t.sourced_id, t.source_id LIMIT 100 OFFSET 0;
SELECT count(*) FROM roster_user t WHERE $where_school;
SQL

wrk_run() { # URL -> "requests/s p99-ms"
  wrk -t2 -c16 -d"${duration}s" --latency -H "$auth" "$1" > "$work/wrk.out"
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$work/wrk.out")
  grep -q "Non-2xx" "$work/wrk.out" && { echo "errors:"; cat "$work/wrk.out" >&2; }
  echo "$rps $p99"
}
pgbench_run() { # FILE -> "transactions/s p99-ms" (the p99 from pgbench's log of every transaction)
  rm -rf "$work/pglog"; mkdir "$work/pglog"
  local tps p99
  tps=$(cd "$work/pglog" && pgbench -n -M prepared -c16 -j2 -T"$duration" --log -f "$1" 2>/dev/null | awk '/^tps/ {print $3}')
  p99=$(cat "$work"/pglog/pgbench_log.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {printf "%.2f", v[int(NR*0.99)]/1000}')
  echo "$tps $p99"
}
walk() { # every user, limit=1000, following the Link header's next on one kept-alive connection, as a client would
  python3 - "$api" "$token" <<'PY'
import http.client, re, sys, time, urllib.parse
base, token = sys.argv[1], sys.argv[2]
u = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(u.hostname, u.port)
path, pages, start = u.path + "/users?limit=1000", 0, time.monotonic()
while path:
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"{path}: HTTP {r.status}")
    pages += 1
    m = re.search(r'<([^>]+)>; rel="next"', r.getheader("Link") or "")
    path = None if not m else urllib.parse.urlsplit(m.group(1)).path + "?" + urllib.parse.urlsplit(m.group(1)).query
print(f"{time.monotonic() - start:.3f} {pages}")
PY
}

# a server runs for weeks: measure it warmed up (the JIT compiler busy on the measured cores would be measured too)
echo "warming up..."
walk >/dev/null
wrk -t2 -c16 -d15s -H "$auth" "$api/users?limit=100&filter=familyName%3D'Garcia'" >/dev/null
wrk -t2 -c16 -d15s -H "$auth" "$api/schools/$school/students" >/dev/null

read -r garcia_rps garcia_p99 < <(wrk_run "$api/users?limit=100&filter=familyName%3D'Garcia'")
read -r garcia_pg garcia_pg_p99 < <(pgbench_run "$work/garcia.sql")
read -r school_rps school_p99 < <(wrk_run "$api/schools/$school/students")
read -r school_pg school_pg_p99 < <(pgbench_run "$work/school.sql")

# the walk and the COPY in turn, three times: the median of the three ratios (one of either can meet a noisy moment)
walks=(); copies=(); ratios=()
for _ in 1 2 3; do
  read -r walk pages < <(walk)
  copy_start=$(date +%s.%N)
  psql -Atqc "\\copy (SELECT $user_cols FROM roster_user t WHERE t.tenant_id = '$tenant' ORDER BY t.sourced_id, t.source_id) TO '/dev/null'"
  copy=$(echo "$(date +%s.%N) - $copy_start" | bc)
  walks+=("$walk"); copies+=("$(printf '%.3f' "$copy")"); ratios+=("$(echo "scale=2; $walk / $copy" | bc)")
done
median_ratio=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 2p)

users=$(psql -Atqc "SELECT count(*) FROM roster_user WHERE tenant_id = '$tenant'")
echo
echo "workload: $students students ($users users); wrk and pgbench: 16 connections, ${duration} s each"
printf '%-44s %10s %10s %8s %10s %10s\n' "" "API req/s" "SQL tx/s" "ratio" "API p99 ms" "SQL p99 ms"
printf '%-44s %10s %10s %8s %10s %10s\n' "/users?limit=100&filter=familyName='Garcia'" "$garcia_rps" "$garcia_pg" \
  "$(echo "scale=2; $garcia_rps / $garcia_pg" | bc)" "$garcia_p99" "$garcia_pg_p99"
printf '%-44s %10s %10s %8s %10s %10s\n' "/schools/{id}/students" "$school_rps" "$school_pg" \
  "$(echo "scale=2; $school_rps / $school_pg" | bc)" "$school_p99" "$school_pg_p99"
printf '%-44s %s s (%s pages each) vs psql COPY %s s: %sx, median %sx\n' "walk /users?limit=1000" "${walks[*]}" "$pages" \
  "${copies[*]}" "${ratios[*]}" "$median_ratio"

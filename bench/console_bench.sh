#!/usr/bin/env bash
# Console run page benchmark (issue 8): a run with ISSUES issues of five codes (errors, warnings, skipped records), its page read by a
# signed-in operator on one kept-alive connection: the first page of issues, a page deep in the run (keyset on seq),
# filtered pages (outcome, code, a sourcedId prefix) and the issues CSV; each against pgbench running
# the page's own SQL (the count and the page) with one client on the same embedded PostgreSQL, in the same run.
#
#   bench/console_bench.sh [ISSUES] [REQUESTS]      (defaults 100000 and 40)
#
# Targets: every page's median <= 100 ms; the deep page within 1.5x of the first (paging does not slow down with depth).
# Needs python3, psql, pgbench (Debian package postgresql-client), curl and sftp.
set -euo pipefail
issues=${1:-100000}
requests=${2:-40}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/rostersync-console-bench.XXXXXX)
http=18482; sftp_port=12482; password=bench-admin-password
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; cp "$work/app.log" /tmp/console-bench-app.log 2>/dev/null; rm -rf "$work"' EXIT

for tool in pgbench psql sftp curl; do
  command -v $tool >/dev/null || { echo "$tool is missing (apt-get install postgresql-client openssh-client curl)"; exit 1; }
done
[ -f "$root/target/rostersync.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

mkdir -p "$work/delivery"
printf 'propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n' > "$work/delivery/manifest.csv"
printf 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ns1,,,School One,school,,\n' > "$work/delivery/orgs.csv"
# up to four issues a student, of four codes, 25,000 each at ISSUES=100000 (at most 25,000 issues of one code in one
# file are listed; the rest are counted): "Student" for student and grade 99 (warnings) and a parent who is not
# delivered (an error); no email (reported: an error) for three students in four, no phone (the student is skipped,
# with its parent's error only) for the fourth. ISSUES/3 students.
python3 - "$issues" > "$work/delivery/users.csv" <<'PY'
import sys
n = int(sys.argv[1]) // 3
print("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
      "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password")
for i in range(n):
    email, phone = ("u%d@district.test" % i, "") if i % 4 == 3 else ("", "555-0100")
    print("u%d,,,true,s1,Student,u%d,,Ann,Lee,,,%s,,%s,parent%d,99," % (i, i, email, phone, i))
PY
ROSTERSYNC_DATA_DIR="$work/data" ROSTERSYNC_HTTP_PORT=$http ROSTERSYNC_SFTP_PORT=$sftp_port ROSTERSYNC_BIND=127.0.0.1 \
  ROSTERSYNC_ADMIN_PASSWORD=$password ROSTERSYNC_SCHEDULE_ENABLED=false \
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
curl "${admin[@]}" -X PUT "localhost:$http/api/sources/$source/data-requirements" \
  -d '{"users":{"email":"report","phone":"skip"}}' >/dev/null
curl "${admin[@]}" -X PUT "localhost:$http/api/sources/$source/safeguards" \
  -d '{"maxDeletedPercent":100,"maxChangedPercent":100,"neverDelete":false}' >/dev/null
curl "${admin[@]}" -X POST "localhost:$http/api/operators" \
  -d '{"username":"bench-operator","password":"bench-operator-password","role":"admin"}' >/dev/null

printf '#!/bin/sh\necho bench-sftp-password\n' > "$work/askpass"; chmod +x "$work/askpass"
printf 'put %s/*.csv\n' "$work/delivery" > "$work/batch"
SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force sftp -o BatchMode=no -b "$work/batch" -P $sftp_port \
  -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null bench@127.0.0.1 >/dev/null 2>&1 </dev/null
run=$(curl "${admin[@]}" -X POST "localhost:$http/api/sources/$source/runs" | id)
while :; do
  status=$(curl "${admin[@]}" "localhost:$http/api/runs/$run" | sed -E 's/.*"status":"([^"]+)".*/\1/')
  case $status in queued|running) sleep 1;; *) break;; esac
done
stored=$(psql -Atqc "SELECT count(*) FROM run_issue WHERE run_id = '$run'")
echo "run $run: $status, $stored issues listed"
psql -Atqc "SELECT '  ' || code || ' ' || outcome || ': ' || count(*) FROM run_issue WHERE run_id = '$run' GROUP BY code, outcome ORDER BY 1"
psql -Atqc "VACUUM ANALYZE run_issue" >/dev/null

deep=$(( stored - 200 ))
# name|query string|the SQL's extra WHERE|the SQL's keyset position (empty: none)
cases=(
  "first page||"
  "deep page (after=$deep)|after=$deep||$deep"
  "outcome=skipped|outcome=skipped| AND outcome = 'skipped'"
  "code=row.missing_required_value, page 2|code=row.missing_required_value&after=99| AND code = 'row.missing_required_value'|99"
  "sourcedId starts with u4999|sourcedId=u4999| AND starts_with(sourced_id, 'u4999')"
)
cols="file, line, sourced_id, column_name, code, outcome, message, value, seq"
echo
printf '%-44s %12s %12s %14s %8s\n' "run page" "median ms" "p95 ms" "SQL alone ms" "ratio"
for c in "${cases[@]}"; do
  IFS='|' read -r name query where after <<< "$c"
  keyset=${after:+ AND seq > $after}
  cat > "$work/page.sql" <<SQL
SELECT count(*) FROM run_issue WHERE run_id = '$run'$where;
SELECT $cols FROM run_issue WHERE run_id = '$run'$where$keyset ORDER BY seq LIMIT 101;
SQL
  sql_ms=$(pgbench -n -c1 -t "$requests" -f "$work/page.sql" 2>/dev/null | sed -nE 's/^latency average = ([0-9.]+) ms.*/\1/p')
  read -r median p95 < <(python3 "$here/console_pages.py" "$http" bench-operator bench-operator-password \
    "/console/runs/$run?$query" "$requests")
  printf '%-44s %12s %12s %14s %8s\n' "$name" "$median" "$p95" "$sql_ms" "$(echo "scale=2; $median / $sql_ms" | bc)"
done
read -r median p95 < <(python3 "$here/console_pages.py" "$http" bench-operator bench-operator-password \
  "/console/runs/$run/issues.csv" 5)
echo "issues CSV ($stored issues): median $median ms, p95 $p95 ms (5 downloads)"

#!/usr/bin/env bash
# Offline validation against a bare Commons CSV parse of the same files, in one run, with a small heap.
#
#   bench/validate_bench.sh [STUDENTS] [HEAP]     (defaults: 200000 students, -Xmx256m)
#
# Prints wall time, rows per second and peak RSS for both, and the ratio validate / bare parse.
set -euo pipefail
students=${1:-200000}; heap=${2:--Xmx256m}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/rostersync-vbench.XXXXXX); trap 'rm -rf "$work"' EXIT
[ -f "$root/target/rostersync.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
python3 "$here/gen_roster.py" --students "$students" --out "$work/d" >/dev/null
rows=$(( $(cat "$work"/d/*.csv | wc -l) - 8 ))
measure() {  # prints "seconds peakKiB"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || true
  tail -1 "$work/time"
}
# warm the page cache so that both read from memory
cat "$work"/d/*.csv >/dev/null
# compiled ahead, so that neither side pays for compiling source
javac -d "$work/classes" -cp "$root/target/rostersync.jar" "$here/BareParse.java"
read -r bare_s bare_kb < <(measure java "$heap" -cp "$root/target/rostersync.jar:$work/classes" BareParse "$work/d")
read -r val_s val_kb < <(measure java "$heap" -jar "$root/target/rostersync.jar" validate "$work/d")
if grep -q "OutOfMemoryError\|Exception in thread" "$work/out"; then
  echo "validate FAILED:"; grep -m1 -A3 "Exception in thread" "$work/out"; exit 1
fi
tail -1 "$work/out"
echo "workload: $students students, $rows data rows; JVM $heap"
printf '%-28s %8s s %12s rows/s %8s MiB peak RSS\n' "bare Commons CSV parse" "$bare_s" "$(echo "$rows / $bare_s" | bc)" "$((bare_kb / 1024))"
printf '%-28s %8s s %12s rows/s %8s MiB peak RSS\n' "rostersync validate" "$val_s" "$(echo "$rows / $val_s" | bc)" "$((val_kb / 1024))"
echo "ratio validate / bare parse: $(echo "scale=2; $val_s / $bare_s" | bc)"

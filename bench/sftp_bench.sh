#!/usr/bin/env bash
# SFTP upload benchmark: the packaged jar's hosted SFTP server against OpenSSH's own sftp-server (Debian's
# openssh-server, started here on a loopback port with its own config), with the same OpenSSH sftp client, the same
# file, in the same run: with the client's default cipher and with AES-GCM. Then 50 concurrent uploads of 20 MB to rostersync: all must complete, with
# matching SHA-256, and their p50/p95 times.
#
#   bench/sftp_bench.sh [MB]      (default 500; ROUNDS=3 uploads per side and cipher, the best counts)
#
# Needs sshd (Debian package openssh-server), sftp, curl, python3.
set -euo pipefail
mb=${1:-500}
rounds=${ROUNDS:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/rostersync-sftp-bench.XXXXXX)
http=18481; sftp_port=12481; sshd_port=12482; password=bench-admin-password; vendor_password=bench-sftp-password
pid=""; sshd_pid=""
trap 'kill $pid $sshd_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

sshd_bin=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd_bin" ] || { echo "sshd is missing: apt-get install openssh-server" >&2; exit 1; }
[ -f "$root/target/rostersync.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

head -c $((mb * 1048576)) /dev/urandom > "$work/big.zip"
mkdir -p "$work/small"
for i in $(seq 1 50); do head -c $((20 * 1048576)) /dev/urandom > "$work/small/upload-$i.zip"; done

# OpenSSH's sftp-server, on its own port, with its own host key, a key login for this user, files into $work/openssh
mkdir -p "$work/sshd" "$work/openssh"
ssh-keygen -q -t ed25519 -N '' -f "$work/sshd/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/sshd/client_key"
cp "$work/sshd/client_key.pub" "$work/sshd/authorized_keys"
cat > "$work/sshd/sshd_config" <<EOF
Port $sshd_port
ListenAddress 127.0.0.1
HostKey $work/sshd/host_key
AuthorizedKeysFile $work/sshd/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $work/sshd/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
# run as root, sshd wants its privilege separation directory
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
"$sshd_bin" -D -e -f "$work/sshd/sshd_config" 2> "$work/sshd.log" &
sshd_pid=$!

ROSTERSYNC_DATA_DIR="$work/data" ROSTERSYNC_HTTP_PORT=$http ROSTERSYNC_SFTP_PORT=$sftp_port ROSTERSYNC_BIND=127.0.0.1 \
  ROSTERSYNC_ADMIN_PASSWORD=$password ROSTERSYNC_SFTP_MAX_FILE_BYTES=$(( (mb + 1) * 1048576 )) \
  ROSTERSYNC_SFTP_MAX_CONNECTIONS_PER_ADDRESS=60 ROSTERSYNC_SFTP_MAX_SESSIONS_PER_ACCOUNT=60 \
  java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$root/target/rostersync.jar" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "localhost:$http/health" >/dev/null 2>&1 && break; sleep 0.5; done
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$sshd_port) 2>/dev/null && break; sleep 0.1; done

admin=(-s -u "admin:$password" -H Content-Type:application/json)
json_id() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }
tenant=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants" -d '{"name":"bench"}' | json_id)
source=$(curl "${admin[@]}" -X POST "localhost:$http/api/tenants/$tenant/sources" \
  -d "{\"name\":\"bench\",\"sftp\":{\"username\":\"bench\",\"password\":\"$vendor_password\"}}" | json_id)
printf '#!/bin/sh\necho %s\n' "$vendor_password" > "$work/askpass"; chmod +x "$work/askpass"

common=(-q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null)
cipher=() # the client's own choice; set per round below
to_rostersync() { # BATCH
  SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force sftp -o BatchMode=no -b "$1" "${common[@]}" "${cipher[@]}" -P $sftp_port \
    bench@127.0.0.1 >/dev/null 2>&1 </dev/null
}
to_openssh() { # BATCH
  sftp -b "$1" "${common[@]}" "${cipher[@]}" -i "$work/sshd/client_key" -P $sshd_port "$(id -un)@127.0.0.1" >/dev/null 2>&1 </dev/null
}
timed() { local start; start=$(date +%s.%N); "$@" || { echo "upload failed: $*" >&2; return 1; }; echo "$(date +%s.%N) - $start" | bc; }

printf 'put %s/big.zip big.zip\n' "$work" > "$work/batch-rostersync"
printf 'put %s/big.zip %s/openssh/big.zip\n' "$work" "$work" > "$work/batch-openssh"
want=$(sha256sum < "$work/big.zip" | cut -d' ' -f1)
best() { echo "if ($1 < $2) $1 else $2" | bc; }
single=()
# the client's default cipher (OpenSSH picks chacha20-poly1305 first, which Java computes without hardware help), then
# AES-GCM and AES-CTR, which both sides run with AES-NI
for choice in default aes128-gcm@openssh.com aes128-ctr; do
  if [ "$choice" = default ]; then cipher=(); else cipher=(-c "$choice"); fi
  # ROUNDS times each, alternating, so that neither side alone has a warm page cache or JIT; the best round counts
  rs=(); os=()
  for _ in $(seq 1 "$rounds"); do
    rs+=("$(timed to_rostersync "$work/batch-rostersync")"); os+=("$(timed to_openssh "$work/batch-openssh")")
  done
  [ "$want" = "$(sha256sum < "$work/data/inbox/$source/big.zip" | cut -d' ' -f1)" ] || { echo "rostersync stored other bytes" >&2; exit 1; }
  [ "$want" = "$(sha256sum < "$work/openssh/big.zip" | cut -d' ' -f1)" ] || { echo "OpenSSH stored other bytes" >&2; exit 1; }
  r=${rs[0]}; o=${os[0]}
  for t in "${rs[@]}"; do r=$(best "$r" "$t"); done
  for t in "${os[@]}"; do o=$(best "$o" "$t"); done
  single+=("$(printf '%-44s %s\n' "cipher $choice: rostersync (s, best of $rounds)" "$r ($(echo "scale=1; $mb / $r" | bc) MiB/s; ${rs[*]})")")
  single+=("$(printf '%-44s %s\n' "cipher $choice: OpenSSH sftp-server" "$o ($(echo "scale=1; $mb / $o" | bc) MiB/s; ${os[*]})")")
  single+=("$(printf '%-44s %s\n' "cipher $choice: throughput rostersync / OpenSSH" "$(echo "scale=2; $o / $r" | bc)")")
done
cipher=()

# 50 vendors at once (one source, 50 connections from one address, 50 files: the limits are raised for it above)
for i in $(seq 1 50); do printf 'put %s/small/upload-%s.zip\n' "$work" "$i" > "$work/batch-$i"; done
for i in $(seq 1 50); do
  ( t=$(timed to_rostersync "$work/batch-$i"); echo "$t" > "$work/time-$i" ) &
done
wait_for_uploads() { for j in $(jobs -p); do [ "$j" = "$pid" ] || [ "$j" = "$sshd_pid" ] || wait "$j"; done; }
wait_for_uploads
ok=0
for i in $(seq 1 50); do
  [ "$(sha256sum < "$work/small/upload-$i.zip")" = "$(sha256sum < "$work/data/inbox/$source/upload-$i.zip" 2>/dev/null)" ] && ok=$((ok + 1))
done
times=$(cat "$work"/time-* | sort -n)
pct() { echo "$times" | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }

echo
echo "upload of $mb MiB, OpenSSH sftp client, loopback"
printf '%s\n' "${single[@]}"
printf '%-44s %s\n' "50 concurrent 20 MiB uploads: complete, sha256 ok" "$ok of 50"
printf '%-44s %s\n' "50 concurrent 20 MiB uploads: p50 / p95 (s)" "$(pct 50) / $(pct 95)"

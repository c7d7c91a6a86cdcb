#!/usr/bin/env bash
# The container image's base, made from this machine instead of pulled from a registry (the build must work offline,
# and Jib's only base that needs no registry is `scratch`): a Java runtime cut from the build's JDK by jlink, a shell
# (pg_ctl starts the embedded PostgreSQL through /bin/sh), the shared libraries both need and those of the embedded
# PostgreSQL binaries (found by ldd), ld.so's cache, and /etc/passwd naming the service's user (initdb refuses a user id
# without a name). Jib adds it as a layer under the application's (pom.xml, jib-maven-plugin's extraDirectories).
#
# usage: rootfs.sh ROOT JAVA_HOME POSTGRES_BINARIES_JAR
set -euo pipefail
root=$1
jdk=$2
postgres_jar=$3

rm -rf "$root"
mkdir -p "$root"/{bin,etc,tmp,data,opt}

# java.se and the JDK modules the service uses (EC keys for TLS and SSH, Unsafe for Netty, zip file systems for the
# deliveries, management for the pool); English locale data only
"$jdk/bin/jlink" --add-modules java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.zipfs,jdk.management,jdk.net,jdk.localedata \
  --include-locales=en --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

cp -L /bin/sh "$root/bin/sh"

postgres=$(mktemp -d)
trap 'rm -rf "$postgres"' EXIT
(cd "$postgres" && "$jdk/bin/jar" xf "$postgres_jar" && tar -xJf ./*.txz)

# every library an executable or library of ours loads from the system, copied to the same path in the image
# (PostgreSQL's own libraries beside its binaries, where its rpath finds them; Java's from the system alone)
libraries() {
  case "$1" in
    "$postgres"/*) LD_LIBRARY_PATH="$postgres/lib" ldd "$1" 2>/dev/null | grep -o '/[^ ]*' || true ;;
    *) ldd "$1" 2>/dev/null | grep -o '/[^ ]*' || true ;;
  esac
}
# (not the desktop's native libraries, which a headless service never loads: java.desktop is there for java.beans; nor
# PostgreSQL's procedural languages, which rostersync never creates)
{
  find "$root/opt/java" "$root/bin" "$postgres/bin" -type f \( -perm -u+x -o -name '*.so*' \) \
    ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' ! -name 'libfontmanager.so' \
    ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' ! -name 'libjawt.so' ! -name 'libawt.so' -print0
  find "$postgres/lib" -maxdepth 1 -name '*.so*' -type f -print0
} |
  while IFS= read -r -d '' file; do
    libraries "$file"
  done | sort -u | while read -r library; do
    case "$library" in
      "$root"/*|"$postgres"/*) ;;
      *)
        mkdir -p "$root$(dirname "$library")"
        cp -L "$library" "$root$library"
        ;;
    esac
  done

# the loader looks in the multiarch folders through its cache, as on the machine the libraries came from
for dir in "$root"/lib/*-linux-gnu "$root"/usr/lib/*-linux-gnu; do
  [ -d "$dir" ] && echo "${dir#"$root"}" >> "$root/etc/ld.so.conf"
done
ldconfig -r "$root"

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/false
rostersync:x:10001:10001:rostersync:/data:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
rostersync:x:10001:
GROUP

#!/usr/bin/env bash
# Builds the project's Dockerfile on a machine that reaches no image registry, only a Debian mirror:
#  1. a minimal Debian root made by debootstrap from the mirror apt already uses, imported as an image;
#  2. on it, a JDK + Maven image and a JRE image (Debian packages), standing in for the public
#     maven:3.9-eclipse-temurin-17 and eclipse-temurin:17-jre;
#  3. the root Dockerfile, unchanged, with its BUILD_IMAGE and RUNTIME_IMAGE arguments pointed at them.
# Steps 1 and 2 are skipped when their images exist. Prints the image tag last (default mantle-mock:local;
# MANTLE_MOCK_IMAGE names another). Needs root (debootstrap) and a running Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${MANTLE_MOCK_IMAGE:-mantle-mock:local}
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
# The mirror apt uses: the first http(s) URI of a deb source (deb822 or one-line format).
mirror=${DEBIAN_MIRROR:-$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
  | grep -oE 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)}
mirror=${mirror:-http://deb.debian.org/debian}
base=mantle-mock-local/debian:$suite
started=$(date +%s)

if ! docker image inspect "$base" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { echo "build-local: debootstrap is missing (apt-get install -y debootstrap)" >&2; exit 1; }
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  echo "build-local: debootstrap $suite from $mirror" >&2
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >/tmp/mantle-mock-debootstrap.log 2>&1 \
    || { tail -20 /tmp/mantle-mock-debootstrap.log >&2; exit 1; }
  # The security and updates suites as well, so the JRE is the patched one.
  printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s-security %s-security main\n' \
    "$mirror" "$suite" "$mirror" "$suite" "${mirror%/debian*}/debian" "$suite" > "$root/etc/apt/sources.list"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import - "$base" >/dev/null
fi
for role in build runtime; do
  image=mantle-mock-local/$role:17
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    context=$(mktemp -d)
    mkdir "$context/extra-ca"
    cp /usr/local/share/ca-certificates/*.crt "$context/extra-ca/" 2>/dev/null || true
    docker build -q -t "$image" --build-arg BASE="$base" -f docker/local/$role.Dockerfile "$context" >/dev/null
    rm -rf "$context"
  fi
done
docker build -t "$tag" --build-arg BUILD_IMAGE=mantle-mock-local/build:17 \
  --build-arg RUNTIME_IMAGE=mantle-mock-local/runtime:17 . >&2
echo "build-local: $tag built in $(( $(date +%s) - started )) s" >&2
echo "$tag"

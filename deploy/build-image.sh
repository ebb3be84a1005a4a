#!/usr/bin/env bash
# Builds the RaftTower node image without pulling anything from a registry: publishes rafttower-node and the
# rafttower CLI self-contained for linux-x64, copies them with the shared libraries they load (as ldd lists them)
# into a build context, and builds a FROM-scratch image from it.
#
#   deploy/build-image.sh [TAG]            (default TAG: rafttower-node:local)
#
# The image runs `rafttower-node` as its entrypoint with /data as the data directory; `rafttower` (the CLI) is at
# /usr/local/bin/rafttower inside it. Users whose Docker can pull base images may use deploy/Dockerfile instead.
set -euo pipefail
cd "$(dirname "$0")/.."

tag=${1:-rafttower-node:local}
command -v docker >/dev/null || { echo "build-image: docker is not on PATH (deploy/ensure-dockerd.sh installs and starts it)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-image: the Docker engine does not answer (run deploy/ensure-dockerd.sh)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rafttower-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

publish() { # project output-dir
  dotnet publish "$1" -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
    -p:InvariantGlobalization=true -p:DebugType=none -o "$2" -v quiet -nologo
}
echo "build-image: publishing rafttower-node and rafttower (self-contained, linux-x64)"
publish src/Node "$work/node"
publish src/Cli "$work/cli"

context="$work/context"
mkdir -p "$context/usr/local/bin" "$context/opt/rafttower" "$context/data" "$context/tmp"
cp -a "$work/node/." "$context/opt/rafttower/"
cp -a "$work/cli/rafttower" "$context/usr/local/bin/rafttower"
ln -s /opt/rafttower/rafttower-node "$context/usr/local/bin/rafttower-node"

# The shared libraries the binaries and their native companions load, at the same paths as on this machine.
for binary in "$context/opt/rafttower/rafttower-node" "$context/usr/local/bin/rafttower" "$context"/opt/rafttower/*.so; do
  [ -e "$binary" ] || continue
  ldd "$binary" 2>/dev/null | awk '/=> \// { print $3 } /^\s*\/lib/ { print $1 }'
done | sort -u | while read -r library; do
  mkdir -p "$context$(dirname "$library")"
  cp -L "$library" "$context$library"
done
# The loader is looked up at its canonical path; keep both spellings Debian uses.
for loader in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2; do
  if [ -e "$loader" ]; then mkdir -p "$context$(dirname "$loader")"; cp -L "$loader" "$context$loader"; fi
done

cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY . /
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_gcServer=0 \
    TMPDIR=/tmp \
    RAFTTOWER__DataDir=/data
VOLUME /data
EXPOSE 7101 7201 7301
ENTRYPOINT ["/opt/rafttower/rafttower-node"]
DOCKERFILE

echo "build-image: docker build -t $tag"
docker build -q -t "$tag" "$context" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$tag")
echo "build-image: built $tag ($((size / 1024 / 1024)) MiB) in $(( $(date +%s) - started )) s"

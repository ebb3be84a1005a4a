#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: installs Debian's docker.io when dockerd is missing
# (root only), starts dockerd in the background when it is not running, and waits until `docker info` answers.
# Idempotent; prints what it did. The engine's log goes to ${DOCKERD_LOG:-/var/log/rafttower-dockerd.log}.
set -euo pipefail

log=${DOCKERD_LOG:-/var/log/rafttower-dockerd.log}

if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-dockerd: dockerd is not installed and this is not root; install docker.io (Debian) first" >&2
    exit 1
  fi
  echo "ensure-dockerd: installing docker.io and iptables"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io iptables >/dev/null
fi

if docker info >/dev/null 2>&1; then
  echo "ensure-dockerd: the Docker engine is running"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-dockerd: the Docker engine is not running and this is not root to start it" >&2
  exit 1
fi

echo "ensure-dockerd: starting dockerd (log: $log)"
nohup dockerd >"$log" 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "ensure-dockerd: the Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done
echo "ensure-dockerd: dockerd did not answer within 60 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
exit 1

#!/bin/sh
# Runs on the serving host (infra/compose-deploy.sh copies it there): starts the Compose project
# with the new image while replacing the model replicas one at a time. `docker compose up` alone
# recreates every replica at once, and the router answers 502 until a model has loaded; here a new
# replica starts next to the old ones, and an old one stops only once the new one is healthy. A
# new replica that never gets healthy is removed and the old ones keep serving.
# Usage: sh compose-roll.sh PROJECT   (in the folder holding compose.yaml and its .env)
# Exit codes: 0 every replica replaced and healthy; 1 a new replica never got healthy (removed;
#   the old ones keep serving); 2 no PROJECT given.
set -eu
project="$1"
dc() { docker compose -p "$project" "$@"; }

old="$(dc ps -q model)"
if [ -z "$old" ]; then
  # The first start: nothing is serving yet.
  exec docker compose -p "$project" up -d --no-build --wait
fi
count="$(printf '%s\n' "$old" | wc -l)"
for id in $old; do
  running="$(dc ps -q model)"
  dc up -d --no-deps --no-build --no-recreate --scale "model=$((count + 1))" model
  new="$(dc ps -q model | grep -vxF "$running" || true)"
  if [ -z "$new" ]; then
    echo "no new model replica started" >&2
    exit 1
  fi
  healthy=""
  for _ in $(seq 1 60); do
    status="$(docker inspect --format '{{.State.Health.Status}}' "$new")"
    if [ "$status" = healthy ]; then healthy=1; break; fi
    if [ "$status" = unhealthy ]; then break; fi
    sleep 5
  done
  if [ -z "$healthy" ]; then
    echo "the new model replica ${new} did not get healthy: removed; the old replicas keep serving" >&2
    docker rm -f "$new" >/dev/null
    exit 1
  fi
  docker stop "$id" >/dev/null
  docker rm "$id" >/dev/null
done
# The router and monitoring, updated without touching the model replicas again.
# shellcheck disable=SC2046 # one word per service name
dc up -d --no-build --no-deps --wait $(dc config --services | grep -vx model)

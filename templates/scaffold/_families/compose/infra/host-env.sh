#!/bin/sh
# Runs on the serving host (infra/compose-deploy.sh copies it there with host.env.example): makes
# sure the host's env file exists and has every REQUIRED value before Compose reads it. On the
# first deploy it installs the example (mode 600, secrets empty) and stops, naming what to fill in.
# Usage: sh host-env.sh ENV_FILE EXAMPLE
# Exit codes: 0 ENV_FILE has every REQUIRED value; 3 a REQUIRED value is empty (named on stderr;
#   on the first deploy ENV_FILE was just created); other non-zero: a missing argument or file.
set -eu
env_file="$1"
example="$2"
if [ ! -f "$env_file" ]; then
  mkdir -p "$(dirname "$env_file")"
  install -m 600 "$example" "$env_file"
  echo "created ${env_file} from host.env.example" >&2
fi
missing=""
required="$(awk '/^# REQUIRED/ { getline; sub(/=.*/, ""); print }' "$example")"
while read -r name; do
  if [ -z "$name" ]; then continue; fi
  value="$(sed -n "s/^${name}=//p" "$env_file" | tail -n 1)"
  if [ -z "$value" ]; then missing="${missing} ${name}"; fi
done <<EOF_REQUIRED
${required}
EOF_REQUIRED
# ALERT_RECEIVER picks monitoring/alertmanager/<receiver>.yml: only those receivers exist.
receiver="$(sed -n 's/^ALERT_RECEIVER=//p' "$env_file" | tail -n 1)"
case "$receiver" in
  "" | slack | teams | pagerduty | opsgenie | webhook) ;;
  *)
    echo "ALERT_RECEIVER in ${env_file} must be slack, teams, pagerduty, opsgenie or webhook, not ${receiver}" >&2
    exit 3
    ;;
esac
if [ -n "$missing" ]; then
  echo "set${missing} in ${env_file} on $(hostname), then deploy again" >&2
  exit 3
fi

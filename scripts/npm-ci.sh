#!/usr/bin/env bash
# npm ci that survives a dropped connection to the registry: a CI run once
# failed on one ECONNRESET halfway through an install that had nothing wrong
# with it. npm's own fetch retries are raised, and the whole install is tried
# up to three times (npm ci starts from an empty node_modules each time, so a
# half-finished attempt leaves nothing behind). Extra arguments go to npm ci.
set -uo pipefail

export npm_config_fetch_retries="${npm_config_fetch_retries:-5}"
export npm_config_fetch_retry_mintimeout="${npm_config_fetch_retry_mintimeout:-10000}"
export npm_config_fetch_retry_maxtimeout="${npm_config_fetch_retry_maxtimeout:-90000}"

for attempt in 1 2 3; do
  npm ci --no-audit --no-fund "$@" && exit 0
  status=$?
  if [ "$attempt" -lt 3 ]; then
    echo "npm ci failed (exit $status, attempt $attempt of 3); trying again in $((attempt * 20)) s" >&2
    sleep $((attempt * 20))
  fi
done
echo "npm ci failed three times; see the npm log above" >&2
exit "$status"

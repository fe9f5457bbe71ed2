#!/usr/bin/env bash
# A clean install as on a bare machine (.ci/run runs this): npm ci in a fresh
# clone of HEAD with libsecret out of reach (PKG_CONFIG_LIBDIR points at an
# empty folder, so keytar's native build cannot find it), then the README's
# quick start, npm run plan. office-addin-debugging, the optional dependency
# that needs keytar, may be left out; then npm start must say so in one line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty-pkgconfig"

git clone --quiet --no-hardlinks "$root" "$work/clone"
cd "$work/clone"
# --prefer-offline: the tarballs are already in npm's cache from the first
# install, so this one needs the registry only for what is missing.
PKG_CONFIG_LIBDIR="$work/empty-pkgconfig" bash "$root/scripts/npm-ci.sh" --prefer-offline
npm run plan
test -s coverage-plan.xlsx

if [ -f node_modules/office-addin-debugging/cli.js ]; then
  echo "check-clean-install: office-addin-debugging installed (keytar's prebuilt binary was downloaded)"
else
  set +e
  message="$(npm start --silent 2>&1)"
  status=$?
  set -e
  echo "npm start: $message"
  if [ "$status" -eq 0 ] || [ "$(printf '%s\n' "$message" | wc -l)" -ne 1 ] ||
    ! printf '%s' "$message" | grep -q "libsecret"; then
    echo "check-clean-install: without office-addin-debugging, npm start must fail with one line naming libsecret (exit $status)" >&2
    exit 1
  fi
fi
echo "check-clean-install: npm ci and npm run plan succeed without libsecret"

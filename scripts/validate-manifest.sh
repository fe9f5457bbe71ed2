#!/usr/bin/env bash
# Offline validation of the add-in manifest (npm run validate).
#
#   scripts/validate-manifest.sh [MANIFEST]     default: manifest.xml at the repo root
#
# 1. xmllint: the file is well-formed XML.
# 2. xmllint: it matches Microsoft's XSD in ../shared/schemas/office-manifest,
#    with the <Runtimes> block taken out first (the 2019 schema predates it; see
#    that folder's README). Line numbers in messages are those of MANIFEST.
# 3. node scripts/manifest-checks.js check: the <Runtimes> block itself, that
#    every resid is defined, and that the icons exist at their stated sizes.
# Exits 0 when all pass, 1 when the manifest is invalid, 2 when a tool or the
# schema is missing. SHARED_DIR overrides the location of shared/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="${1:-$root/manifest.xml}"
shared="${SHARED_DIR:-$root/../shared}"
schema="$shared/schemas/office-manifest/OfficeAppManifestV1_1.xsd"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "validate-manifest: xmllint not found; install it with: apt-get install -y libxml2-utils" >&2
  exit 2
fi
if [ ! -f "$schema" ]; then
  echo "validate-manifest: schema not found at $schema (shared/ must be checked out beside the repo, or set SHARED_DIR)" >&2
  exit 2
fi
if [ ! -f "$manifest" ]; then
  echo "validate-manifest: no manifest at $manifest" >&2
  exit 2
fi

if ! xmllint --noout "$manifest"; then
  echo "validate-manifest: $manifest is not well-formed XML" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
stripped="$tmp/$(basename "$manifest")"
node "$root/scripts/manifest-checks.js" strip "$manifest" >"$stripped"

set +e
xmllint --noout --schema "$schema" "$stripped" 2>"$tmp/xmllint.log"
status=$?
set -e
sed "s|$stripped|$manifest|g" "$tmp/xmllint.log" >&2
if [ "$status" -ne 0 ]; then
  echo "validate-manifest: $manifest does not match the manifest schema (xmllint exit $status)" >&2
  exit 1
fi

node "$root/scripts/manifest-checks.js" check "$manifest"

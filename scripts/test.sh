#!/usr/bin/env bash
# Set up everything and run every test, Neo4j and the browser included.
# Needs: python3 (>=3.11), Java >= 17 and Maven (for Neo4j), and as root it
# installs Debian's chromium + chromium-driver for the page tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -q && apt-get install -y -q chromium chromium-driver) >/tmp/unionkg-apt.log 2>&1 \
      || echo "warning: could not install chromium (see /tmp/unionkg-apt.log)" >&2
  fi
fi
# A private Neo4j for the tests, unless NEO4J_URI points at one already.
if [ -z "${NEO4J_URI:-}" ]; then
  data=$(mktemp -d /tmp/unionkg-neo4j-XXXXXX)
  port=${UNIONKG_TEST_NEO4J_PORT:-7697}
  trap '.venv/bin/unionkg neo4j stop --data "$data" >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
  # with a password, so that the wrong-password tests run too (start reads NEO4J_PASSWORD)
  export NEO4J_PASSWORD="${NEO4J_PASSWORD:-unionkg-test-pw}"
  if .venv/bin/unionkg neo4j start --port "$port" --data "$data"; then
    export NEO4J_URI="bolt://127.0.0.1:$port"
  else
    echo "warning: Neo4j did not start; Neo4j tests will fail under CI=true, skip otherwise" >&2
  fi
fi
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

#!/usr/bin/env bash
# The main job on the embedded default store: ingest the bundled example
# articles, print a query, write a network page. No server needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export UNIONKG_STORE=${UNIONKG_STORE:-out/demo.db}
mkdir -p out
.venv/bin/unionkg ingest examples/
.venv/bin/unionkg stats
.venv/bin/unionkg query officials --param org=KSPSI
.venv/bin/unionkg viz --out out/network.html
echo "network page: out/network.html"

#!/usr/bin/env bash
# Create ./.venv with the pinned dependencies and unionkg installed (editable).
# Idempotent: a second run only checks. Used by demo.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.unionkg-installed
want=$(cat requirements-lock.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install -q --upgrade pip setuptools wheel
  .venv/bin/pip install -q -r requirements-lock.txt
  .venv/bin/pip install -q --no-deps -e .
  echo "$want" > "$stamp"
fi

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
  echo "setting up .venv (pinned dependencies; log in .venv/install.log)" >&2
  {
    .venv/bin/pip install --upgrade pip setuptools wheel
    .venv/bin/pip install -r requirements-lock.txt
    .venv/bin/pip install --no-deps -e .
  } > .venv/install.log 2>&1 || { tail -20 .venv/install.log >&2; echo "setup failed (see .venv/install.log)" >&2; exit 1; }
  echo "$want" > "$stamp"
fi

#!/usr/bin/env bash
# `npm test`: every test, failing fast — browser check, type check, unit/property tests, then the
# Playwright end-to-end tests against `next build` and scripts/serve.mjs on a fresh temporary database.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Chromium for the end-to-end tests"
bash scripts/ensure-chromium.sh

step "Type check: tsc --noEmit"
npx tsc --noEmit

step "Unit and property tests: vitest run"
npx vitest run

step "End-to-end tests: playwright test"
npx playwright test

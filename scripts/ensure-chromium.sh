#!/usr/bin/env bash
# Make sure a Chromium exists for Playwright: $CHROMIUM_PATH when set, else /usr/bin/chromium, which is
# installed from Debian's chromium package with apt-get when missing (needs root, or password-less sudo).
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ -x "${CHROMIUM_PATH}" ]]; then
    echo "ensure-chromium: using CHROMIUM_PATH=${CHROMIUM_PATH}"
    exit 0
  fi
  # playwright.config.ts launches $CHROMIUM_PATH when it is set, so a wrong one cannot be papered over.
  echo "ensure-chromium: CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable file: fix it, or unset it to use /usr/bin/chromium" >&2
  exit 1
fi
if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: using /usr/bin/chromium"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no chromium at /usr/bin/chromium and no apt-get to install it." >&2
  echo "ensure-chromium: install Chromium and set CHROMIUM_PATH to its executable, then run npm test again." >&2
  exit 1
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "ensure-chromium: installing chromium needs root: run 'apt-get update && apt-get install -y chromium' as root," >&2
    echo "ensure-chromium: or set CHROMIUM_PATH to an installed Chromium, then run npm test again." >&2
    exit 1
  fi
fi

echo "ensure-chromium: /usr/bin/chromium is missing; running: apt-get update && apt-get install -y chromium"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y chromium
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"

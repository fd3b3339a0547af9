#!/usr/bin/env bash
# Make Debian's headless Chromium available for the browser test (tests/test_browser.py).
# Idempotent: does nothing when /usr/bin/chromium exists. Playwright's own browser
# download is not used: only Debian's package registry is reachable from CI.
set -euo pipefail

CHROMIUM="${FACTCHECK_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    echo "install-browser: $CHROMIUM is present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: $CHROMIUM is missing and this is not root; run 'sudo apt-get install -y chromium' (Debian) and retry" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $CHROMIUM is missing and apt-get is not available; install Chromium and set FACTCHECK_CHROMIUM to its path" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"

#!/usr/bin/env bash
# The browser test drives Debian's chromium package at /usr/bin/chromium; install it only when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
apt-get update
apt-get install -y chromium

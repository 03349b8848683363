#!/usr/bin/env bash
# The call screenshots (docs/make_call_screenshots.py) in a real window: a private Xvfb with
# the openbox window manager, as a desktop would frame the panel. Needs xvfb, openbox and
# imagemagick (apt-get install xvfb openbox imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
display=":$((90 + RANDOM % 60))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $openbox $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" openbox >/dev/null 2>&1 &
openbox=$!
sleep 1
DISPLAY="$display" QT_QPA_PLATFORM=xcb uv run python docs/make_call_screenshots.py

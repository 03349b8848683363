#!/usr/bin/env bash
# Retrain the shipped move model in one go: the rules' verdicts (the app's own
# environment), a fit with a fifth held out to pick the thresholds and check the figures,
# then the fit on everything, exported into models/moves_encoder/. About 25 minutes on
# two cores. TORCH_VENV (default /tmp/torch) is created from requirements.txt if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TORCH_VENV:-/tmp/torch}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r training/requirements.txt
fi
export HF_HUB_OFFLINE=1
uv run python -m training.train_move_encoder features
held_out="training/build/held_out"
"$venv/bin/python" -m training.train_move_encoder fit --holdout 0.2 --output "$held_out"
echo "held-out figures and thresholds: $held_out/held_out.json"
cp "$held_out/held_out.json" models/moves_encoder/held_out.json  # the full fit's thresholds
"$venv/bin/python" -m training.train_move_encoder fit
uv run python -m copilot.cli evaluate --only dev blind

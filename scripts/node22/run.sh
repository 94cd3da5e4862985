#!/usr/bin/env bash
# Runs a command with Node 22 first on PATH, so the command and every `node` it spawns (vitest's
# workers, tsx, child scripts) run on Node 22:
#
#   scripts/node22/run.sh node --version
#   scripts/node22/run.sh node node_modules/vitest/vitest.mjs run --project sdk
#
# Installs Node 22 first if the cache does not have it (scripts/node22/install.sh).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "${here}/paths.sh"
bash "${here}/install.sh" >&2
export PATH="${NODE22_BIN_DIR}:${PATH}"
got=$(node --version)
if [[ "$got" != "v${NODE22_VERSION}" ]]; then
  echo "node22: 'node' on PATH is ${got}, expected v${NODE22_VERSION}" >&2
  exit 1
fi
exec "$@"

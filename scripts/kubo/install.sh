#!/usr/bin/env bash
# Installs the pinned Kubo (the reference IPFS node) used by the Kubo integration tests and bench:
#
#   scripts/kubo/install.sh            # builds once, then a no-op while the cached binary is right
#
# The binary goes to "$MEDCHAIN_KUBO_CACHE/bin/ipfs" (default ~/.cache/medchain-kubo/bin/ipfs), the
# path packages/test/src/kubo.ts looks in (MEDCHAIN_KUBO_BIN overrides it there). If a binary of the
# pinned version is already there, nothing is built. Otherwise Kubo is built from source fetched
# through the Go module proxy (Go >= 1.25 needed; ~4 min on 2 cores, plus downloads on a cold Go
# module cache). Release binaries (dist.ipfs.tech, GitHub) and the npm `kubo` package (which
# downloads one at install) are not reachable from CI, so the proxy is the only source we have.
#
# Why v0.42.0 and not the newer v0.43.1:
# - v0.43.1's go.mod has `replace github.com/libp2p/go-libp2p => github.com/lidel/go-libp2p
#   v0.0.0-...`, a fork the Go module proxy refuses (403), and upstream go-libp2p v0.49.0 does not
#   compile against it (webtransport.Dialer). So v0.43.1 cannot be built from the proxy at all.
# - `go install github.com/ipfs/kubo/cmd/ipfs@v0.42.0` refuses too ("go.mod contains exclude
#   directives": `go install pkg@version` forbids replace/exclude). Building inside a copy of the
#   module (the main module, where exclude is honoured) works, which is what this script does.
# v0.42.0 knows `--max-file-links` (>= 0.35), so it produces the SDK's CIDs (cidProfile) exactly.
set -euo pipefail

KUBO_VERSION=0.42.0
CACHE="${MEDCHAIN_KUBO_CACHE:-${HOME}/.cache/medchain-kubo}"
BIN="${CACHE}/bin/ipfs"
start=$(date +%s)

elapsed() { echo $(($(date +%s) - start)); }

installed_version() { "$1" version --number 2>/dev/null || true; }

if [[ -x "$BIN" && "$(installed_version "$BIN")" == "$KUBO_VERSION" ]]; then
  echo "kubo: ${KUBO_VERSION} already installed at ${BIN} (checked in $(elapsed) s)"
  exit 0
fi

command -v go >/dev/null || { echo "kubo: 'go' is not on PATH (Go >= 1.25 is needed to build Kubo)" >&2; exit 1; }
mkdir -p "${CACHE}/bin"

# One build at a time per cache folder (parallel CI steps, two terminals).
exec 9>"${CACHE}/.install.lock"
if command -v flock >/dev/null; then flock 9; fi
if [[ -x "$BIN" && "$(installed_version "$BIN")" == "$KUBO_VERSION" ]]; then
  echo "kubo: ${KUBO_VERSION} installed at ${BIN} by another run (waited $(elapsed) s)"
  exit 0
fi

echo "kubo: building ${KUBO_VERSION} from the Go module proxy into ${BIN} (this takes minutes)"
work=$(mktemp -d "${TMPDIR:-/tmp}/medchain-kubo-build.XXXXXX")
partial="${BIN}.partial.$$" # same folder as $BIN, so the final mv is an atomic rename
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work" "$partial"' EXIT

# Download the module (checksum-verified against go.sum / the checksum database) and find its
# folder in the module cache. Run from the empty work folder so no surrounding go.mod interferes.
dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/ipfs/kubo@v${KUBO_VERSION}" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [[ -z "$dir" || ! -d "$dir" ]]; then
  echo "kubo: 'go mod download github.com/ipfs/kubo@v${KUBO_VERSION}' gave no module folder" >&2
  exit 1
fi

# The module cache is read-only; build in a writable copy, where Kubo is the main module and its
# own replace/exclude directives apply.
cp -r "$dir" "$work/kubo"
chmod -R u+w "$work/kubo"
(
  cd "$work/kubo"
  GOFLAGS="-mod=mod -buildvcs=false" nice -n 5 go build -trimpath -o "$partial" ./cmd/ipfs
)

got=$(installed_version "$partial")
if [[ "$got" != "$KUBO_VERSION" ]]; then
  echo "kubo: the built binary reports version '${got}', expected ${KUBO_VERSION}" >&2
  exit 1
fi
mv -f "$partial" "$BIN"
echo "kubo: built ${KUBO_VERSION} into ${BIN} in $(elapsed) s"

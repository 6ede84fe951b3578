#!/bin/sh
# The README's first step on a machine that has only Node and npm: Node 24 when the Node found is older than 22
# (Node 20 is past its end of life), then pnpm 10. The npm package `node` ships the official Node binaries.
set -eu
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
  echo "Node $(node --version 2>/dev/null || echo none) is older than 22: installing Node 24 from the npm registry"
  npm install -g --force node@24
  hash -r 2>/dev/null || true
fi
if ! command -v pnpm >/dev/null 2>&1; then
  # After `npm install -g node@24`, npm's global prefix follows the new binary into its package folder, which is
  # not on PATH: install pnpm beside the `node` found on PATH instead.
  npm install -g --prefix "$(dirname "$(dirname "$(command -v node)")")" pnpm@10
  hash -r 2>/dev/null || true
fi
echo "node $(node --version), pnpm $(pnpm --version)"

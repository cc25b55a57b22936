#!/usr/bin/env sh
# The runtime's dependencies exactly as the Dockerfile installs them: from the lockfile, without dev
# dependencies, with better-sqlite3 compiled for this Node. CI runs this same script, since no container
# engine runs there. Usage: install-production.sh [DIR] (default: the current folder).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
dest=${1:-.}
mkdir -p "$dest"
if [ "$(cd "$dest" && pwd)" != "$here" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$dest/"
fi
cd "$dest"
npm ci --omit=dev --no-audit --no-fund
# Fail here, not at the first reminder, when the native module did not build.
node -e "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get();"
echo "production dependencies installed in $(pwd)/node_modules"

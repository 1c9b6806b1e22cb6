#!/usr/bin/env bash
# Runs the end-to-end tests: the tests in files built only with the e2e tag
# (child processes killed mid-sweep, a Kubernetes job's pods, a headless
# Chromium). "go test ./..." leaves them out, to keep the plain suite fast;
# here every one of them runs, by name, in its package.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(grep -rl --include='*_test.go' '^//go:build e2e$' . | sort)
if [ -z "$files" ]; then
  echo "no e2e tests found" >&2; exit 1
fi
for dir in $(for f in $files; do dirname "$f"; done | sort -u); do
  names=$(grep -h '^func Test[A-Za-z0-9_]*(t \*testing.T)' $(grep -l '^//go:build e2e$' "$dir"/*_test.go) | sed 's/^func \(Test[A-Za-z0-9_]*\).*/\1/' | paste -sd'|')
  echo "-- $dir: $names"
  go test -count=1 -tags e2e -run "^($names)\$" "$dir"
done

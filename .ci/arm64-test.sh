#!/usr/bin/env bash
# The same bytes on arm64 as on amd64: builds mutualsim for both, runs a run,
# a batch, a comparison and a small sweep with each (the arm64 build under
# Debian's qemu-aarch64-static, as on an Apple-silicon laptop), and compares
# every file byte for byte. The manifests are compared without the times
# they record (started, finished). Reports are not written (--no-report):
# charts are drawn by gonum/plot, which may differ in coordinates' last
# digits across architectures (README, Reproducibility).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
need=()
command -v qemu-aarch64-static >/dev/null 2>&1 || need+=(qemu-user-static)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 GOARCH=amd64 go build -o "$tmp/amd64" ./cmd/mutualsim
CGO_ENABLED=0 GOARCH=arm64 go build -o "$tmp/arm64" ./cmd/mutualsim
cat >"$tmp/design.yaml" <<'YAML'
name: arm64
base: right-to-provide
method: lhs
points: 8
replications: 2
scale: small
years: 10
levers:
  pension.db_premium: [0, 0.3]
  support.startup_grant: [0, 1]
outcomes: [staff_in_mutuals, hhi_regional]
outcome_years: [2019]
YAML
for arch in amd64 arm64; do
  run=("$tmp/$arch")
  if [ "$arch" = arm64 ]; then run=(qemu-aarch64-static "$tmp/arm64"); fi
  out="$tmp/out-$arch"
  echo "== [${SECONDS}s] $arch"
  "${run[@]}" run -s open-market-bundled --reps 3 --no-report -q --out "$out/run"
  "${run[@]}" batch baseline right-to-provide pension-open-access --reps 2 --no-report -q --out "$out/batch"
  "${run[@]}" compare pension-open-access --reps 3 --no-report -q --out "$out/compare"
  "${run[@]}" sweep "$tmp/design.yaml" --no-report -q --out "$out/sweep"
done
n=0
while IFS= read -r -d '' a; do
  rel=${a#"$tmp/out-amd64/"}
  b="$tmp/out-arm64/$rel"
  [ -f "$b" ] || { echo "arm64 lacks $rel"; exit 1; }
  case "$rel" in
  *manifest.json)
    cmp <(jq -S 'del(.. | .started?, .finished?)' "$a") <(jq -S 'del(.. | .started?, .finished?)' "$b") >/dev/null ||
      { echo "$rel differs:"; diff <(jq -S . "$a") <(jq -S . "$b") | head -20; exit 1; } ;;
  *journal.log)
    cmp <(sort "$a") <(sort "$b") >/dev/null || { echo "$rel differs"; exit 1; } ;;
  *)
    cmp "$a" "$b" || { diff "$a" "$b" | head -10; exit 1; } ;;
  esac
  n=$((n + 1))
done < <(find "$tmp/out-amd64" -type f ! -name '.lock' -print0)
[ "$n" -gt 20 ] || { echo "only $n files compared"; exit 1; }
echo "arm64 test passed in ${SECONDS} s: $n files identical on amd64 and arm64"

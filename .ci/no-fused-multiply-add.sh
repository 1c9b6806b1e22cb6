#!/usr/bin/env bash
# Fails if the arm64 build of mutualsim fuses any multiply-add of its own
# code into one instruction (FMADD, FMSUB, FNMADD, FNMSUB).
#
# Go may compute x*y + z with one rounding instead of two on arm64 (and
# other architectures with a fused multiply-add), but not on amd64, so the
# same code gives other last bits there. An explicit conversion,
# float64(x*y) + z, rounds the product and stops the fusion. This check
# finds every fused instruction in the program's own packages, with the
# file and line the compiler gives it, so a new one is caught here rather
# than as a different byte on someone's laptop. The charts package is left
# out: it draws through gonum/plot, whose own code fuses, so charts are not
# byte-identical across architectures whatever it does.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOARCH=arm64 CGO_ENABLED=0 go build -o "$tmp/mutualsim-arm64" ./cmd/mutualsim
go tool objdump "$tmp/mutualsim-arm64" >"$tmp/dis"
# internal/fmath whole, with what the program does not call yet.
GOARCH=arm64 CGO_ENABLED=0 go test -c -o "$tmp/fmath-arm64.test" ./internal/fmath
go tool objdump -s '^mutualsim/internal/fmath\.' "$tmp/fmath-arm64.test" >>"$tmp/dis"
awk '/^TEXT/ { fn = $2 }
     /[[:space:]](FMADDD|FMSUBD|FNMADDD|FNMSUBD|FMADDS|FMSUBS|FNMADDS|FNMSUBS)[[:space:]]/ { print fn, $1 }' "$tmp/dis" |
  grep -E '^(mutualsim/|main\.)' | grep -v '^mutualsim/charts\.' | grep -v '_test\.go:' | sort -u >"$tmp/fused" || true
if [ -s "$tmp/fused" ]; then
  echo "fused multiply-adds in mutualsim's arm64 build (function, file:line); round the product with float64(...):"
  cat "$tmp/fused"
  exit 1
fi
echo "no fused multiply-add in mutualsim's own packages of the arm64 build"

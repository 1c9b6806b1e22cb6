package fmath

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

var update = flag.Bool("update", false, "rewrite testdata/bits.golden")

// ulps returns how many representable numbers lie between a and b.
func ulps(a, b float64) float64 {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.Signbit(a) != math.Signbit(b) {
		return math.Inf(1)
	}
	d := int64(math.Float64bits(math.Abs(a))) - int64(math.Float64bits(math.Abs(b)))
	return math.Abs(float64(d))
}

// function is one function under test with the math package's version,
// the inputs to draw and how far from math it may be.
type function struct {
	name    string
	f, ref  func(float64) float64
	draw    func(r *rand.Rand) float64
	maxUlps float64 // in units in the last place of the reference
	maxAbs  float64 // or an absolute error, where the result may be near zero
}

func functions() []function {
	uniform := func(lo, hi float64) func(*rand.Rand) float64 {
		return func(r *rand.Rand) float64 { return lo + (hi-lo)*r.Float64() }
	}
	logUniform := func(lo, hi float64) func(*rand.Rand) float64 {
		return func(r *rand.Rand) float64 { return math.Exp(math.Log(lo) + (math.Log(hi)-math.Log(lo))*r.Float64()) }
	}
	lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	return []function{
		{name: "Exp", f: Exp, ref: math.Exp, draw: uniform(-745, 709), maxUlps: 2},
		{name: "Exp/small", f: Exp, ref: math.Exp, draw: uniform(-1, 1), maxUlps: 2},
		{name: "Exp2", f: Exp2, ref: math.Exp2, draw: uniform(-1074, 1023.9), maxUlps: 2},
		{name: "Log", f: Log, ref: math.Log, draw: logUniform(1e-300, 1e300), maxUlps: 2},
		{name: "Log/near1", f: Log, ref: math.Log, draw: uniform(0.5, 2), maxUlps: 2, maxAbs: 0x1p-53},
		{name: "Log1p", f: Log1p, ref: math.Log1p, draw: uniform(-0.999, 10), maxUlps: 4},
		{name: "Log1p/tiny", f: Log1p, ref: math.Log1p, draw: uniform(-1e-6, 1e-6), maxUlps: 4},
		{name: "Pow/root", f: func(x float64) float64 { return Pow(x, 0.37) }, ref: func(x float64) float64 { return math.Pow(x, 0.37) }, draw: uniform(0, 100), maxUlps: 4},
		{name: "Pow/whole", f: func(x float64) float64 { return Pow(x, 7) }, ref: func(x float64) float64 { return math.Pow(x, 7) }, draw: uniform(-3, 3), maxUlps: 4},
		{name: "Pow/large", f: func(x float64) float64 { return Pow(x, 150.5) }, ref: func(x float64) float64 { return math.Pow(x, 150.5) }, draw: uniform(0, 100), maxUlps: 2000},
		{name: "Hypot", f: func(x float64) float64 { return Hypot(x, 1.3) }, ref: func(x float64) float64 { return math.Hypot(x, 1.3) }, draw: uniform(-10, 10), maxUlps: 2},
		{name: "Erfc", f: Erfc, ref: math.Erfc, draw: uniform(-6, 27), maxUlps: 128},
		{name: "Erfc/centre", f: Erfc, ref: math.Erfc, draw: uniform(-1, 1), maxUlps: 32},
		{name: "NormalCDF/tail", f: NormalCDF, ref: func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }, draw: uniform(-38, -1), maxUlps: 128},
		{name: "NormalQuantile", f: NormalQuantile, ref: func(p float64) float64 { return -math.Sqrt2 * math.Erfcinv(2*p) }, draw: uniform(0, 1), maxUlps: 64, maxAbs: 1e-15},
		{name: "NormalQuantile/tail", f: NormalQuantile, ref: mathext.NormalQuantile, draw: logUniform(1e-300, 1e-3), maxUlps: 8},
		{name: "Lgamma", f: Lgamma, ref: lg, draw: logUniform(1e-10, 1e6), maxUlps: 8, maxAbs: 3e-14},
		{name: "Lgamma/whole", f: func(x float64) float64 { return Lgamma(math.Floor(x)) }, ref: func(x float64) float64 { return lg(math.Floor(x)) }, draw: uniform(1, 1e4), maxUlps: 8, maxAbs: 3e-14},
		{name: "Cos", f: Cos, ref: math.Cos, draw: uniform(-10, 10), maxUlps: 2, maxAbs: 0x1p-53},
		{name: "Sin", f: Sin, ref: math.Sin, draw: uniform(-10, 10), maxUlps: 2, maxAbs: 0x1p-53},
	}
}

// TestAccuracy bounds each function's distance from the math package's
// over 200,000 inputs in its domain.
func TestAccuracy(t *testing.T) {
	for _, fn := range functions() {
		t.Run(fn.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			worst, at := 0.0, 0.0
			for range 200_000 {
				x := fn.draw(r)
				got, want := fn.f(x), fn.ref(x)
				if fn.maxAbs > 0 && math.Abs(got-want) <= fn.maxAbs {
					continue
				}
				if u := ulps(got, want); u > worst {
					worst, at = u, x
				}
			}
			if worst > fn.maxUlps {
				t.Errorf("%s(%v) = %v, math gives %v: %.0f ulps, want at most %.0f", fn.name, at, fn.f(at), fn.ref(at), worst, fn.maxUlps)
			}
			t.Logf("worst %.0f ulps at %v", worst, at)
		})
	}
}

// TestBits checks every function's result bit for bit against
// testdata/bits.golden: 500 inputs per row of functions() and the special
// values, with the results this package gave when the file was written.
// The same file must match on every architecture: CI runs this test on
// arm64 under qemu-aarch64-static. go test -update rewrites it.
func TestBits(t *testing.T) {
	path := filepath.Join("testdata", "bits.golden")
	fns := map[string]func(float64) float64{}
	for _, fn := range functions() {
		fns[fn.name] = fn.f
	}
	if *update {
		var b strings.Builder
		b.WriteString("# function input result (IEEE-754 bits in hex); written by go test -update\n")
		special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 2, 1e-300, 5e-324, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
		for _, fn := range functions() {
			r := rand.New(rand.NewPCG(3, 4))
			xs := append([]float64(nil), special...)
			for range 500 {
				xs = append(xs, fn.draw(r))
			}
			for _, x := range xs {
				fmt.Fprintf(&b, "%s %016x %016x\n", fn.name, math.Float64bits(x), math.Float64bits(fn.f(x)))
			}
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, bad := 0, 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(text, "#") {
			continue
		}
		var name string
		var in, want uint64
		if _, err := fmt.Sscanf(text, "%s %x %x", &name, &in, &want); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		fn, ok := fns[name]
		if !ok {
			t.Fatalf("%s:%d: no function %q", path, line, name)
		}
		x := math.Float64frombits(in)
		got := math.Float64bits(fn(x))
		// NaNs compare as NaNs: their payload is not the function's.
		if got != want && !(math.IsNaN(math.Float64frombits(got)) && math.IsNaN(math.Float64frombits(want))) {
			bad++
			if bad <= 10 {
				t.Errorf("%s:%d: %s(%v) = %v (%016x), want %v (%016x)", path, line, name, x, math.Float64frombits(got), got, math.Float64frombits(want), want)
			}
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Errorf("%d of %d results differ from %s", bad, n, path)
	}
	if n < 10_000 {
		t.Errorf("%s holds %d results, want every function's", path, n)
	}
}

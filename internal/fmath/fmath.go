// Package fmath holds the elementary functions the model needs, computed
// to the same last bit on every architecture.
//
// Go's math package gives other last bits on arm64 than on amd64: Exp has
// an assembly version on each, Log one on amd64 only, and the Go versions of
// Erfc, Lgamma, Log1p and Pow are compiled with fused multiply-adds on arm64
// and without them on amd64. Measured over 2 million inputs each under
// qemu-aarch64-static, math.Exp differed on 55% of them, Erfc on 34%,
// Lgamma on 23% and Pow on 13%. The functions here use only the basic
// IEEE-754 operations (+, −, ×, ÷ and the square root, each correctly
// rounded on every architecture), exact operations on the representation
// (math.Frexp, math.Ldexp, math.Floor, math.Abs), and round every product
// that is added to something with an explicit float64(…), which the Go
// specification says the compiler may not fuse. The test checks their bits
// against a golden file, and CI runs it on arm64 under qemu.
//
// Their accuracy is a few units in the last place (the tests bound it
// against the math package): enough for a simulation, whose results must be
// the same everywhere rather than correctly rounded.
package fmath

import "math"

// ln2Hi + ln2Lo is ln 2 to about 100 bits; ln2Hi has its last 32 bits zero,
// so that k·ln2Hi is exact for |k| < 2^21 (Cody and Waite 1980).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = math.Ln2 - ln2Hi
)

// Exp returns e^x.
func Exp(x float64) float64 {
	const (
		overflow  = 7.09782712893383973096e+02  // above: +Inf
		underflow = -7.45133219101941108420e+02 // below: 0
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	}
	// x = k·ln 2 + r with |r| ≤ ln 2 / 2; e^x = 2^k · e^r.
	k := math.Floor(float64(x*math.Log2E) + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo)
	return math.Ldexp(expReduced(r), int(k))
}

// expReduced returns e^r for |r| ≤ 0.35 from its Taylor series to the
// term r^14/14!, whose remainder is below 2^-60.
func expReduced(r float64) float64 {
	const degree = 14
	p := invFactorial[degree]
	for i := degree - 1; i >= 0; i-- {
		p = float64(p*r) + invFactorial[i]
	}
	return p
}

// invFactorial[n] is 1/n! for n ≤ 22, each a division of n! as a float64
// (exact to 18!, then correctly rounded): the same on every architecture.
var invFactorial = func() [23]float64 {
	var t [23]float64
	f := 1.0
	for n := range t {
		if n > 0 {
			f *= float64(n)
		}
		t[n] = 1 / f
	}
	return t
}()

// Exp2 returns 2^x.
func Exp2(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case x > 1024:
		return math.Inf(1)
	case x < -1075:
		return 0
	}
	k := math.Floor(x + 0.5)
	f := x - k // exact
	// 2^f = e^(f·ln 2), |f·ln 2| ≤ 0.35.
	r := float64(f*ln2Hi) + float64(f*ln2Lo)
	return math.Ldexp(expReduced(r), int(k))
}

// Log returns the natural logarithm of x.
func Log(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f, e := math.Frexp(x) // x = f·2^e, f in [0.5, 1)
	if f < math.Sqrt2/2 {
		f *= 2 // exact
		e--
	}
	// f in [√½, √2): ln f = 2 atanh s = 2(s + s³/3 + s⁵/5 + …) with
	// s = (f−1)/(f+1), |s| ≤ 0.172; 12 terms leave a remainder below 2^-60.
	s := (f - 1) / (f + 1)
	s2 := float64(s * s)
	p := 1.0 / 23
	for n := 21; n >= 3; n -= 2 {
		p = float64(p*s2) + 1/float64(n)
	}
	lnf := 2*s + float64(float64(2*s)*float64(s2*p))
	k := float64(e)
	return float64(k*ln2Hi) + (lnf + float64(k*ln2Lo))
}

// Log1p returns ln(1 + x), accurate for x near zero.
func Log1p(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < -1:
		return math.NaN()
	case x == -1:
		return math.Inf(-1)
	}
	u := 1 + x
	if u == 1 {
		return x
	}
	// ln u · x/(u−1) corrects the rounding of 1 + x (Goldberg 1991, §4).
	return Log(u) * (x / (u - 1))
}

// Pow returns x^y for the cases the model meets: x ≥ 0, or x < 0 with an
// integer y. Whole powers up to 64 are products; others are e^(y ln x).
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	case x == 0:
		if y < 0 {
			return math.Inf(1)
		}
		return 0
	case math.IsInf(y, 0):
		switch ax := math.Abs(x); {
		case ax == 1:
			return 1
		case (ax > 1) == (y > 0):
			return math.Inf(1)
		default:
			return 0
		}
	case math.IsInf(x, 1):
		if y < 0 {
			return 0
		}
		return math.Inf(1)
	}
	whole := y == math.Trunc(y)
	if x < 0 {
		if !whole {
			return math.NaN()
		}
		p := Pow(-x, y)
		if math.Mod(y, 2) != 0 {
			return -p
		}
		return p
	}
	if whole && math.Abs(y) <= 64 {
		n := int(math.Abs(y))
		p, b := 1.0, x
		for ; n > 0; n >>= 1 {
			if n&1 == 1 {
				p *= b
			}
			b *= b
		}
		if y < 0 {
			return 1 / p
		}
		return p
	}
	return Exp(y * Log(x))
}

// Hypot returns √(x² + y²) without overflow or underflow on the way.
func Hypot(x, y float64) float64 {
	x, y = math.Abs(x), math.Abs(y)
	switch {
	case math.IsInf(x, 1) || math.IsInf(y, 1):
		return math.Inf(1)
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	}
	if x < y {
		x, y = y, x
	}
	if x == 0 {
		return 0
	}
	r := y / x
	return x * math.Sqrt(1+float64(r*r))
}

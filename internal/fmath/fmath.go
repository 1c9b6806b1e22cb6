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
// specification says the compiler may not fuse; a result that ends in a
// product is rounded the same way, so that a caller that inlines the
// function cannot fuse it into its own addition. The test checks their bits
// against a golden file, and CI runs it on arm64 under qemu.
//
// Their accuracy, bounded against the math package by the tests, is 1 to 4
// units in the last place for Exp, Exp2, Log, Log1p, Cbrt, Hypot, Sin and
// Cos, up to 128 for Erfc and the normal distribution, 512 for the t
// quantile, and for Pow about |y ln x|: enough for a simulation, whose results must be
// the same everywhere rather than correctly rounded.
package fmath

import "math"

// ln2Hi + ln2Lo is ln 2 to about 100 bits: ln2Hi is ln 2 with its last 32
// bits zero (written in hex, so that it is exactly that float64), so that
// k·ln2Hi is exact for |k| < 2^21, and ln2Lo the rest, computed exactly
// from Go's constant before rounding (Cody and Waite 1980).
const (
	ln2Hi = 0x1.62e42feep-1
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
	// x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64: e^x = 2^m · 2^(j/32) · e^r,
	// with 2^(j/32) from a table and e^r − 1 from its Taylor series to r⁷/7!,
	// whose remainder is below 2^-60 for |r| ≤ ln2/64 (Tang 1989's method).
	k := math.Floor(float64(x*(32*math.Log2E)) + 0.5)
	r := (x - float64(k*(ln2Hi/32))) - float64(k*(ln2Lo/32))
	ki := int64(k)
	t := expTable[ki&31]
	// e^r − 1 = r(1 + r/2! + r²/3! + … + r⁶/7!), by Horner's rule.
	p := invFactorial[7]
	for i := 6; i >= 1; i-- {
		p = float64(p*r) + invFactorial[i]
	}
	q := float64(r * p)
	y := t + float64(t*q)
	m := ki >> 5
	if m > -1022 && m < 1023 {
		return y * math.Float64frombits(uint64(m+1023)<<52) // exact: 2^m
	}
	return math.Ldexp(y, int(m))
}

// expTable holds 2^(j/32) for j = 0…31, each from the Taylor series of
// expReduced: e^(j ln2/32) for j < 16 and 2·e^((j−32) ln2/32) above, so
// that the argument stays within ±ln2/2.
var expTable = func() [32]float64 {
	var t [32]float64
	for j := range t {
		if j < 16 {
			t[j] = expReduced(float64(j) * (math.Ln2 / 32))
		} else {
			t[j] = 2 * expReduced(float64(j-32)*(math.Ln2/32))
		}
	}
	return t
}()

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
	// f in [√½, √2) lies within 1/64 of a centre c of logTable, or of 1:
	// ln f = ln c + 2 atanh s with s = (f−c)/(f+c), |s| ≤ 1/90,
	// whose series s + s³/3 + s⁵/5 + s⁷/7 + s⁹/9 leaves less than 2^-60.
	// Near 1 the centre is 1 itself, so that ln f keeps its relative
	// accuracy where it is small.
	c, lnc := 1.0, 0.0
	if math.Abs(f-1) >= 1.0/64 {
		i := int((f - logTableStart) * 32)
		c, lnc = logTable[i][0], logTable[i][1]
	}
	sv := (f - c) / (f + c)
	s2 := float64(sv * sv)
	p := float64(s2*(1.0/9)) + 1.0/7
	p = float64(p*s2) + 1.0/5
	p = float64(p*s2) + 1.0/3
	lnf := lnc + (2*sv + float64(float64(2*sv)*float64(s2*p)))
	k := float64(e)
	return float64(k*ln2Hi) + (lnf + float64(k*ln2Lo))
}

// logTableStart is where the centres of logTable start: just below √½.
const logTableStart = 0.70703125

// logTable holds, for i = 0…22, the centre c = logTableStart + (i + ½)/32
// and its logarithm, computed once from the series 2 atanh((c−1)/(c+1))
// to the term below 2^-60.
var logTable = func() [23][2]float64 {
	var t [23][2]float64
	for i := range t {
		c := logTableStart + float64((float64(i)+0.5)/32)
		s := (c - 1) / (c + 1)
		s2 := float64(s * s)
		p := 1.0 / 23
		for n := 21; n >= 3; n -= 2 {
			p = float64(p*s2) + 1/float64(n)
		}
		t[i] = [2]float64{c, 2*s + float64(float64(2*s)*float64(s2*p))}
	}
	return t
}()

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
	return float64(Log(u) * (x / (u - 1)))
}

// Pow returns x^y with the special cases of math.Pow. Whole powers up to
// 2^20 are products by repeated squaring (exact where the result is, as
// for 2^100); other powers are e^(y ln x), whose relative error grows with
// |y ln x| (about |y ln x| units in the last place).
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	case x == 0:
		odd := isOddWhole(y)
		switch {
		case y < 0 && odd && math.Signbit(x):
			return math.Inf(-1)
		case y < 0:
			return math.Inf(1)
		case odd:
			return x // keeps the sign of zero
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
	case math.IsInf(x, 0):
		return Pow(1/x, -y) // 1/±Inf is ±0
	}
	whole := y == math.Trunc(y)
	if x < 0 {
		if !whole {
			return math.NaN()
		}
		p := Pow(-x, y)
		if isOddWhole(y) {
			return -p
		}
		return p
	}
	if whole && math.Abs(y) <= 1<<20 {
		n := int64(math.Abs(y))
		b := x
		if y < 0 {
			b = 1 / x
			if p := wholePower(x, n); !math.IsInf(p, 0) && p != 0 {
				return 1 / p
			}
		}
		return wholePower(b, n)
	}
	return Exp(y * Log(x))
}

// wholePower returns b^n for n ≥ 0 by repeated squaring.
func wholePower(b float64, n int64) float64 {
	p := 1.0
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			p *= b
		}
		b *= b
	}
	return float64(p)
}

// isOddWhole reports whether y is an odd whole number.
func isOddWhole(y float64) bool {
	return y == math.Trunc(y) && math.Abs(y) < 1<<53 && int64(y)&1 == 1
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
	return float64(x * math.Sqrt(1+float64(r*r)))
}

// Cbrt returns the cube root of x: e^(ln|x|/3) refined by two Newton steps.
func Cbrt(x float64) float64 {
	switch {
	case x == 0 || math.IsNaN(x) || math.IsInf(x, 0):
		return x
	case x < 0:
		return -Cbrt(-x)
	}
	y := Exp(Log(x) / 3)
	for range 2 {
		y -= (float64(float64(y*y)*y) - x) / float64(3*float64(y*y))
	}
	return y
}

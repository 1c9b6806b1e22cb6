package fmath

import "math"

// twoOverSqrtPi is 2/√π.
const twoOverSqrtPi = 2 / 1.77245385090551602729816748334114518279754945612238712821380779

// Erfc returns the complementary error function, 1 − erf(x), with a small
// relative error in the upper tail (x up to 27, beyond which it is 0).
func Erfc(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x < 0:
		return 2 - Erfc(-x)
	case x < 1:
		return 1 - erfSeries(x)
	case x > 27.3:
		return 0
	}
	return float64(expMinusSquare(x) * erfcFraction(x))
}

// erfSeries returns erf(x) for 0 ≤ x < 1 from the series of positive
// terms 2/√π e^(−x²) Σ (2x²)ⁿ x / (1·3·…·(2n+1)) (Abramowitz and Stegun
// 1964, 7.1.6), to the term below 2^-60 of the sum.
func erfSeries(x float64) float64 {
	y := float64(2 * float64(x*x))
	term, sum := x, x
	for n := 1; n < 60; n++ {
		term = float64(term*y) / float64(2*n+1)
		sum += term
		if term < 0x1p-60*sum {
			break
		}
	}
	return float64(twoOverSqrtPi*sum) * expMinusSquare(x)
}

// erfcFraction returns e^(x²) erfc(x) for x ≥ 1 from the continued
// fraction (2x/√π) / (2x² + 1 − 1·2/(2x² + 5 − 3·4/(2x² + 9 − …))),
// evaluated by the modified Lentz method (Press et al., Numerical Recipes,
// 3rd ed., §5.2) until a step changes it by less than 2^-60.
func erfcFraction(x float64) float64 {
	b := float64(2*float64(x*x)) + 1
	f := b
	c, d := b, 0.0
	for n := 1; n < 5000; n++ {
		a := -float64(float64(2*n-1) * float64(2*n))
		b += 4
		var delta float64
		c, d, delta = lentzStep(a, b, c, d)
		f *= delta
		if math.Abs(delta-1) < 0x1p-60 {
			break
		}
	}
	return float64(twoOverSqrtPi*x) / f
}

// expMinusSquare returns e^(−x²) with x² split into an exact part and a
// small rest, so that the rounding of x² does not grow into a relative
// error of x²·2^-53 in the result.
func expMinusSquare(x float64) float64 {
	hi := math.Float64frombits(math.Float64bits(x) &^ (1<<27 - 1)) // 26 bits
	lo := x - hi                                                   // exact
	// x² = hi² + lo·(x + hi); hi² is exact.
	return Exp(-float64(hi*hi)) * Exp(-float64(lo*(x+hi)))
}

// NormalCDF returns Φ(x), the standard normal distribution function.
func NormalCDF(x float64) float64 {
	return float64(0.5 * Erfc(-x/math.Sqrt2))
}

// NormalQuantile returns Φ⁻¹(p), the standard normal quantile, for p in
// [0, 1]: a start from Abramowitz and Stegun (1964, 26.2.23, error below
// 4.5e-4) and three Halley steps on Φ(x) − p, each tripling the digits.
func NormalQuantile(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p > 0.5:
		return -NormalQuantile(1 - p)
	}
	// p ≤ 0.5: the lower tail, where Φ(x) keeps its relative accuracy.
	t := math.Sqrt(-2 * Log(p))
	num := 2.515517 + float64(t*(0.802853+float64(t*0.010328)))
	den := 1 + float64(t*(1.432788+float64(t*(0.189269+float64(t*0.001308)))))
	x := -(t - num/den)
	lp := Log(p)
	for range 3 {
		// Halley's step on Φ(x) − p, with the density φ(x) = e^(−x²/2)/√(2π)
		// divided into the error through p, so that no factor overflows
		// when p is subnormal: (Φ − p)/φ = (Φ/p − 1) √(2π) e^(ln p + x²/2).
		r := float64(NormalCDF(x))/p - 1
		u := r * math.Sqrt(2*math.Pi) * Exp(lp+float64(float64(x*x)/2))
		x -= u / (1 + float64(float64(x*u)/2))
	}
	return x
}

package fmath

import "math"

// NarrowMargin bounds, relative to the value, how far a Fast function's
// result and this package's can differ after a product or a scaling:
// math's Cbrt, Exp and Log are within 1 ulp (2⁻⁵²) of the truth on every
// architecture Go supports, with or without fused multiply-adds, and 2⁻⁴⁰
// is 4,096 times that.
const NarrowMargin = 0x1p-40

// Narrow32 returns float32(x) and whether every value within
// NarrowMargin·|x| of x rounds to the same float32. A value computed with
// Fast functions in place of this package's is then stored as the same
// float32; when it is not, the caller computes it again with this
// package's. Rounding to float32 is monotone, so checking the interval's
// two ends checks all of it. About one value in 2¹⁵ lies within the
// margin of a float32 rounding boundary. Pass x rounded, float64(c*c)
// rather than c*c, so that no architecture fuses its product with the
// checks' additions.
func Narrow32(x float64) (float32, bool) {
	f := float32(x)
	d := float64(x * NarrowMargin)
	return f, float32(x-d) == f && float32(x+d) == f
}

// NarrowRound returns math.Round(x) and whether every value within
// NarrowMargin·|x| of x rounds to the same whole number.
func NarrowRound(x float64) (float64, bool) {
	d := math.Abs(float64(x * NarrowMargin))
	r := math.Round(x)
	return r, math.Round(x-d) == r && math.Round(x+d) == r
}

// FastCbrt, FastExp and FastLog are math's Cbrt, Exp and Log: faster than
// this package's, within NarrowMargin of them, and not the same in the
// last bits on every architecture. The model uses them only for a result
// that Narrow32 or NarrowRound then shows to be the same as with this
// package's functions (a test checks that every function calling one also
// calls a Narrow function).
func FastCbrt(x float64) float64 { return math.Cbrt(x) }

// FastExp is math.Exp (see FastCbrt).
func FastExp(x float64) float64 { return math.Exp(x) }

// FastLog is math.Log (see FastCbrt).
func FastLog(x float64) float64 { return math.Log(x) }

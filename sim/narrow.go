package sim

import "math"

// narrowMargin bounds, relative to the value, how far a fast elementary
// function (math.Cbrt, math.Exp, math.Log: within 1 ulp, 2⁻⁵², of the
// truth on every machine Go supports, with or without fused
// multiply-adds) and the fmath function the model's results are defined
// by can differ after a product or a scaling: 2⁻⁴⁰ is 4,096 times more than
// the largest difference either could make.
const narrowMargin = 0x1p-40

// narrow32 returns float32(x) and whether every value within
// narrowMargin·|x| of x rounds to the same float32: then a value computed
// with a fast function in place of fmath's is stored as the same float32,
// and when it is not the caller computes the value with fmath. Rounding
// to float32 is monotone, so checking the two ends checks the interval.
// One value in about 2¹⁵ lies within the margin of a float32 rounding
// boundary.
func narrow32(x float64) (float32, bool) {
	f := float32(x)
	d := float64(x * narrowMargin)
	return f, float32(x-d) == f && float32(x+d) == f
}

// narrowRound returns math.Round(x) and whether every value within
// narrowMargin·|x| of x rounds to the same whole number.
func narrowRound(x float64) (float64, bool) {
	d := math.Abs(float64(x * narrowMargin))
	r := math.Round(x)
	return r, math.Round(x-d) == r && math.Round(x+d) == r
}

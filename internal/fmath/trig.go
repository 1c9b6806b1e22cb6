package fmath

import "math"

// piOver2Hi + piOver2Lo is π/2 to about 85 bits: piOver2Hi is π/2 with its
// last 32 bits zero (written in hex, so that it is exactly that float64),
// so that k·piOver2Hi is exact for |k| < 2^21, and piOver2Lo the rest,
// computed exactly from Go's constant before rounding (Cody and Waite 1980).
const (
	piOver2Hi = 0x1.921fb544p+0
	piOver2Lo = math.Pi/2 - piOver2Hi
)

// Cos returns the cosine of x, for |x| < 2^20 (NaN beyond, where the
// reduction by π/2 would lose its accuracy; the model's angles are below
// 2π).
func Cos(x float64) float64 {
	k, r, ok := reduce(x)
	if !ok {
		return math.NaN()
	}
	switch k & 3 {
	case 0:
		return cosReduced(r)
	case 1:
		return -sinReduced(r)
	case 2:
		return -cosReduced(r)
	}
	return sinReduced(r)
}

// Sin returns the sine of x, for |x| < 2^20 (NaN beyond).
func Sin(x float64) float64 {
	k, r, ok := reduce(x)
	if !ok {
		return math.NaN()
	}
	switch k & 3 {
	case 0:
		return sinReduced(r)
	case 1:
		return cosReduced(r)
	case 2:
		return -sinReduced(r)
	}
	return -cosReduced(r)
}

// reduce returns k and r with x = k·π/2 + r, |r| ≤ π/4 (about).
func reduce(x float64) (k int64, r float64, ok bool) {
	if math.IsNaN(x) || math.Abs(x) >= 1<<20 {
		return 0, 0, false
	}
	kf := math.Floor(float64(x*(2/math.Pi)) + 0.5)
	r = (x - float64(kf*piOver2Hi)) - float64(kf*piOver2Lo)
	return int64(kf), r, true
}

// sinReduced and cosReduced are the Taylor series of sin and cos for
// |r| ≤ 0.79 to the terms r^21/21! and r^22/22!, below 2^-60.
func sinReduced(r float64) float64 {
	r2 := float64(r * r)
	p := invFactorial[21]
	for n := 19; n >= 1; n -= 2 {
		p = float64(p*-r2) + invFactorial[n]
	}
	return float64(p * r)
}

func cosReduced(r float64) float64 {
	r2 := float64(r * r)
	p := invFactorial[22]
	for n := 20; n >= 0; n -= 2 {
		p = float64(p*-r2) + invFactorial[n]
	}
	return p
}

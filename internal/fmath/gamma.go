package fmath

import "math"

// halfLog2Pi is ln(2π)/2.
const halfLog2Pi = 0.918938533204672741780329736405617639861397473637783412817151540

// stirling are the coefficients B₂ₖ/(2k(2k−1)) of Stirling's series for
// ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π), in powers z^-(2k−1), k = 1…7.
var stirling = [...]float64{1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156}

// Lgamma returns ln Γ(x) for x > 0 (NaN otherwise): Stirling's series from
// z ≥ 15, where its next term is below 2^-60, and below 15 the recurrence
// Γ(x) = Γ(x+n) / (x(x+1)…(x+n−1)). Below 15 its accuracy is absolute,
// about 1e-14, as the model needs it (differences of log-gammas in
// binomial and beta functions): near the zeros at 1 and 2 the relative
// error is large, and at 1 and 2 themselves the result is 0 exactly.
func Lgamma(x float64) float64 {
	switch {
	case math.IsNaN(x) || x <= 0:
		return math.NaN()
	case math.IsInf(x, 1):
		return x
	case x == 1 || x == 2:
		return 0
	}
	z, prod := x, 1.0
	for z < 15 {
		prod *= z
		z++
	}
	inv := 1 / z
	inv2 := float64(inv * inv)
	s := stirling[len(stirling)-1]
	for i := len(stirling) - 2; i >= 0; i-- {
		s = float64(s*inv2) + stirling[i]
	}
	lg := float64((z-0.5)*Log(z)) - z + halfLog2Pi + float64(s*inv)
	if prod != 1 {
		lg -= Log(prod)
	}
	return lg
}

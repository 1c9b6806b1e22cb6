package sensitivity

import (
	"math"

	"mutualsim/internal/fmath"
)

// The Ishigami function's constants, as Ishigami and Homma (1990) and
// Saltelli et al. (2010) use them.
const (
	// IshigamiA is the coefficient a of sin²(x2).
	IshigamiA = 7.0
	// IshigamiB is the coefficient b of x3⁴ sin(x1).
	IshigamiB = 0.1
)

// Ishigami evaluates the Ishigami test function (Ishigami and Homma,
// Proc. ISUMA '90 (1990) 398–403)
//
//	f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1,  a = IshigamiA, b = IshigamiB,
//
// with each x_i uniform on [−π, π]. It takes unit coordinates: u must hold
// three values in [0, 1], mapped to x_i = −π + 2π u_i. For any other length
// it returns NaN, which SobolIndices and MorrisIndices reject with the
// offending design point named.
func Ishigami(u []float64) float64 {
	if len(u) != 3 {
		return math.NaN()
	}
	x1 := -math.Pi + 2*math.Pi*u[0]
	x2 := -math.Pi + 2*math.Pi*u[1]
	x3 := -math.Pi + 2*math.Pi*u[2]
	s2 := fmath.Sin(x2)
	return fmath.Sin(x1) + IshigamiA*s2*s2 + IshigamiB*fmath.Pow(x3, 4)*fmath.Sin(x1)
}

// IshigamiIndices returns the exact first-order (s1) and total (st) Sobol
// indices of Ishigami, computed from the closed form.
//
// With x_i uniform on [−π, π]: E[sin x] = 0, E[sin² x] = 1/2,
// E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5 and E[x⁸] = π⁸/9. Writing
// f = sin x1 (1 + b x3⁴) + a sin² x2, the two terms are uncorrelated, so
//
//	V   = E[sin² x1] E[(1 + b x3⁴)²] + a² Var(sin² x2)
//	    = 1/2 + bπ⁴/5 + b²π⁸/18 + a²/8,
//	V1  = Var(E[f | x1]) = Var(sin x1 (1 + bπ⁴/5)) = (1 + bπ⁴/5)²/2,
//	V2  = Var(E[f | x2]) = a² Var(sin² x2) = a²/8,
//	V3  = Var(E[f | x3]) = 0, since E[sin x1] = 0,
//	V13 = V − V1 − V2 = b²π⁸ (1/18 − 1/50) = 8b²π⁸/225,
//
// and all other partial variances are zero. Hence S1 = (V1, V2, 0)/V and
// ST = (V1 + V13, V2, V13)/V, about (0.3139, 0.4424, 0) and
// (0.5576, 0.4424, 0.2437) for a = 7, b = 0.1.
func IshigamiIndices() (s1, st []float64) {
	const a, b = IshigamiA, IshigamiB
	pi4 := fmath.Pow(math.Pi, 4)
	pi8 := pi4 * pi4
	v := 0.5 + b*pi4/5 + b*b*pi8/18 + a*a/8
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := 8 * b * b * pi8 / 225
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

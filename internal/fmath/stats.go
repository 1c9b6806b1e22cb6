package fmath

import "math"

// Mean returns the mean of xs, summed in index order (NaN for none).
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// MeanVariance returns the mean of xs and their unbiased sample variance,
// by the corrected two-pass algorithm (Chan, Golub and LeVeque 1983,
// "Algorithms for computing the sample variance", eq. 1.7). The variance is
// NaN for fewer than two values.
func MeanVariance(xs []float64) (mean, variance float64) {
	mean = Mean(xs)
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	var ss, comp float64
	for _, x := range xs {
		d := x - mean
		ss += float64(d * d)
		comp += d
	}
	n := float64(len(xs))
	return mean, (ss - float64(comp*comp)/n) / (n - 1)
}

// Correlation returns Pearson's correlation of xs and ys (of equal length),
// with the same two-pass correction as MeanVariance.
func Correlation(xs, ys []float64) float64 {
	if len(xs) != len(ys) || len(xs) < 2 {
		return math.NaN()
	}
	mx, my := Mean(xs), Mean(ys)
	var sxx, syy, sxy, cx, cy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += float64(dx * dx)
		syy += float64(dy * dy)
		sxy += float64(dx * dy)
		cx += dx
		cy += dy
	}
	n := float64(len(xs))
	sxx -= float64(cx*cx) / n
	syy -= float64(cy*cy) / n
	return (sxy - float64(cx*cy)/n) / math.Sqrt(float64(sxx*syy))
}

// RegIncBeta returns the regularised incomplete beta function I_x(a, b)
// for a, b > 0 and x in [0, 1]: its continued fraction by the modified
// Lentz method (Press et al., Numerical Recipes, 3rd ed., §6.4), on the
// side of x where it converges fast.
func RegIncBeta(a, b, x float64) float64 {
	return regIncBeta(a, b, x, 1-x)
}

// regIncBeta is RegIncBeta with y = 1 − x given apart, so that a caller
// who knows 1 − x better than the subtraction would give it keeps its
// accuracy.
func regIncBeta(a, b, x, y float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(b) || math.IsNaN(x) || a <= 0 || b <= 0 || x < 0 || x > 1:
		return math.NaN()
	case x == 0:
		return 0
	case y == 0:
		return 1
	}
	if x > (a+1)/(a+b+2) {
		return 1 - regIncBeta(b, a, y, x)
	}
	lnFront := float64(a*Log(x)) + float64(b*Log(y)) - Lgamma(a) - Lgamma(b) + Lgamma(a+b)
	return Exp(lnFront) * betaFraction(a, b, x) / a
}

// betaFraction evaluates the continued fraction of I_x(a, b) until a step
// changes it by less than 2^-60.
func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	c, d := 1.0, 1-float64((a+b)*x)/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m < 10_000; m++ {
		fm := float64(m)
		// The even step, then the odd one.
		num := float64(float64(fm*(b-fm))*x) / float64((a+float64(2*fm)-1)*(a+float64(2*fm)))
		var delta float64
		c, d, delta = lentzStep(num, 1, c, d)
		h *= delta
		num = -float64(float64((a+fm)*(a+b+fm))*x) / float64((a+float64(2*fm))*(a+float64(2*fm)+1))
		c, d, delta = lentzStep(num, 1, c, d)
		h *= delta
		if math.Abs(delta-1) < 0x1p-60 {
			break
		}
	}
	return h
}

// StudentsTCDF returns P(T ≤ t) for Student's t with nu > 0 degrees of
// freedom: ½ I_{ν/(ν+t²)}(ν/2, ½) in the tail.
func StudentsTCDF(t, nu float64) float64 {
	switch {
	case math.IsNaN(t) || math.IsNaN(nu) || nu <= 0:
		return math.NaN()
	case math.IsInf(t, -1):
		return 0
	case math.IsInf(t, 1):
		return 1
	}
	t2 := float64(t * t)
	tail := float64(0.5 * regIncBeta(nu/2, 0.5, nu/(nu+t2), t2/(nu+t2)))
	if t > 0 {
		return 1 - tail
	}
	return tail
}

// StudentsTQuantile returns the p quantile of Student's t with nu > 0
// degrees of freedom: Newton's method on StudentsTCDF from the normal
// quantile, kept inside a bracket that halves when a step leaves it.
func StudentsTQuantile(p, nu float64) float64 {
	switch {
	case math.IsNaN(p) || math.IsNaN(nu) || nu <= 0 || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case p < 0.5:
		return -StudentsTQuantile(1-p, nu)
	}
	// p > ½: the root lies in (0, hi), where the Cauchy quantile (ν = 1,
	// the heaviest tail) bounds it for ν ≥ 1.
	lo, hi := 0.0, 1.0
	for StudentsTCDF(hi, nu) < p {
		hi *= 2
		if math.IsInf(hi, 1) {
			return hi
		}
	}
	// The density's constant: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)).
	lnC := Lgamma((nu+1)/2) - Lgamma(nu/2) - float64(0.5*Log(float64(nu*math.Pi)))
	t := math.Min(NormalQuantile(p), hi)
	for range 200 {
		f := StudentsTCDF(t, nu) - p
		if f > 0 {
			hi = t
		} else {
			lo = t
		}
		density := Exp(lnC - float64(float64((nu+1)/2)*Log1p(float64(t*t)/nu)))
		next := t - f/density
		if !(next > lo && next < hi) {
			next = lo + float64((hi-lo)/2)
		}
		if next == t || math.Abs(next-t) <= 0x1p-52*math.Abs(t) {
			return next
		}
		t = next
	}
	return t
}

// GaussLegendre returns the nodes and weights of n-point Gauss–Legendre
// quadrature on [−1, 1], nodes ascending: the Legendre polynomial's roots
// by Newton's method from Tricomi's first guesses (Press et al., Numerical
// Recipes, 3rd ed., §4.6).
func GaussLegendre(n int) (x, w []float64) {
	x, w = make([]float64, n), make([]float64, n)
	for i := range (n + 1) / 2 {
		z := Cos(math.Pi * (float64(i) + 0.75) / (float64(n) + 0.5))
		var dp float64
		for range 100 {
			p0, p1 := 1.0, 0.0
			for j := 1; j <= n; j++ {
				p0, p1 = (float64((float64(2*float64(j))-1)*z*p0)-float64((float64(j)-1)*p1))/float64(j), p0
			}
			dp = float64(n) * (float64(z*p0) - p1) / (float64(z*z) - 1)
			dz := p0 / dp
			z -= dz
			if math.Abs(dz) < 1e-15 {
				break
			}
		}
		wi := 2 / ((1 - float64(z*z)) * dp * dp)
		x[i], x[n-1-i] = -z, z
		w[i], w[n-1-i] = wi, wi
	}
	return x, w
}

// lentzStep takes one step of the modified Lentz method (Press et al.,
// Numerical Recipes, 3rd ed., §5.2) for a continued fraction's next term
// a/(b + …): it returns the new C and D and the factor delta = C·D by
// which the fraction's value changes.
func lentzStep(a, b, c, d float64) (cNext, dNext, delta float64) {
	const tiny = 1e-300
	d = b + float64(a*d)
	if math.Abs(d) < tiny {
		d = tiny
	}
	c = b + a/c
	if math.Abs(c) < tiny {
		c = tiny
	}
	d = 1 / d
	return c, d, float64(c * d)
}

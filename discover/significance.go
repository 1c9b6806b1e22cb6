package discover

import (
	"math"
	"math/rand/v2"

	"mutualsim/internal/fmath"
)

// QuasiP returns, for each dimension box b restricts, the quasi-p-value
// of that restriction (Bryant and Lempert 2010; the EMA Workbench's
// qp-values): the chance that a box of b's size drawn from the box without
// the restriction would hold at least as many cases where the conditions
// hold, P(X ≥ b.Hits) for X binomial with b.N trials and the relaxed box's
// density. A small value says the restriction matters; it is a guide,
// not a test corrected for the search that found the box. NaN for a
// dimension the box does not restrict.
func QuasiP(d *Data, b Box) []float64 {
	out := make([]float64, len(d.Dims))
	for j := range out {
		out[j] = math.NaN()
	}
	total, hits := d.Len(), d.Positives()
	for _, j := range b.Restricted(d) {
		r := b.relax(d, j)
		r.measure(d, r.members(d), total, hits)
		out[j] = binomialUpper(b.Hits, b.N, r.Density)
	}
	return out
}

// binomialUpper returns P(X ≥ k) for X binomial(n, p), summed in log space
// from fmath's functions, the same bits on every machine.
func binomialUpper(k, n int, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n:
		return 0
	case p <= 0:
		return 0
	case p >= 1:
		return 1
	}
	lp, lq := fmath.Log(p), fmath.Log1p(-p)
	lnf := fmath.Lgamma(float64(n + 1))
	s := 0.0
	for i := k; i <= n; i++ {
		l := lnf - fmath.Lgamma(float64(i+1)) - fmath.Lgamma(float64(n-i+1)) + float64(float64(i)*lp) + float64(float64(n-i)*lq)
		s += fmath.Exp(l)
	}
	return min(1, s)
}

// Reproduction returns, for every dimension, the share of resamples in
// which PRIM, run again (Find) on half the cases drawn without
// replacement, restricts that dimension: a
// restriction found in most resamples belongs to the data, one found in a
// few to the sample (the EMA Workbench's resample statistics, after
// Bryant and Lempert 2010). The resamples are drawn from seed.
func Reproduction(d *Data, opt Options, resamples int, seed uint64) []float64 {
	out := make([]float64, len(d.Dims))
	if resamples <= 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(seed, 0x7072696d)) // "prim"
	n := d.Len()
	idx := make([]int, n)
	for r := 0; r < resamples; r++ {
		for i := range idx {
			idx[i] = i
		}
		half := n / 2
		for i := range half {
			k := i + rng.IntN(n-i)
			idx[i], idx[k] = idx[k], idx[i]
		}
		sub := subset(d, idx[:half])
		b := Find(sub, opt)
		for _, j := range b.Restricted(sub) {
			out[j]++
		}
	}
	for j := range out {
		out[j] /= float64(resamples)
	}
	return out
}

// subset returns the cases idx of d, in that order.
func subset(d *Data, idx []int) *Data {
	s := &Data{Dims: d.Dims, X: make([][]float64, len(d.Dims)), Y: make([]bool, len(idx))}
	for j := range d.Dims {
		s.X[j] = make([]float64, len(idx))
		for n, i := range idx {
			s.X[j][n] = d.X[j][i]
		}
	}
	for n, i := range idx {
		s.Y[n] = d.Y[i]
	}
	return s
}

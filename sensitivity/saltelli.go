package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// MaxSaltelliFactors is the largest k SaltelliDesign supports: A and B take
// 2k dimensions of the Sobol sequence, and MaxSobolDim are embedded.
const MaxSaltelliFactors = 20

// MaxBootstrap is the largest number of bootstrap resamples SobolIndices
// accepts.
const MaxBootstrap = 100_000

// SobolIndex holds the estimated first-order and total Sobol indices of one
// factor with their bootstrap intervals.
type SobolIndex struct {
	// Factor is the factor's index, 0 to k−1.
	Factor int
	// S1 is the first-order index, by the estimator of Saltelli et al.
	// (2010).
	S1 float64
	// S1Low and S1High bound the 95% percentile bootstrap interval of S1;
	// both are NaN when no bootstrap was asked for.
	S1Low, S1High float64
	// ST is the total-effect index, by the estimator of Jansen (1999).
	ST float64
	// STLow and STHigh bound the 95% percentile bootstrap interval of ST;
	// both are NaN when no bootstrap was asked for.
	STLow, STHigh float64
}

// SaltelliDesign returns the n·(k+2) points of the Saltelli sampling scheme
// for first-order and total Sobol indices (Saltelli et al., "Variance based
// sensitivity analysis of model output", Comput. Phys. Commun. 181 (2010)
// 259–270). Row j of the base matrices A and B (j = 0, …, n−1) is point j+1
// of the 2k-dimensional Sobol sequence (see SobolSequence): A_j is its first
// k coordinates and B_j its last k. A_B^(i) is A with column i taken from B.
//
// The rows are grouped by base sample: for each j, in this order,
//
//	row j·(k+2)         A_j
//	row j·(k+2) + 1 + i A_B^(i)_j, for i = 0, …, k−1
//	row j·(k+2) + k + 1 B_j
//
// so the first m·(k+2) rows are exactly SaltelliDesign(m, k), and the outputs
// of a partly finished run can be passed to SobolIndices with n = m. A power
// of two for n keeps the Sobol points best balanced. The design is
// deterministic. It returns an error if n < 2, k is outside 1 to
// MaxSaltelliFactors, or n·(k+2) exceeds MaxPoints.
func SaltelliDesign(n, k int) ([][]float64, error) {
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: n = %d base samples, want n >= 2", n)
	}
	if k < 1 || k > MaxSaltelliFactors {
		return nil, fmt.Errorf("sensitivity: k = %d factors, want 1 <= k <= %d (2k Sobol dimensions of the %d embedded)", k, MaxSaltelliFactors, MaxSobolDim)
	}
	if err := checkRows(fmt.Sprintf("SaltelliDesign with n = %d and k = %d", n, k), "n·(k+2)", n, k+2); err != nil {
		return nil, err
	}
	base, err := SobolSequence(n, 2*k)
	if err != nil {
		return nil, err
	}
	rows := n * (k + 2)
	flat := make([]float64, rows*k)
	out := make([][]float64, rows)
	for j, p := range base {
		a, b := p[:k], p[k:]
		for part := range k + 2 {
			row := j*(k+2) + part
			x := flat[row*k : (row+1)*k : (row+1)*k]
			switch {
			case part == 0:
				copy(x, a)
			case part == k+1:
				copy(x, b)
			default:
				copy(x, a)
				x[part-1] = b[part-1]
			}
			out[row] = x
		}
	}
	return out, nil
}

// SobolIndices estimates the first-order index S1 and the total-effect index
// ST of each of k factors from the outputs y of a Saltelli design with n base
// samples, one output per design point in the row order of SaltelliDesign
// (len(y) = n·(k+2)). Any design with that layout may be used, not only the
// Sobol-sequence one.
//
// With V the variance (divisor 2n) of the 2n pooled outputs f(A) and f(B):
//
//	S1_i = (1/n) Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V
//
// (the first-order estimator recommended by Saltelli et al., Comput. Phys.
// Commun. 181 (2010) 259–270), evaluated on outputs centred on the mean of the pooled f(A) and f(B): the
// factor (f(A_B^(i)) − f(A)) has expectation zero, so subtracting a constant
// from f(B) leaves the estimator's expectation unchanged and makes it
// insensitive to the output's location; and
//
//	ST_i = (1/2n) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
//
// (Jansen, Comput. Phys. Commun. 117 (1999) 35–43, the total-effect
// estimator Saltelli et al. 2010 recommend).
//
// If bootstrap > 0, each index also gets a 95% percentile bootstrap interval
// (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13):
// bootstrap resamples, with replacement, of the n base rows (the same rows
// for every factor within a resample), the estimators recomputed on each, and
// the 2.5% and 97.5% quantiles of the results (linear interpolation, type 7
// of Hyndman and Fan 1996). The intervals treat the base rows as independent
// draws, so for a low-discrepancy design they are conservative. src supplies
// the resampling and must not be nil when bootstrap > 0; it is not used when
// bootstrap = 0, and the intervals are then NaN. The result is deterministic
// for a given state of src.
//
// It returns an error if n < 2, k < 1, len(y) ≠ n·(k+2), an output is NaN or
// infinite (naming the design point), the outputs have zero variance,
// bootstrap is outside 0 to MaxBootstrap, or src is nil when needed.
func SobolIndices(n, k int, y []float64, bootstrap int, src rand.Source) ([]SobolIndex, error) {
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: n = %d base samples, want n >= 2", n)
	}
	if err := checkK(k); err != nil {
		return nil, err
	}
	if err := checkRows(fmt.Sprintf("SobolIndices with n = %d and k = %d", n, k), "n·(k+2)", n, k+2); err != nil {
		return nil, err
	}
	layout := fmt.Sprintf("n·(k+2) with n = %d and k = %d, in SaltelliDesign order", n, k)
	if err := checkOutputs(y, n*(k+2), layout, func(i int) string { return saltelliPart(i, k) }); err != nil {
		return nil, err
	}
	if bootstrap < 0 || bootstrap > MaxBootstrap {
		return nil, fmt.Errorf("sensitivity: bootstrap = %d resamples, want 0 <= bootstrap <= %d", bootstrap, MaxBootstrap)
	}
	if bootstrap > 0 && src == nil {
		return nil, errors.New("sensitivity: SobolIndices needs a random source for the bootstrap; src is nil")
	}

	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	s1 := make([]float64, k)
	st := make([]float64, k)
	if !saltelliEstimate(k, y, all, s1, st) {
		return nil, errors.New("sensitivity: the outputs f(A) and f(B) have zero variance, so the Sobol indices are undefined")
	}
	out := make([]SobolIndex, k)
	for i := range out {
		out[i] = SobolIndex{
			Factor: i, S1: s1[i], ST: st[i],
			S1Low: math.NaN(), S1High: math.NaN(), STLow: math.NaN(), STHigh: math.NaN(),
		}
	}
	if bootstrap == 0 {
		return out, nil
	}

	bootS1 := make([][]float64, k)
	bootST := make([][]float64, k)
	for i := range k {
		bootS1[i] = make([]float64, 0, bootstrap)
		bootST[i] = make([]float64, 0, bootstrap)
	}
	rows := make([]int, n)
	for range bootstrap {
		for j := range rows {
			rows[j] = intN(src, n)
		}
		// A resample whose outputs are all equal has no indices; it is
		// left out of the interval.
		if !saltelliEstimate(k, y, rows, s1, st) {
			continue
		}
		for i := range k {
			bootS1[i] = append(bootS1[i], s1[i])
			bootST[i] = append(bootST[i], st[i])
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = percentileInterval(bootS1[i])
		out[i].STLow, out[i].STHigh = percentileInterval(bootST[i])
	}
	return out, nil
}

// saltelliPart names the matrix and base row of row i of a Saltelli design
// with k factors, such as "A_B^(2) of base row 5".
func saltelliPart(i, k int) string {
	j, part := i/(k+2), i%(k+2)
	switch part {
	case 0:
		return fmt.Sprintf("A of base row %d", j)
	case k + 1:
		return fmt.Sprintf("B of base row %d", j)
	default:
		return fmt.Sprintf("A_B^(%d) of base row %d, factor %d from B", part-1, j, part-1)
	}
}

// saltelliEstimate fills s1 and st with the estimates from the base rows
// listed in rows (repeats allowed) and reports whether the pooled variance
// was positive.
func saltelliEstimate(k int, y []float64, rows []int, s1, st []float64) bool {
	stride := k + 2
	var mean float64
	for _, j := range rows {
		mean += y[j*stride] + y[j*stride+k+1]
	}
	mean /= float64(2 * len(rows))
	var v float64
	for _, j := range rows {
		a, b := y[j*stride]-mean, y[j*stride+k+1]-mean
		v += float64(a*a) + float64(b*b)
	}
	v /= float64(2 * len(rows))
	if !(v > 0) {
		return false
	}
	for i := range k {
		var first, total float64
		for _, j := range rows {
			a, ab, b := y[j*stride], y[j*stride+1+i], y[j*stride+k+1]
			d := ab - a
			first += float64((b - mean) * d)
			total += float64(d * d)
		}
		s1[i] = first / float64(len(rows)) / v
		st[i] = total / float64(2*len(rows)) / v
	}
	return true
}

// percentileInterval returns the 2.5% and 97.5% quantiles of x, or NaNs if
// x is empty. It sorts x.
func percentileInterval(x []float64) (lo, hi float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(x)
	return quantile(x, 0.025), quantile(x, 0.975)
}

// quantile returns the p-quantile of sorted x by linear interpolation
// between order statistics (type 7 of Hyndman and Fan, Am. Stat. 50 (1996)
// 361–365).
func quantile(x []float64, p float64) float64 {
	h := float64(p * float64(len(x)-1))
	lo := int(math.Floor(h))
	if lo+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[lo] + float64((h-float64(lo))*(x[lo+1]-x[lo]))
}

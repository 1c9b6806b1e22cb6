package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Grid returns the full factorial design with levels evenly spaced values
// for each of k factors: every combination, in lexicographic order with the
// last factor varying fastest. With levels = 1 the single value is the
// midpoint 0.5; otherwise the values are i/(levels−1) for i = 0, …, levels−1,
// so both ends 0 and 1 are included (the only design in this package that
// reaches 1). It returns an error if levels < 1, k < 1 or levels^k exceeds
// MaxPoints.
func Grid(levels, k int) ([][]float64, error) {
	if levels < 1 {
		return nil, fmt.Errorf("sensitivity: levels = %d, want levels >= 1", levels)
	}
	if err := checkK(k); err != nil {
		return nil, err
	}
	rows := 1
	for range k {
		if rows > MaxPoints/levels {
			return nil, fmt.Errorf("sensitivity: Grid with levels = %d and k = %d has more than %d points (MaxPoints); want levels^k <= %d", levels, k, MaxPoints, MaxPoints)
		}
		rows *= levels
	}
	value := make([]float64, levels)
	for i := range value {
		if levels == 1 {
			value[i] = 0.5
		} else {
			value[i] = float64(i) / float64(levels-1)
		}
	}
	flat := make([]float64, rows*k)
	design := make([][]float64, rows)
	index := make([]int, k) // the level of each factor, an odometer
	for r := range design {
		row := flat[r*k : (r+1)*k : (r+1)*k]
		for j, l := range index {
			row[j] = value[l]
		}
		design[r] = row
		for j := k - 1; j >= 0; j-- {
			index[j]++
			if index[j] < levels {
				break
			}
			index[j] = 0
		}
	}
	return design, nil
}

// LatinHypercube returns a Latin hypercube sample of n points in [0,1)^k
// (McKay, Beckman and Conover, Technometrics 21 (1979) 239–245): for each
// factor the interval [0,1) is cut into n equal strata [s/n, (s+1)/n), each
// stratum holds exactly one point, placed uniformly at random within it, and
// the strata are matched across factors by independent random permutations.
// All randomness comes from src, which must not be nil. It returns an error
// if n < 1, k < 1, n exceeds MaxPoints or src is nil.
func LatinHypercube(n, k int, src rand.Source) ([][]float64, error) {
	if n < 1 {
		return nil, fmt.Errorf("sensitivity: n = %d points, want n >= 1", n)
	}
	if err := checkK(k); err != nil {
		return nil, err
	}
	if err := checkRows(fmt.Sprintf("LatinHypercube with n = %d", n), "n", n, 1); err != nil {
		return nil, err
	}
	if src == nil {
		return nil, errors.New("sensitivity: LatinHypercube needs a random source; src is nil")
	}
	flat := make([]float64, n*k)
	design := make([][]float64, n)
	for i := range design {
		design[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	for j := range k {
		for i, s := range permutation(src, n) {
			design[i][j] = inStratum(s, n, uniform(src))
		}
	}
	return design, nil
}

// inStratum returns (s+u)/n for u in [0, 1), nudged if rounding would carry
// it out of stratum s, so that floor(x·n) = s and x < 1 always hold.
func inStratum(s, n int, u float64) float64 {
	x := (float64(s) + u) / float64(n)
	for x >= 1 || int(math.Floor(x*float64(n))) > s {
		x = math.Nextafter(x, 0)
	}
	for int(math.Floor(x*float64(n))) < s {
		x = math.Nextafter(x, 1)
	}
	return x
}

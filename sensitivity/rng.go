package sensitivity

import (
	"math/bits"
	"math/rand/v2"
)

// uniform returns a draw in [0, 1) from the top 53 bits of one Uint64.
func uniform(src rand.Source) float64 {
	return float64(src.Uint64()>>11) * 0x1p-53
}

// intN returns an unbiased draw in [0, n) for n > 0, by Lemire's
// multiply-and-reject method (ACM Trans. Model. Comput. Simul. 29 (2019) 3).
func intN(src rand.Source, n int) int {
	bound := uint64(n)
	hi, lo := bits.Mul64(src.Uint64(), bound)
	if lo < bound {
		threshold := -bound % bound
		for lo < threshold {
			hi, lo = bits.Mul64(src.Uint64(), bound)
		}
	}
	return int(hi)
}

// shuffle puts p in a uniformly random order (Fisher and Yates).
func shuffle(src rand.Source, p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := intN(src, i+1)
		p[i], p[j] = p[j], p[i]
	}
}

// permutation returns a uniformly random permutation of 0, …, n−1.
func permutation(src rand.Source, n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	shuffle(src, p)
	return p
}

package sensitivity

import (
	"fmt"
	"math/bits"
)

// MaxSobolDim is the highest dimension SobolSequence supports: dimension 1
// (van der Corput) plus the 39 dimensions whose direction numbers are
// embedded from Joe and Kuo (2008).
const MaxSobolDim = 40

// sobolBits is the number of bits of each coordinate; the sequence has at
// most 2^sobolBits distinct points.
const sobolBits = 32

// directionNumbers returns the direction numbers v_1 … v_32 of dimension d
// (1-based), scaled by 2^32, computed from the Joe–Kuo initial numbers by the
// recurrence of Bratley and Fox (ACM Trans. Math. Softw. 14 (1988) 88–100):
//
//	v_i = c_1 v_(i−1) ⊕ … ⊕ c_(s−1) v_(i−s+1) ⊕ v_(i−s) ⊕ (v_(i−s) >> s)
//
// for i > s, with v_i = m_i·2^(32−i) for i ≤ s.
func directionNumbers(d int) [sobolBits]uint32 {
	var v [sobolBits]uint32
	if d == 1 {
		for i := range v {
			v[i] = 1 << (sobolBits - 1 - i)
		}
		return v
	}
	row := joeKuo[d-2]
	s := int(row.s)
	for i := range v {
		if i < s {
			v[i] = row.m[i] << (sobolBits - 1 - i)
			continue
		}
		x := v[i-s] ^ (v[i-s] >> s)
		for k := 1; k < s; k++ {
			if (row.a>>(s-1-k))&1 == 1 {
				x ^= v[i-k]
			}
		}
		v[i] = x
	}
	return v
}

// SobolSequence returns points 1 to n of the Sobol low-discrepancy sequence
// in dim dimensions (Sobol', USSR Comput. Math. Math. Phys. 7 (1967) 86–112),
// in the Gray-code order of Antonov and Saleev (USSR Comput. Math. Math.
// Phys. 19 (1979) 252–256), with the direction numbers "new-joe-kuo-6.21201"
// of Joe and Kuo (SIAM J. Sci. Comput. 30 (2008) 2635–2654). The all-zero
// point 0 is skipped, so the first point is (0.5, …, 0.5). Dimension 1 is the
// van der Corput sequence in base 2: 0.5, 0.75, 0.25, 0.375, 0.875, …; every
// coordinate lies in [0, 1). The sequence is deterministic and unscrambled.
// It returns an error if n < 1, n exceeds MaxPoints, or dim is outside 1 to
// MaxSobolDim.
func SobolSequence(n, dim int) ([][]float64, error) {
	if n < 1 {
		return nil, fmt.Errorf("sensitivity: n = %d points, want n >= 1", n)
	}
	if n > MaxPoints {
		return nil, fmt.Errorf("sensitivity: n = %d points, want n <= %d (MaxPoints)", n, MaxPoints)
	}
	if dim < 1 || dim > MaxSobolDim {
		return nil, fmt.Errorf("sensitivity: dim = %d, want 1 <= dim <= %d (the embedded Joe–Kuo direction numbers)", dim, MaxSobolDim)
	}
	v := make([][sobolBits]uint32, dim)
	for d := range v {
		v[d] = directionNumbers(d + 1)
	}
	x := make([]uint32, dim)
	flat := make([]float64, n*dim)
	out := make([][]float64, n)
	for i := 1; i <= n; i++ {
		// Point i is point i−1 with the direction number of the lowest
		// zero bit of i−1, the lowest set bit of i, XORed in.
		c := bits.TrailingZeros(uint(i))
		row := flat[(i-1)*dim : i*dim : i*dim]
		for d := range x {
			x[d] ^= v[d][c]
			row[d] = float64(x[d]) * 0x1p-32
		}
		out[i-1] = row
	}
	return out, nil
}

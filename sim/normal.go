package sim

import (
	"math"
	"math/rand/v2"
	"sync"

	"mutualsim/internal/fmath"
)

// The standard normal draws are the ziggurat of Marsaglia and Tsang (2000,
// "The ziggurat method for generating random variables", J. Stat. Softw.
// 5(8)) with 128 layers, drawn from a Uint64 as math/rand/v2's NormFloat64
// draws them, so that a stream gives the same draws as it did through
// rand.Rand. Two things differ, for the same bits on every architecture:
// the tables are computed here from the paper's formulas with internal/fmath
// (they agree with math/rand/v2's), and the rare draws beyond the fast path
// (under 1%) use fmath's Log and Exp and round every product explicitly,
// where math/rand/v2 calls math.Log and math.Exp and leaves its float32
// multiply-add to the compiler, which fuses it on arm64.

// zigguratR is the start of the tail, r, and zigguratV the area of each
// layer, v (Marsaglia and Tsang 2000, §3, for 128 layers).
const (
	zigguratR = 3.442619855899
	zigguratV = 9.91256303526217e-3
)

// ziggurat holds the layers' tables: k[i] the fast-path bound on |j|, w[i]
// the scale from j to x, f[i] the density at the layer's edge.
type ziggurat struct {
	k [128]uint32
	w [128]float32
	f [128]float32
}

// zigguratTables computes the tables once, as the paper's C code does
// (the function zigset), in float64 before rounding to float32.
var zigguratTables = sync.OnceValue(func() *ziggurat {
	const m1 = 2147483648.0 // 2^31
	z := &ziggurat{}
	dn, tn := zigguratR, zigguratR
	q := zigguratV / fmath.Exp(-0.5*float64(dn*dn))
	z.k[0] = uint32((dn / q) * m1)
	z.k[1] = 0
	z.w[0] = float32(q / m1)
	z.w[127] = float32(dn / m1)
	z.f[0] = 1
	z.f[127] = float32(fmath.Exp(-0.5 * float64(dn*dn)))
	for i := 126; i >= 1; i-- {
		dn = math.Sqrt(-2 * fmath.Log(zigguratV/dn+fmath.Exp(-0.5*float64(dn*dn))))
		z.k[i+1] = uint32((dn / tn) * m1)
		tn = dn
		z.f[i] = float32(fmath.Exp(-0.5 * float64(dn*dn)))
		z.w[i] = float32(dn / m1)
	}
	return z
})

// normal returns a standard normal draw from r.
func normal(r *rand.Rand, z *ziggurat) float64 {
	for {
		u := r.Uint64()
		j := int32(u) // signed: its sign is the draw's
		i := u >> 32 & 0x7F
		x := float64(j) * float64(z.w[i])
		aj := uint32(j)
		if j < 0 {
			aj = uint32(-j)
		}
		if aj < z.k[i] {
			return x // more than 99% of draws
		}
		if i == 0 {
			// The tail beyond r (Marsaglia 1964).
			for {
				x = float64(-fmath.Log(r.Float64()) * (1.0 / zigguratR))
				y := -fmath.Log(r.Float64())
				if y+y >= float64(x*x) {
					break
				}
			}
			if j > 0 {
				return zigguratR + x
			}
			return -zigguratR - x
		}
		// The wedge between the layer's rectangle and the density.
		if z.f[i]+float32(float32(r.Float64())*(z.f[i-1]-z.f[i])) < float32(fmath.Exp(-0.5*float64(x*x))) {
			return x
		}
	}
}

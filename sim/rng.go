package sim

import (
	"math"
	"math/rand/v2"

	"mutualsim/internal/fmath"
)

// purpose names one use of randomness. Each (seed, replication, purpose,
// entity, year) has its own stream, so that no draw depends on how many
// goroutines ran or in which order (MODEL.md §7).
type purpose uint64

const (
	purposeRegionInit purpose = iota + 1
	purposeFirmInit
	purposeStaff
	purposeSpinout
	purposeTender
	purposeMarket
	purposeEntrant
	purposeBuyout
)

// mix64 is the SplitMix64 finaliser (Steele, Lea and Flood, 2014): a
// bijective hash whose output bits each depend on every input bit.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// streamKey hashes a stream's coordinates into the two words that seed a PCG.
func streamKey(seed uint64, rep int, p purpose, entity, year int) (uint64, uint64) {
	h := mix64(seed ^ 0x6d7574756c73696d) // "mutualsim"
	h = mix64(h ^ uint64(rep))
	h = mix64(h ^ uint64(p))
	h = mix64(h ^ uint64(int64(entity)))
	h = mix64(h ^ uint64(int64(year)))
	return h, mix64(h ^ 0xda3e39cb94b95bdb)
}

// stream is one random stream: a PCG generator from math/rand/v2 with the
// draws the model needs. It is never shared between goroutines.
type stream struct {
	pcg rand.PCG
	r   *rand.Rand
	zig *ziggurat
}

// newStream returns the stream for the given coordinates.
func newStream(seed uint64, rep int, p purpose, entity, year int) *stream {
	s := &stream{}
	a, b := streamKey(seed, rep, p, entity, year)
	s.pcg.Seed(a, b)
	s.r = rand.New(&s.pcg)
	s.zig = zigguratTables()
	return s
}

// Float64 returns a uniform draw in [0, 1).
func (s *stream) Float64() float64 { return float64(s.pcg.Uint64()>>11) * 0x1p-53 }

// Bernoulli reports true with probability p.
func (s *stream) Bernoulli(p float64) bool { return s.Float64() < p }

// Norm returns a standard normal draw (normal.go).
func (s *stream) Norm() float64 { return normal(s.r, s.zig) }

// LogNormal returns exp(N(mu, sigma)).
func (s *stream) LogNormal(mu, sigma float64) float64 { return fmath.Exp(mu + float64(sigma*s.Norm())) }

// IntN returns a uniform integer in [0, n).
func (s *stream) IntN(n int) int { return s.r.IntN(n) }

// Poisson returns a Poisson draw with mean lambda (Knuth's method for small
// means, a rounded normal approximation above 30).
func (s *stream) Poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+float64(math.Sqrt(lambda)*s.Norm()))))
	}
	l := fmath.Exp(-lambda)
	k, p := 0, 1.0
	for {
		p *= s.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// Kumaraswamy returns a draw from the Kumaraswamy(a, b) distribution on
// [0, 1], a Beta-like law with a closed-form inverse CDF.
func (s *stream) Kumaraswamy(a, b float64) float64 {
	u := s.Float64()
	return fmath.Pow(1-fmath.Pow(1-u, 1/b), 1/a)
}

// Entrepreneurial returns a draw of a staff member's entrepreneurial
// propensity, as the float32 the staff arrays hold: Kumaraswamy(1.5, 4),
// mean 0.32, computed with square and cube roots: (1 − (1−u)^(1/4))^(2/3).
func (s *stream) Entrepreneurial() float32 {
	return entrepreneur32(1 - math.Sqrt(math.Sqrt(1-s.Float64())))
}

// entrepreneur32 returns float32(c·c) for c = fmath.Cbrt(y), the cube
// root every machine computes alike, from the faster fmath.FastCbrt where
// that gives the same float32 (fmath.Narrow32), so from fmath.Cbrt about once
// in 30,000 draws.
func entrepreneur32(y float64) float32 {
	c := fmath.FastCbrt(y)
	if f, ok := fmath.Narrow32(float64(c * c)); ok {
		return f
	}
	c = fmath.Cbrt(y)
	return float32(c * c)
}

// LogNormal32 returns exp(N(mu, sigma)) as the float32 the staff arrays
// hold: float32(LogNormal(mu, sigma)), by exp32.
func (s *stream) LogNormal32(mu, sigma float64) float32 { return exp32(mu + float64(sigma*s.Norm())) }

// exp32 returns float32(fmath.Exp(x)), from fmath.FastExp where that gives
// the same float32 (fmath.Narrow32).
func exp32(x float64) float32 {
	if f, ok := fmath.Narrow32(fmath.FastExp(x)); ok {
		return f
	}
	return float32(fmath.Exp(x))
}

// Package calibrate fits levers to observed figures by approximate
// Bayesian computation with sequential Monte Carlo (ABC-SMC; Toni et al.
// 2009, with the adaptive kernel of Beaumont et al. 2009 and tolerances
// set from the previous generation's distances, Del Moral et al. 2012).
package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"mutualsim/internal/fmath"
)

// Param is one quantity fitted, with its uniform prior on [Min, Max]; an
// Int one takes whole numbers.
type Param struct {
	Name     string
	Min, Max float64
	Int      bool
}

// Simulator returns the statistics, one per target, of a simulation at
// theta whose random streams come from seed. It must give the same
// statistics for the same theta and seed.
type Simulator func(ctx context.Context, theta []float64, seed uint64) ([]float64, error)

// Options set the sampler.
type Options struct {
	Particles   int     // particles per generation
	Generations int     // generations after the first, drawn from the prior
	Quantile    float64 // a generation's tolerance: this quantile of the previous one's distances
	// MaxProposals bounds the proposals of one generation, as a multiple
	// of Particles; a generation that cannot accept Particles within it
	// ends the run, which keeps the generations before it.
	MaxProposals int
	Seed         uint64
	Workers      int
	// Progress, if set, is told of each simulation done in a generation.
	Progress func(generation, done, accepted int)
}

// DefaultOptions returns 200 particles, 6 generations after the prior's,
// tolerances at the median of the previous distances.
func DefaultOptions() Options {
	return Options{Particles: 200, Generations: 6, Quantile: 0.5, MaxProposals: 20, Seed: 1, Workers: 1}
}

// Particle is one accepted parameter value, its importance weight (the
// weights of a generation sum to 1), its distance from the observations
// and the statistics it gave.
type Particle struct {
	Theta    []float64
	Weight   float64
	Distance float64
	Stats    []float64
}

// Generation is one population of particles and how it was drawn.
type Generation struct {
	Epsilon   float64 // tolerance; +Inf for the first, drawn from the prior
	Proposed  int     // simulations run
	Particles []Particle
}

// ESS returns the effective sample size of the generation's weights,
// 1 / Σ w².
func (g Generation) ESS() float64 {
	s := 0.0
	for _, p := range g.Particles {
		s += float64(p.Weight * p.Weight)
	}
	if s == 0 {
		return 0
	}
	return 1 / s
}

// Distance returns the distance of simulated statistics from the observed
// ones: the root mean square of the differences, each divided by its
// scale; +Inf if a statistic is undefined.
func Distance(stats, observed, scales []float64) float64 {
	s := 0.0
	for k := range observed {
		if k >= len(stats) || math.IsNaN(stats[k]) {
			return math.Inf(1)
		}
		z := (stats[k] - observed[k]) / scales[k]
		s += float64(z * z)
	}
	return math.Sqrt(s / float64(len(observed)))
}

// ErrTolerance ends a run whose generation could not accept enough
// particles within its proposals.
var ErrTolerance = errors.New("tolerance not met")

// Run samples the posterior of params given the observed statistics,
// generation after generation, and returns every generation: the first
// from the prior, each later one from the one before it, perturbed, and
// kept within a tolerance. Proposal k of generation g draws its value and
// its simulation's seed from (Seed, g, k) alone, so the result does not
// depend on Workers. A generation that cannot accept Particles within
// MaxProposals × Particles ends the run after the generations before it,
// with ErrTolerance wrapped in the error.
func Run(ctx context.Context, params []Param, sim Simulator, observed, scales []float64, opt Options) ([]Generation, error) {
	if err := check(params, observed, scales, opt); err != nil {
		return nil, err
	}
	var gens []Generation
	for g := 0; g <= opt.Generations; g++ {
		var prev *Generation
		eps := math.Inf(1)
		if g > 0 {
			prev = &gens[g-1]
			eps = tolerance(prev, opt.Quantile)
		}
		gen, err := generation(ctx, g, prev, eps, params, sim, observed, scales, opt)
		if err != nil {
			if errors.Is(err, ErrTolerance) && len(gens) > 1 {
				return gens, fmt.Errorf("generation %d: %w", g, err)
			}
			return gens, err
		}
		gens = append(gens, gen)
	}
	return gens, nil
}

func check(params []Param, observed, scales []float64, opt Options) error {
	switch {
	case len(params) == 0:
		return errors.New("no parameter to fit")
	case len(observed) == 0 || len(scales) != len(observed):
		return errors.New("no observation, or not a scale for each")
	case opt.Particles < 2:
		return fmt.Errorf("particles: %d, expected at least 2", opt.Particles)
	case opt.Generations < 0:
		return fmt.Errorf("generations: %d, expected 0 or more", opt.Generations)
	case !(opt.Quantile > 0 && opt.Quantile < 1):
		return fmt.Errorf("quantile: %g, expected between 0 and 1", opt.Quantile)
	case opt.MaxProposals < 1:
		return fmt.Errorf("max proposals: %d, expected at least 1", opt.MaxProposals)
	}
	for _, p := range params {
		if !(p.Min < p.Max) || math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0) {
			return fmt.Errorf("%s: prior range [%g, %g], expected a finite min below max", p.Name, p.Min, p.Max)
		}
	}
	for k, s := range scales {
		if !(s > 0) || math.IsInf(s, 0) {
			return fmt.Errorf("observation %d: scale %g, expected more than 0", k+1, s)
		}
	}
	return nil
}

// tolerance returns the quantile q of a generation's distances.
func tolerance(g *Generation, q float64) float64 {
	d := make([]float64, len(g.Particles))
	for i, p := range g.Particles {
		d[i] = p.Distance
	}
	slices.Sort(d)
	return d[min(len(d)-1, int(math.Floor(q*float64(len(d)))))]
}

// proposal is one simulation of a generation.
type proposal struct {
	theta []float64
	seed  uint64
	stats []float64
	dist  float64
	err   error
}

// generation draws one generation, in batches of Particles proposals run
// concurrently and judged in index order.
func generation(ctx context.Context, g int, prev *Generation, eps float64, params []Param, sim Simulator, observed, scales []float64, opt Options) (Generation, error) {
	gen := Generation{Epsilon: eps}
	var sd []float64
	if prev != nil {
		sd = kernelSD(prev, len(params))
	}
	limit := opt.MaxProposals * opt.Particles
	for start := 0; len(gen.Particles) < opt.Particles; start += opt.Particles {
		if start >= limit {
			return gen, fmt.Errorf("%w: %d of %d particles within %.4g after %d proposals (raise --max-proposals or --quantile, or widen the priors)",
				ErrTolerance, len(gen.Particles), opt.Particles, eps, start)
		}
		batch := make([]proposal, opt.Particles)
		for k := range batch {
			batch[k] = propose(g, start+k, prev, sd, params, opt.Seed)
		}
		if err := simulate(ctx, batch, sim, observed, scales, opt.Workers, func(done int) {
			if opt.Progress != nil {
				opt.Progress(g, start+done, len(gen.Particles))
			}
		}); err != nil {
			return gen, err
		}
		for k := range batch {
			gen.Proposed++
			if b := batch[k]; b.dist <= eps && !math.IsInf(b.dist, 1) {
				gen.Particles = append(gen.Particles, Particle{Theta: b.theta, Distance: b.dist, Stats: b.stats})
				if len(gen.Particles) == opt.Particles {
					break
				}
			}
		}
	}
	weigh(&gen, prev, sd)
	return gen, nil
}

// propose draws proposal k of generation g: from the prior in the first
// generation, else a particle of the previous one chosen by weight and
// moved by the Gaussian kernel, drawn again until it lies in the prior.
func propose(g, k int, prev *Generation, sd []float64, params []Param, seed uint64) proposal {
	h := mix(mix(mix(seed^0x6d7574756c73696d)^uint64(g)) ^ uint64(k))
	r := rand.New(rand.NewPCG(h, 0x616263)) // "abc"
	theta := make([]float64, len(params))
	for {
		if prev == nil {
			for d, p := range params {
				theta[d] = p.Min + float64(r.Float64()*(p.Max-p.Min))
			}
		} else {
			u, j := r.Float64(), 0
			for c := 0.0; j < len(prev.Particles)-1; j++ {
				c += prev.Particles[j].Weight
				if u < c {
					break
				}
			}
			for d := range params {
				theta[d] = prev.Particles[j].Theta[d] + float64(sd[d]*normal(r))
			}
		}
		ok := true
		for d, p := range params {
			if p.Int {
				theta[d] = math.Round(theta[d])
			}
			ok = ok && theta[d] >= p.Min && theta[d] <= p.Max
		}
		if ok {
			return proposal{theta: slices.Clone(theta), seed: mix(h ^ 0x73696d)} // "sim"
		}
	}
}

// kernelSD returns the perturbation kernel's standard deviation in each
// dimension: twice the previous generation's weighted variance, square
// rooted (Beaumont et al. 2009).
func kernelSD(prev *Generation, n int) []float64 {
	sd := make([]float64, n)
	for d := range n {
		m := 0.0
		for _, p := range prev.Particles {
			m += float64(p.Weight * p.Theta[d])
		}
		v := 0.0
		for _, p := range prev.Particles {
			x := p.Theta[d] - m
			v += float64(p.Weight * float64(x*x))
		}
		sd[d] = math.Sqrt(2 * v)
		if sd[d] == 0 {
			sd[d] = 1e-12
		}
	}
	return sd
}

// weigh sets the importance weights of a generation: equal in the first;
// else the uniform prior's density (the same inside the prior) over the
// mixture of kernels around the previous generation's particles,
// normalised to sum to 1 (Toni et al. 2009, Algorithm 4).
func weigh(gen *Generation, prev *Generation, sd []float64) {
	n := float64(len(gen.Particles))
	if prev == nil {
		for i := range gen.Particles {
			gen.Particles[i].Weight = 1 / n
		}
		return
	}
	total := 0.0
	for i := range gen.Particles {
		den := 0.0
		for _, q := range prev.Particles {
			l := 0.0
			for d := range sd {
				z := (gen.Particles[i].Theta[d] - q.Theta[d]) / sd[d]
				l += float64(z * z)
			}
			den += float64(q.Weight * fmath.Exp(-l/2))
		}
		w := 0.0
		if den > 0 {
			w = 1 / den
		}
		gen.Particles[i].Weight = w
		total += w
	}
	for i := range gen.Particles {
		gen.Particles[i].Weight /= total
	}
}

// simulate runs the batch's simulations on workers goroutines, each into
// its own slot.
func simulate(ctx context.Context, batch []proposal, sim Simulator, observed, scales []float64, workers int, done func(int)) error {
	workers = max(1, min(workers, len(batch)))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	finished := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				b := &batch[k]
				b.stats, b.err = sim(ctx, b.theta, b.seed)
				b.dist = math.Inf(1)
				if b.err == nil {
					b.dist = Distance(b.stats, observed, scales)
				}
				mu.Lock()
				finished++
				n := finished
				mu.Unlock()
				done(n)
			}
		}()
	}
	for k := range batch {
		if ctx.Err() != nil {
			break
		}
		next <- k
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for k := range batch {
		if batch[k].err != nil {
			return fmt.Errorf("simulation at %v: %w", batch[k].theta, batch[k].err)
		}
	}
	return nil
}

// mix is the SplitMix64 finaliser (Steele, Lea and Flood 2014).
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// normal draws a standard normal by Marsaglia's polar method, from
// correctly rounded operations and fmath.Log only, the same bits on every
// machine (math/rand/v2's NormFloat64 calls math.Exp in its tail).
func normal(r *rand.Rand) float64 {
	for {
		a, b := float64(r.Float64()), float64(r.Float64()) // rounded: rand's scaling must not fuse with what follows
		u, v := (a+a)-1, (b+b)-1                           // uniform on [-1, 1), no product to fuse
		s := float64(u*u) + float64(v*v)
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*fmath.Log(s)/s)
		}
	}
}

package calibrate

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// normalMean simulates the mean of n draws from N(theta, 1), its noise
// from seed: the likelihood of the observed mean is N(theta, 1/n), so with
// a flat prior the posterior is N(observed, 1/n).
func normalMean(n int) Simulator {
	return func(_ context.Context, theta []float64, seed uint64) ([]float64, error) {
		r := rand.New(rand.NewPCG(seed, 7))
		s := 0.0
		for range n {
			s += normal(r)
		}
		return []float64{theta[0] + s/float64(n)}, nil
	}
}

// weighted returns the weighted mean and standard deviation of dimension
// d of a generation.
func weighted(g Generation, d int) (m, sd float64) {
	for _, p := range g.Particles {
		m += p.Weight * p.Theta[d]
	}
	for _, p := range g.Particles {
		x := p.Theta[d] - m
		sd += p.Weight * x * x
	}
	return m, math.Sqrt(sd)
}

// ABC-SMC recovers the posterior of a normal mean with known variance,
// N(1.3, 0.1): its mean within 0.05 and its standard deviation within
// 15% of 0.316, the tolerance shrinking each generation.
func TestRecoversNormalPosterior(t *testing.T) {
	opt := DefaultOptions()
	opt.Particles, opt.Generations, opt.Workers = 1000, 6, 2
	gens, err := Run(context.Background(), []Param{{Name: "theta", Min: -10, Max: 10}}, normalMean(10), []float64{1.3}, []float64{1}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < len(gens); i++ {
		if gens[i].Epsilon > gens[i-1].Epsilon {
			t.Errorf("generation %d: tolerance %g after %g", i, gens[i].Epsilon, gens[i-1].Epsilon)
		}
	}
	last := gens[len(gens)-1]
	m, sd := weighted(last, 0)
	t.Logf("posterior mean %.4f, sd %.4f (exact 1.3, %.4f); tolerance %.4g, ESS %.0f, %d proposals", m, sd, 1/math.Sqrt(10), last.Epsilon, last.ESS(), last.Proposed)
	if math.Abs(m-1.3) > 0.05 {
		t.Errorf("posterior mean %.4f, want 1.3 ± 0.05", m)
	}
	if want := 1 / math.Sqrt(10); math.Abs(sd-want) > 0.15*want {
		t.Errorf("posterior sd %.4f, want %.4f ± 15%%", sd, want)
	}
}

// The same seed gives the same particles whatever the number of workers.
func TestWorkersDoNotMatter(t *testing.T) {
	run := func(workers int) []Generation {
		opt := DefaultOptions()
		opt.Particles, opt.Generations, opt.Workers = 50, 3, workers
		gens, err := Run(context.Background(), []Param{{Name: "a", Min: -5, Max: 5}, {Name: "k", Min: 0, Max: 10, Int: true}},
			func(ctx context.Context, th []float64, seed uint64) ([]float64, error) {
				s, err := normalMean(5)(ctx, th[:1], seed)
				return []float64{s[0], th[1]}, err
			}, []float64{0.5, 4}, []float64{1, 2}, opt)
		if err != nil {
			t.Fatal(err)
		}
		return gens
	}
	a, b := run(1), run(4)
	for g := range a {
		for i := range a[g].Particles {
			pa, pb := a[g].Particles[i], b[g].Particles[i]
			if pa.Theta[0] != pb.Theta[0] || pa.Theta[1] != pb.Theta[1] || pa.Weight != pb.Weight {
				t.Fatalf("generation %d particle %d: %v against %v", g, i, pa, pb)
			}
			if pa.Theta[1] != math.Round(pa.Theta[1]) {
				t.Fatalf("a whole-number parameter took %v", pa.Theta[1])
			}
		}
	}
}

func TestDistance(t *testing.T) {
	if d := Distance([]float64{1, 5}, []float64{0, 1}, []float64{1, 2}); math.Abs(d-math.Sqrt((1+4)/2.0)) > 1e-12 {
		t.Errorf("distance %v", d)
	}
	if d := Distance([]float64{math.NaN()}, []float64{0}, []float64{1}); !math.IsInf(d, 1) {
		t.Errorf("undefined statistic: distance %v", d)
	}
}

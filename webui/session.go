package webui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// Frame is one simulated year as the page draws it: every measure's mean
// and 95% interval across replications, the same for the comparator (the
// ghost) and the paired difference between them, from replications that
// share their random streams (common random numbers).
type Frame struct {
	Year int `json:"year"`
	// Branch is true for the first year simulated under changed levers.
	Branch bool `json:"branch"`
	// M holds [mean, low, high] by measure name.
	M     map[string]Triple `json:"m"`
	Ghost map[string]Triple `json:"ghost,omitempty"`
	Diff  map[string]Triple `json:"diff,omitempty"`
}

// Triple is a mean or difference with the ends of its 95% interval; an
// undefined value (NaN) is written as null.
type Triple [3]float64

// MarshalJSON writes the triple as an array, NaN as null.
func (t Triple) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, x := range t {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNumber(b, x)
	}
	return append(b, ']'), nil
}

// Branch is a change of levers: the years from Year on were simulated
// under Set.
type Branch struct {
	Year int      `json:"year"`
	Set  []string `json:"set"`
}

// errDone is returned by a step after the last year.
var errDone = errors.New("the run has reached its last year: press Reset to start again")

// history is the simulation a browser tab owns: one world per replication
// of the scenario and of its comparator, stepped a year at a time. It is
// not safe for concurrent use; the session guards it.
type history struct {
	spec      spec
	scen      *inputs.Scenario // the levers in force now
	ghostScen *inputs.Scenario // the comparator's, nil without one
	worlds    []*sim.World
	ghosts    []*sim.World
	frames    []Frame
	branches  []Branch
	// pending is a change of levers to apply before the next year, and
	// pendingSet the levers it changes.
	pending    *inputs.Scenario
	pendingSet []string
	workers    int
	// broken is the failure of a step that left the worlds part-way
	// through a year: nothing steps on until Reset.
	broken error
}

// applied returns the levers changed from the scenario's values under
// which the last year was simulated.
func (h *history) applied() []string {
	if len(h.branches) > 0 {
		return h.branches[len(h.branches)-1].Set
	}
	return h.spec.req.Set
}

// newHistory builds the worlds of every replication in their first year.
func newHistory(ctx context.Context, sp spec, workers int) (*history, error) {
	h := &history{spec: sp, scen: sp.scen, ghostScen: sp.ghost, workers: workers}
	n := sp.scen.Replications
	if sp.ghost != nil {
		n *= 2
	}
	// Replications run side by side; spare workers take regions within
	// each (results never depend on the split).
	inner := max(1, workers/n)
	var err error
	if h.worlds, err = buildWorlds(ctx, sp.scen, workers, inner); err != nil {
		return nil, err
	}
	if sp.ghost != nil {
		if h.ghosts, err = buildWorlds(ctx, sp.ghost, workers, inner); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// buildWorlds builds every replication's world, on up to workers
// goroutines, each world using inner goroutines for its regions.
func buildWorlds(ctx context.Context, scen *inputs.Scenario, workers, inner int) ([]*sim.World, error) {
	worlds := make([]*sim.World, scen.Replications)
	err := forEach(ctx, len(worlds), workers, func(r int) error {
		w, err := sim.NewWorld(scen, r, inner)
		worlds[r] = w
		return err
	})
	return worlds, err
}

// forEach calls fn(0), …, fn(n-1) on up to workers goroutines and returns
// the error of the lowest index that failed.
func forEach(ctx context.Context, n, workers int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = fn(i)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(slices.DeleteFunc(errs, func(e error) bool { return e == nil })...)
}

// nextYear returns the year the next step simulates.
func (h *history) nextYear() int {
	if len(h.frames) == 0 {
		return h.scen.StartYear
	}
	return h.frames[len(h.frames)-1].Year + 1
}

// done reports whether the last year has been simulated.
func (h *history) done() bool { return h.nextYear() > h.scen.EndYear() }

// step simulates the next year of every replication, of the scenario and
// of its comparator, and returns its frame. A step is not interrupted
// once it has begun: every world moves together, or, should one fail, the
// history is broken and steps no more.
func (h *history) step(ctx context.Context) (Frame, error) {
	switch {
	case h.broken != nil:
		return Frame{}, h.broken
	case h.done():
		return Frame{}, errDone
	case ctx.Err() != nil:
		return Frame{}, ctx.Err()
	}
	f, err := h.advance(context.WithoutCancel(ctx))
	if err != nil {
		h.broken = fmt.Errorf("the simulation failed in %d: %w; press Reset", h.nextYear(), err)
		return Frame{}, h.broken
	}
	h.frames = append(h.frames, f)
	return f, nil
}

// advance moves every world into the next year and simulates it.
func (h *history) advance(ctx context.Context) (Frame, error) {
	branch := false
	if len(h.frames) > 0 {
		next := h.scen
		if h.pending != nil {
			next, branch = h.pending, true
		}
		if err := continueAll(ctx, h.worlds, next, h.workers); err != nil {
			return Frame{}, err
		}
		if err := continueAll(ctx, h.ghosts, h.ghostScen, h.workers); err != nil {
			return Frame{}, err
		}
		if branch {
			h.branches = append(h.branches, Branch{Year: h.nextYear(), Set: h.pendingSet})
			h.scen, h.pending, h.pendingSet = h.pending, nil, nil
		}
	}
	all := append(slices.Clip(h.worlds), h.ghosts...)
	if err := forEach(ctx, len(all), h.workers, func(i int) error { return all[i].Simulate() }); err != nil {
		return Frame{}, err
	}
	f, err := frameOf(h.worlds, h.ghosts)
	if err != nil {
		return Frame{}, err
	}
	f.Branch = branch
	return f, nil
}

// continueAll moves every world into its next year under scen.
func continueAll(ctx context.Context, worlds []*sim.World, scen *inputs.Scenario, workers int) error {
	return forEach(ctx, len(worlds), workers, func(i int) error { return worlds[i].Continue(scen) })
}

// frameOf summarises the year the worlds have just simulated, with the
// accumulator that writes summary.csv, so that the page shows the numbers
// of the command line's run folder.
func frameOf(worlds, ghosts []*sim.World) (Frame, error) {
	values := func(worlds []*sim.World) [][]float64 {
		out := make([][]float64, len(worlds))
		for r, w := range worlds {
			rec := w.Replication()
			out[r] = rec.Values[len(rec.Values)-1]
		}
		return out
	}
	year := worlds[0].Year()
	a := values(worlds)
	m, err := summarise(year, a)
	if err != nil {
		return Frame{}, err
	}
	f := Frame{Year: year, M: m}
	if len(ghosts) > 0 {
		b := values(ghosts)
		if f.Ghost, err = summarise(year, b); err != nil {
			return Frame{}, err
		}
		f.Diff = map[string]Triple{}
		for mi, m := range sim.Measures() {
			xa, xb := column(b, mi), column(a, mi)
			d := outputs.Paired(xa, xb)
			f.Diff[m.Name] = Triple{d.Diff, d.Low, d.High}
		}
	}
	return f, nil
}

// summarise returns each measure's mean and interval across the
// replications' values of one year.
func summarise(year int, values [][]float64) (map[string]Triple, error) {
	var acc outputs.Accumulator
	for r, v := range values {
		if err := acc.Add(&sim.Replication{Rep: r, Years: []int{year}, Values: [][]float64{v}}); err != nil {
			return nil, fmt.Errorf("summarise %d: %w", year, err)
		}
	}
	out := map[string]Triple{}
	for _, st := range acc.Stats() {
		out[st.Measure] = Triple{st.Mean, st.Low, st.High}
	}
	return out, nil
}

// column returns measure mi of every replication.
func column(values [][]float64, mi int) []float64 {
	out := make([]float64, len(values))
	for r, v := range values {
		out[r] = v[mi]
	}
	return out
}

package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"mutualsim/agents"
	"mutualsim/inputs"
)

// TrialGroup is what one group of providers in the ownership trial showed,
// averaged over the measured years.
type TrialGroup struct {
	Productivity float64 // effective staff-years per head-year worked
	Absence      float64 // share of time absent
	Turnover     float64 // leavers ÷ headcount at the start of the year
}

// TrialResult is one replication of the ownership trial.
type TrialResult struct {
	Owned TrialGroup // providers owned by their staff
	NHS   TrialGroup // NHS providers
}

// OwnershipTrial runs MODEL.md §8's controlled comparison of otherwise
// identical providers: every region's provider gets the same efficiency,
// capability and slack, and in every other region it is an employee-owned
// mutual with the governance levers in force (participation as
// governance.participation says). scen should switch off whatever would
// change who holds what (tendering, spin-outs, failure, acquisitions); the
// first warmup years let staff settle and are not measured. Replications
// run on up to workers goroutines and come back in index order.
func OwnershipTrial(ctx context.Context, scen *inputs.Scenario, warmup, workers int) ([]TrialResult, error) {
	if err := scen.Validate(); err != nil {
		return nil, fmt.Errorf("scenario %q: %w", scen.Name, err)
	}
	if warmup < 0 || warmup >= scen.Years {
		return nil, fmt.Errorf("warm-up of %d years leaves nothing of a %d-year run to measure", warmup, scen.Years)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]TrialResult, scen.Replications)
	errs := make([]error, scen.Replications)
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for rep := range scen.Replications {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			out[rep], errs[rep] = trialReplication(ctx, scen, rep, warmup)
		})
	}
	wg.Wait()
	for rep, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("replication %d: %w", rep, err)
		}
	}
	return out, nil
}

func trialReplication(ctx context.Context, scen *inputs.Scenario, rep, warmup int) (TrialResult, error) {
	w, err := newWorld(scen, rep, 1)
	if err != nil {
		return TrialResult{}, err
	}
	w.makeTrial()
	type sums struct{ labour, worked, absent, head, leavers, start float64 }
	var acc [agents.NumKinds]sums
	for y := range scen.Years {
		if err := ctx.Err(); err != nil {
			return TrialResult{}, err
		}
		if err := w.Step(); err != nil {
			return TrialResult{}, err
		}
		if y < warmup {
			continue
		}
		d := &w.tally.delivered
		for k := range agents.NumKinds {
			acc[k].labour += d.labour[k]
			acc[k].worked += d.worked[k]
		}
		for _, r := range w.regions {
			for s := range agents.NumServices {
				sv := &r.svc[s]
				a := &acc[sv.Kind]
				a.absent += sv.Absence
				a.head += float64(sv.Headcount)
				a.leavers += float64(sv.Leavers)
				a.start += float64(sv.HeadStart)
			}
		}
	}
	group := func(k agents.Kind) TrialGroup {
		a := acc[k]
		return TrialGroup{Productivity: ratio(a.labour, a.worked), Absence: ratio(a.absent, a.head), Turnover: ratio(a.leavers, a.start)}
	}
	return TrialResult{Owned: group(agents.Mutual), NHS: group(agents.NHS)}, nil
}

// makeTrial makes every region's provider identical and hands every other
// region's services to a new employee-owned mutual.
func (w *World) makeTrial() {
	capability := w.p.Productivity.CapabilityMean
	for _, r := range w.regions {
		p := &w.providers[r.InHouse]
		p.Efficiency, p.Capability, p.Productivity = 1, capability, 1
		if r.ID%2 == 0 {
			continue
		}
		m := w.newMutual(newStream(w.seed, w.rep, purposeFirmInit, 2, int(r.ID)), p, w.year-earlyMutualAge, p.Slack)
		m.Efficiency, m.Capability, m.Productivity, m.SpunOut = 1, capability, 1, false
		m.History, m.Reserves = earlyMutualAge, p.Reserves
		id := w.addProvider(m)
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active && c.Holder == r.InHouse {
				c.Holder = id
			}
		}
		w.applyTransferNow(r, agents.ServiceSet(1<<agents.NumServices-1), id)
	}
}

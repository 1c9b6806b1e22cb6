package sim

import (
	"fmt"

	"mutualsim/agents"
	"mutualsim/inputs"
)

// NewWorld builds replication rep of scen at its start year, with regions
// processed on up to workers goroutines. The world is ready for Step.
func NewWorld(scen *inputs.Scenario, rep, workers int) (*World, error) {
	if err := scen.Validate(); err != nil {
		return nil, fmt.Errorf("scenario %q: %w", scen.Name, err)
	}
	return newWorld(scen, rep, workers)
}

// Year returns the year the next Step simulates.
func (w *World) Year() int { return w.year }

// Staff returns the number of staff in the world.
func (w *World) Staff() int {
	n := 0
	for _, r := range w.regions {
		n += r.Staff.Len()
	}
	return n
}

// Step simulates one year in the order of MODEL.md §3 and moves to the next.
func (w *World) Step() error {
	w.simulateYear()
	return w.setYear(w.year + 1)
}

// simulateYear runs the phases of the current year, ending with its
// measures; the world stays in that year until setYear moves it on.
func (w *World) simulateYear() {
	w.tally = tally{}
	w.deliver()         // 1. deliver services
	w.allocateSurplus() // 2. allocate surplus
	w.staffDynamics()   // 3. staff dynamics
	w.spinouts()        // 4. spin-outs
	w.tendering()       // 5. tendering
	w.marketDynamics()  // 6. market dynamics
	w.applyTransfers()  //    TUPE: pension rules and shocks for staff who moved
	w.measure()         // 7. measure
}

// Replication returns what the world has recorded so far.
func (w *World) Replication() *Replication { return w.rec }

// Providers returns the providers, indexed by id. The slice is the world's
// own: callers must not change it.
func (w *World) Providers() []agents.Provider { return w.providers }

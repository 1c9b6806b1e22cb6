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

// Simulate runs the phases of the world's current year, ending with its
// measures, which Replication then holds; the world stays in that year
// until Continue moves it on. Simulate then Continue under the world's own
// scenario is Step. A year is simulated once: calling Simulate again
// before Continue is an error, and changes nothing.
func (w *World) Simulate() error {
	if w.simulated {
		return fmt.Errorf("%d is simulated already: Continue moves the world to the next year", w.year)
	}
	w.simulateYear()
	w.simulated = true
	return nil
}

// Continue moves a world that has simulated its year into the next year
// under the levers of scen. Under the world's own scenario it continues
// the uninterrupted run; under another it makes the branch that "mutualsim
// branch" makes from a checkpoint of this year (MODEL.md §7), without the
// file. scen must keep the world's seed, replications, scale and start
// year, and end after this year. A world whose year is not simulated is
// refused, unchanged.
func (w *World) Continue(scen *inputs.Scenario) error {
	if !w.simulated {
		return fmt.Errorf("%d is not simulated yet: Simulate it before moving on", w.year)
	}
	if scen != w.scen {
		if err := scen.Validate(); err != nil {
			return fmt.Errorf("scenario %q: %w", scen.Name, err)
		}
		if err := branchable(CheckpointInfo{Seed: w.seed, Replications: w.scen.Replications, Scale: w.scen.Scale,
			StartYear: w.scen.StartYear, Year: w.year}, scen); err != nil {
			return fmt.Errorf("scenario %q cannot continue the run in %d: %w", scen.Name, w.year, err)
		}
		scale, err := inputs.ScaleByName(scen.Scale)
		if err != nil {
			return err
		}
		old, oldScale := w.scen, w.scale
		w.scen, w.scale = scen, scale
		if err := w.setYear(w.year + 1); err != nil {
			w.scen, w.scale = old, oldScale
			return err
		}
		w.simulated = false
		return nil
	}
	if err := w.setYear(w.year + 1); err != nil {
		return err
	}
	w.simulated = false
	return nil
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

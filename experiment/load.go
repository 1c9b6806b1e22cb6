package experiment

import (
	"errors"
	"fmt"
	"slices"

	"mutualsim/inputs"
	"mutualsim/scenarios"
)

// Load loads every scenario named (a built-in name or a file) with the
// same options, reporting every problem of every one at once, and checks
// that their names, which name their folders in a batch, differ.
func Load(refs []string, opt scenarios.LoadOptions) ([]*inputs.Scenario, error) {
	var scens []*inputs.Scenario
	var problems inputs.Problems
	seen := map[string]bool{}
	for _, ref := range refs {
		s, err := scenarios.Load(ref, opt)
		if err != nil {
			var ps inputs.Problems
			if !errors.As(err, &ps) {
				return nil, err
			}
			for _, p := range ps {
				// --set and environment problems repeat for every scenario.
				if !seen[p.String()] {
					seen[p.String()] = true
					problems = append(problems, p)
				}
			}
			continue
		}
		if i := slices.IndexFunc(scens, func(o *inputs.Scenario) bool { return o.Name == s.Name }); i >= 0 {
			problems = append(problems, inputs.Problem{File: s.Source, Key: "name",
				Msg: fmt.Sprintf("name: %q is also the name of %s; names must differ in a batch, as each names a folder", s.Name, scens[i].Source)})
			continue
		}
		scens = append(scens, s)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return scens, nil
}

// LoadWithComparator loads the scenario ref and the scenario it names as
// its comparator (compare_to; without one, the scenario it extends), the
// comparator first, both at ref's scale, years, seed and replications
// unless the options set them, so that their replications pair.
func LoadWithComparator(ref string, opt scenarios.LoadOptions) ([]*inputs.Scenario, error) {
	s, err := scenarios.Load(ref, opt)
	if err != nil {
		return nil, err
	}
	if s.CompareTo == "" {
		return nil, fmt.Errorf("%s names no scenario to compare it with (compare_to) and extends none: name two scenarios, \"mutualsim compare A %s\"", s.Name, ref)
	}
	base, err := scenarios.Load(s.CompareTo, PairedOptions(s, opt))
	if err != nil {
		return nil, fmt.Errorf("%s's comparator: %w", s.Name, err)
	}
	if base.Name == s.Name {
		return nil, fmt.Errorf("%s names itself as its comparator", s.Name)
	}
	return []*inputs.Scenario{base, s}, nil
}

// PairedOptions returns opt with the run settings it leaves unset taken
// from s: its scale, years, start year, seed and replications, so that a
// scenario loaded with them pairs with s replication by replication.
func PairedOptions(s *inputs.Scenario, opt scenarios.LoadOptions) scenarios.LoadOptions {
	if opt.Scale == nil {
		opt.Scale = &s.Scale
	}
	if opt.Years == nil {
		opt.Years = &s.Years
	}
	if opt.StartYear == nil {
		opt.StartYear = &s.StartYear
	}
	if opt.Seed == nil {
		opt.Seed = &s.Seed
	}
	if opt.Replications == nil {
		opt.Replications = &s.Replications
	}
	return opt
}

// LoadCompared loads the scenarios of a comparison, the first the
// baseline: given one, the scenario with the comparator it names
// (LoadWithComparator); given more, those (Load). All must run at one
// scale, so that their replications pair.
func LoadCompared(refs []string, opt scenarios.LoadOptions) ([]*inputs.Scenario, error) {
	var scens []*inputs.Scenario
	var err error
	switch len(refs) {
	case 0:
		return nil, errNoScenarios
	case 1:
		scens, err = LoadWithComparator(refs[0], opt)
	default:
		scens, err = Load(refs, opt)
	}
	if err != nil {
		return nil, err
	}
	if err := samePairs(scens); err != nil {
		return nil, err
	}
	return scens, nil
}

// samePairs checks that the scenarios' replications pair: one scale.
func samePairs(scens []*inputs.Scenario) error {
	for _, s := range scens[1:] {
		if s.Scale != scens[0].Scale {
			return fmt.Errorf("%s runs at %s scale and %s at %s: replications of different markets cannot be paired; pass --scale to run both at one", scens[0].Name, scens[0].Scale, s.Name, s.Scale)
		}
	}
	return nil
}

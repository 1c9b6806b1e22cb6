package inputs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// Scenario is everything one run needs: the market's scale, the run's length
// and seed, the levers, and the changes to levers over time.
type Scenario struct {
	Name         string
	Source       string   // the file or built-in it was loaded from, "" if built in code
	Chain        []string // Source and the scenarios it extends, child first
	Overrides    []string // environment variables and --set values applied on top
	Description  string
	Question     string
	CompareTo    string // the scenario its effect is measured against: a built-in name or a path, "" for none
	Caveat       string // where its answer rests on an assumption rather than a mechanism, or the question is open
	Scale        string
	StartYear    int
	Years        int
	Seed         uint64
	Replications int
	Params       *Params
	Timeline     []Change
}

// Change sets levers from the start of Year onwards.
type Change struct {
	Year int
	Set  []Assignment
}

// Assignment gives one lever a value, already checked against the lever.
type Assignment struct {
	Lever string
	Value any
}

// Run-level limits that Validate enforces.
const (
	MinStartYear = 1948 // the NHS's first year
	MaxStartYear = 2100
	MaxYears     = 200
	MaxReps      = 100000
)

// Default returns the built-in baseline: the 2010 status quo at the default
// scale, 20 years from 2010, 10 replications, seed 1.
func Default() *Scenario {
	return &Scenario{
		Name:         "baseline",
		Description:  "The 2010 status quo: open tendering of community services, the pension barrier (closed access), little support for spin-outs.",
		Question:     "What does the market look like if 2010's rules stay in force?",
		Scale:        "default",
		StartYear:    2010,
		Years:        20,
		Seed:         1,
		Replications: 10,
		Params:       Defaults(),
	}
}

// Clone returns a deep copy of s.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Params = s.Params.Clone()
	c.Chain = slices.Clone(s.Chain)
	c.Overrides = slices.Clone(s.Overrides)
	c.Timeline = make([]Change, len(s.Timeline))
	for i, ch := range s.Timeline {
		c.Timeline[i] = Change{Year: ch.Year, Set: append([]Assignment(nil), ch.Set...)}
	}
	return &c
}

// EndYear returns the last simulated year.
func (s *Scenario) EndYear() int { return s.StartYear + s.Years - 1 }

// ParamsAt returns the levers in force in year: the scenario's levers with
// every timeline change of that year or earlier applied in year order (in
// the order given for changes of the same year), so the latest change wins.
func (s *Scenario) ParamsAt(year int) (*Params, error) {
	p := s.Params.Clone()
	for _, ch := range s.changesInOrder() {
		if ch.Year > year {
			break
		}
		if err := ch.Apply(p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// changesInOrder returns the timeline sorted by year, keeping the given
// order within a year.
func (s *Scenario) changesInOrder() []Change {
	out := slices.Clone(s.Timeline)
	slices.SortStableFunc(out, func(a, b Change) int { return a.Year - b.Year })
	return out
}

// Apply sets each of the change's levers in p; an unknown lever or a value
// out of range is an error naming the change's year.
func (ch Change) Apply(p *Params) error {
	for _, a := range ch.Set {
		l, ok := LeverByName(a.Lever)
		if !ok {
			return fmt.Errorf("timeline %d: unknown lever %q", ch.Year, a.Lever)
		}
		if err := l.Set(p, a.Value); err != nil {
			return fmt.Errorf("timeline %d: %w", ch.Year, err)
		}
	}
	return nil
}

// Validate checks the scenario and returns every problem found as
// Problems, or nil.
func (s *Scenario) Validate() error {
	if ps := s.Check(); len(ps) > 0 {
		return ps
	}
	return nil
}

// Check returns every problem with the scenario, each tagged with the key it
// concerns ("years", "pension.access", "timeline[1].year") but not with a
// file position, which a loader adds.
func (s *Scenario) Check() Problems {
	var ps Problems
	if _, err := ScaleByName(s.Scale); err != nil {
		ps = append(ps, problemf("scale", "scale: %v", err))
	}
	if s.Years < 1 || s.Years > MaxYears {
		ps = append(ps, problemf("years", "years: %d is out of range, expected a whole number in [1, %d]", s.Years, MaxYears))
	}
	if s.StartYear < MinStartYear || s.StartYear > MaxStartYear {
		ps = append(ps, problemf("start_year", "start_year: %d is out of range, expected a year in [%d, %d]", s.StartYear, MinStartYear, MaxStartYear))
	}
	if s.Replications < 1 || s.Replications > MaxReps {
		ps = append(ps, problemf("replications", "replications: %d is out of range, expected a whole number in [1, %d]", s.Replications, MaxReps))
	}
	if s.Params == nil {
		return append(ps, problemf("", "scenario has no levers"))
	}
	ps = append(ps, s.Params.Validate()...)
	for i, ch := range s.Timeline {
		key := fmt.Sprintf("timeline[%d]", i)
		if s.Years >= 1 && (ch.Year < s.StartYear || ch.Year > s.EndYear()) {
			ps = append(ps, problemf(key+".year", "timeline: year %d is outside the run %d-%d", ch.Year, s.StartYear, s.EndYear()))
		}
		for _, a := range ch.Set {
			l, ok := LeverByName(a.Lever)
			if !ok {
				ps = append(ps, problemf(key+".set."+a.Lever, "timeline %d: unknown lever %q%s", ch.Year, a.Lever, DidYouMean(a.Lever, LeverNames())))
				continue
			}
			if _, err := l.Check(a.Value); err != nil {
				ps = append(ps, problemf(key+".set."+a.Lever, "timeline %d: %v", ch.Year, err))
			}
		}
	}
	// Joint constraints must hold in every year, not only at the start: report
	// what a timeline change breaks, once, at the first year it appears. The
	// levers are brought forward year by year, checked when they change.
	base := map[string]bool{}
	for _, p := range s.Params.Validate() {
		base[p.Msg] = true
	}
	seen := map[string]bool{}
	changes := s.changesInOrder()
	p, next := s.Params.Clone(), 0
	for y := s.StartYear; y <= s.EndYear() && s.Years >= 1 && s.Years <= MaxYears; y++ {
		applied := next == 0 && y == s.StartYear
		for ; next < len(changes) && changes[next].Year <= y; next++ {
			if changes[next].Apply(p) != nil {
				continue // the bad assignment is reported above
			}
			applied = true
		}
		if !applied {
			continue // nothing changed since last year
		}
		for _, e := range p.Validate() {
			if base[e.Msg] || seen[e.Key] {
				continue
			}
			seen[e.Key] = true
			e.Key = s.changeKey(y, e.Key)
			e.Msg = fmt.Sprintf("in %d after timeline changes: %s", y, e.Msg)
			ps = append(ps, e)
		}
	}
	return ps
}

// changeKey returns the key of the last timeline change up to year that sets
// lever, or lever itself if none does, so that a problem that appears only
// after a change points at that change.
func (s *Scenario) changeKey(year int, lever string) string {
	key, latest := lever, math.MinInt
	for i, ch := range s.Timeline {
		if ch.Year > year || ch.Year < latest {
			continue
		}
		for _, a := range ch.Set {
			if a.Lever == lever {
				key, latest = fmt.Sprintf("timeline[%d].set.%s", i, lever), ch.Year
			}
		}
	}
	return key
}

// Resolved is the fully resolved scenario in a plain form for manifests:
// every lever by dotted name with its value.
type Resolved struct {
	Name         string           `json:"name"`
	Source       string           `json:"source,omitempty"`
	Chain        []string         `json:"extends_chain,omitempty"`
	Overrides    []string         `json:"overrides,omitempty"`
	Description  string           `json:"description,omitempty"`
	Question     string           `json:"question,omitempty"`
	CompareTo    string           `json:"compare_to,omitempty"`
	Caveat       string           `json:"caveat,omitempty"`
	Scale        string           `json:"scale"`
	StartYear    int              `json:"start_year"`
	Years        int              `json:"years"`
	Seed         uint64           `json:"seed"`
	Replications int              `json:"replications"`
	Levers       []ResolvedLever  `json:"levers"`
	Timeline     []ResolvedChange `json:"timeline,omitempty"`
}

// ResolvedLever is one lever's value in a Resolved scenario.
type ResolvedLever struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ResolvedChange is one timeline change in a Resolved scenario.
type ResolvedChange struct {
	Year int             `json:"year"`
	Set  []ResolvedLever `json:"set"`
}

// Resolve returns the scenario with every lever written out by name.
func (s *Scenario) Resolve() Resolved {
	r := Resolved{Name: s.Name, Source: s.Source, Chain: s.Chain, Overrides: s.Overrides, Description: s.Description, Question: s.Question,
		CompareTo: s.CompareTo, Caveat: s.Caveat, Scale: s.Scale,
		StartYear: s.StartYear, Years: s.Years, Seed: s.Seed, Replications: s.Replications}
	for _, l := range leverList {
		r.Levers = append(r.Levers, ResolvedLever{Name: l.Name, Value: l.Format(l.Get(s.Params))})
	}
	for _, ch := range s.Timeline {
		rc := ResolvedChange{Year: ch.Year}
		for _, a := range ch.Set {
			l, ok := LeverByName(a.Lever)
			v := fmt.Sprint(a.Value)
			if ok {
				v = l.Format(a.Value)
			}
			rc.Set = append(rc.Set, ResolvedLever{Name: a.Lever, Value: v})
		}
		r.Timeline = append(r.Timeline, rc)
	}
	return r
}

// Hash returns a SHA-256 of everything that determines the results except the
// number of replications and the seed: the scale, the years, every lever and
// the timeline. Two runs with equal hashes and seeds give the same results.
func (s *Scenario) Hash() string {
	r := s.Resolve()
	r.Overrides = nil
	r.Name, r.Source, r.Chain, r.Description, r.Question, r.Seed, r.Replications = "", "", nil, "", "", 0, 0
	r.CompareTo, r.Caveat = "", ""
	b, err := json.Marshal(r)
	if err != nil {
		// Resolved holds only strings and numbers; Marshal cannot fail.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

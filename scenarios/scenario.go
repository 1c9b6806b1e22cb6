package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// Scenario is everything one run needs: the market's scale, the run's length
// and seed, the levers, and the changes to levers over time.
type Scenario struct {
	Name         string
	Description  string
	Question     string
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
	c.Timeline = make([]Change, len(s.Timeline))
	for i, ch := range s.Timeline {
		c.Timeline[i] = Change{Year: ch.Year, Set: append([]Assignment(nil), ch.Set...)}
	}
	return &c
}

// EndYear returns the last simulated year.
func (s *Scenario) EndYear() int { return s.StartYear + s.Years - 1 }

// ParamsAt returns the levers in force in year: the scenario's levers with
// every timeline change of that year or earlier applied in order.
func (s *Scenario) ParamsAt(year int) (*Params, error) {
	p := s.Params.Clone()
	for _, ch := range s.Timeline {
		if ch.Year > year {
			continue
		}
		for _, a := range ch.Set {
			l, ok := LeverByName(a.Lever)
			if !ok {
				return nil, fmt.Errorf("timeline %d: unknown lever %q", ch.Year, a.Lever)
			}
			if err := l.Set(p, a.Value); err != nil {
				return nil, fmt.Errorf("timeline %d: %w", ch.Year, err)
			}
		}
	}
	return p, nil
}

// Validate checks the scenario and returns every problem found, joined.
func (s *Scenario) Validate() error {
	var errs []error
	if _, err := ScaleByName(s.Scale); err != nil {
		errs = append(errs, fmt.Errorf("scale: %w", err))
	}
	if s.Years < 1 || s.Years > MaxYears {
		errs = append(errs, fmt.Errorf("years: %d is out of range, expected a whole number in [1, %d]", s.Years, MaxYears))
	}
	if s.StartYear < MinStartYear || s.StartYear > MaxStartYear {
		errs = append(errs, fmt.Errorf("start_year: %d is out of range, expected a year in [%d, %d]", s.StartYear, MinStartYear, MaxStartYear))
	}
	if s.Replications < 1 || s.Replications > MaxReps {
		errs = append(errs, fmt.Errorf("replications: %d is out of range, expected a whole number in [1, %d]", s.Replications, MaxReps))
	}
	if s.Params == nil {
		errs = append(errs, errors.New("params: missing"))
	} else {
		errs = append(errs, s.Params.Validate()...)
	}
	for _, ch := range s.Timeline {
		if s.Years >= 1 && (ch.Year < s.StartYear || ch.Year > s.EndYear()) {
			errs = append(errs, fmt.Errorf("timeline: year %d is outside the run %d-%d", ch.Year, s.StartYear, s.EndYear()))
		}
		for _, a := range ch.Set {
			l, ok := LeverByName(a.Lever)
			if !ok {
				errs = append(errs, unknownLeverError("timeline "+fmt.Sprint(ch.Year), a.Lever))
				continue
			}
			if _, err := l.Check(a.Value); err != nil {
				errs = append(errs, fmt.Errorf("timeline %d: %w", ch.Year, err))
			}
		}
	}
	if len(errs) == 0 && s.Params != nil {
		// Joint constraints must hold in every year, not only at the start.
		for y := s.StartYear; y <= s.EndYear(); y++ {
			p, err := s.ParamsAt(y)
			if err != nil {
				errs = append(errs, err)
				break
			}
			if pe := p.Validate(); len(pe) > 0 {
				for _, e := range pe {
					errs = append(errs, fmt.Errorf("in %d after timeline changes: %w", y, e))
				}
				break
			}
		}
	}
	return errors.Join(errs...)
}

func unknownLeverError(where, name string) error {
	var names []string
	for _, l := range Levers() {
		names = append(names, l.Name)
	}
	msg := fmt.Sprintf("%s: unknown lever %q", where, name)
	if c := Closest(name, names); c != "" {
		msg += fmt.Sprintf(", did you mean %q?", c)
	}
	return errors.New(msg)
}

// Resolved is the fully resolved scenario in a plain form for manifests:
// every lever by dotted name with its value.
type Resolved struct {
	Name         string           `json:"name"`
	Description  string           `json:"description,omitempty"`
	Question     string           `json:"question,omitempty"`
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
	r := Resolved{Name: s.Name, Description: s.Description, Question: s.Question, Scale: s.Scale,
		StartYear: s.StartYear, Years: s.Years, Seed: s.Seed, Replications: s.Replications}
	for _, l := range Levers() {
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
	r.Name, r.Description, r.Question, r.Seed, r.Replications = "", "", "", 0, 0
	b, err := json.Marshal(r)
	if err != nil {
		// Resolved holds only strings and numbers; Marshal cannot fail.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

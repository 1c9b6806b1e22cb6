package webui

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/scenarios"
)

// Request is what the page asks for when it starts a simulation: a
// built-in scenario or an uploaded scenario file, the levers changed from
// the scenario's values, and run settings that override the scenario's.
// The server never applies MUTUALSIM_* variables: what the page shows is
// the whole of what runs.
type Request struct {
	Scenario  string   `json:"scenario,omitempty"`
	File      *File    `json:"file,omitempty"`
	Set       []string `json:"set,omitempty"`
	Seed      *uint64  `json:"seed,omitempty"`
	Reps      *int     `json:"reps,omitempty"`
	Scale     *string  `json:"scale,omitempty"`
	Years     *int     `json:"years,omitempty"`
	StartYear *int     `json:"start_year,omitempty"`
	// Ghost runs the comparator alongside: the scenario's compare_to, or,
	// for a scenario that names none, the scenario as written when levers
	// were changed.
	Ghost bool `json:"ghost,omitempty"`
}

// File is a scenario file uploaded from the browser. Its extends chain
// may name built-in scenarios only: the server reads no file the browser
// names.
type File struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Problem is one thing wrong with a request, with the control it belongs
// to: "scenario", "file", "set", "seed", "reps", "scale", "years",
// "start_year" or "lever:section.key".
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
}

// RequestError is a request the server refuses, with every problem found.
type RequestError struct {
	Problems []Problem
}

func (e *RequestError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// spec is a request loaded: the scenario with the levers changed, and its
// comparator (nil without a ghost).
type spec struct {
	req   Request
	scen  *inputs.Scenario
	ghost *inputs.Scenario
}

// loadSpec loads a request by the same loader as the command line, with
// set as the levers changed.
func loadSpec(req Request, set []string) (spec, error) {
	opt := scenarios.LoadOptions{Set: set, Seed: req.Seed, Replications: req.Reps, Scale: req.Scale,
		Years: req.Years, StartYear: req.StartYear, NoFiles: true}
	scen, err := loadScenario(req, opt)
	if err != nil {
		return spec{}, err
	}
	sp := spec{req: req, scen: scen}
	if !req.Ghost {
		return sp, nil
	}
	switch {
	case scen.CompareTo != "":
		if !slices.Contains(scenarios.Names(), scen.CompareTo) {
			return spec{}, &RequestError{[]Problem{{Field: "file", Message: fmt.Sprintf(
				"compare_to: %q is not a built-in scenario; the browser can compare only with built-in scenarios (or untick the comparison)", scen.CompareTo)}}}
		}
		sp.ghost, err = scenarios.Load(scen.CompareTo, experiment.PairedOptions(scen, scenarios.LoadOptions{NoFiles: true}))
	case len(set) > 0:
		sp.ghost, err = loadScenario(req, experiment.PairedOptions(scen, scenarios.LoadOptions{NoFiles: true}))
	}
	if err != nil {
		return spec{}, fmt.Errorf("the comparator: %w", err)
	}
	return sp, nil
}

// loadScenario loads the request's scenario, a built-in or the uploaded
// file, with opt.
func loadScenario(req Request, opt scenarios.LoadOptions) (*inputs.Scenario, error) {
	var scen *inputs.Scenario
	var err error
	switch {
	case req.File != nil:
		name := path.Base(req.File.Name)
		switch path.Ext(name) {
		case ".yaml", ".yml", ".toml", ".json":
		default:
			return nil, &RequestError{[]Problem{{Field: "file", Message: fmt.Sprintf("%q: expected a .yaml, .toml or .json scenario file", req.File.Name)}}}
		}
		scen, err = scenarios.LoadData(name, []byte(req.File.Text), opt)
	case slices.Contains(scenarios.Names(), req.Scenario):
		scen, err = scenarios.Load(req.Scenario, opt)
	default:
		msg := fmt.Sprintf("%q is not a built-in scenario", req.Scenario)
		if s := inputs.DidYouMean(req.Scenario, scenarios.Names()); s != "" {
			msg += s
		}
		return nil, &RequestError{[]Problem{{Field: "scenario", Message: msg}}}
	}
	if err != nil {
		return nil, requestError(err)
	}
	return scen, nil
}

// requestError puts each of the loader's problems beside the control it
// belongs to.
func requestError(err error) error {
	var ps inputs.Problems
	if !errors.As(err, &ps) {
		return &RequestError{[]Problem{{Field: "scenario", Message: err.Error()}}}
	}
	out := make([]Problem, 0, len(ps))
	for _, p := range ps {
		out = append(out, Problem{Field: problemField(p), Message: p.String(), Line: p.Line})
	}
	return &RequestError{out}
}

// runSettings maps the loader's keys of run settings to the page's fields.
var runSettings = map[string]string{"seed": "seed", "replications": "reps", "scale": "scale", "years": "years", "start_year": "start_year"}

// problemField returns the page's field of a loader problem.
func problemField(p inputs.Problem) string {
	if f, ok := runSettings[p.Key]; ok && p.Line == 0 {
		return f
	}
	if p.File == "--set" {
		if _, ok := inputs.LeverByName(p.Key); ok {
			return "lever:" + p.Key
		}
		return "set"
	}
	if p.Line > 0 {
		return "file"
	}
	if _, ok := inputs.LeverByName(p.Key); ok {
		return "lever:" + p.Key
	}
	return "scenario"
}

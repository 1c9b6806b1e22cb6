package scenarios

import (
	"io"

	"mutualsim/inputs"
)

// The model's inputs (a scenario, its parameters, the levers, schedules and
// scales, and the problems found in them) live in package inputs, which
// reads no file and no environment, so that the engine does not depend on
// the file formats. This package reads them from files, the environment
// and the command line; the names below let its callers keep writing
// scenarios.Scenario.

// The model's input types, named here for the loader's callers.
type (
	// Scenario is inputs.Scenario.
	Scenario = inputs.Scenario
	// Params is inputs.Params.
	Params = inputs.Params
	// Commissioners is inputs.Commissioners.
	Commissioners = inputs.Commissioners
	// Governance is inputs.Governance.
	Governance = inputs.Governance
	// Market is inputs.Market.
	Market = inputs.Market
	// Mechanisms is inputs.Mechanisms.
	Mechanisms = inputs.Mechanisms
	// Pension is inputs.Pension.
	Pension = inputs.Pension
	// PensionAccess is inputs.PensionAccess.
	PensionAccess = inputs.PensionAccess
	// Procurement is inputs.Procurement.
	Procurement = inputs.Procurement
	// Productivity is inputs.Productivity.
	Productivity = inputs.Productivity
	// Support is inputs.Support.
	Support = inputs.Support
	// Workforce is inputs.Workforce.
	Workforce = inputs.Workforce
	// Resolved is inputs.Resolved.
	Resolved = inputs.Resolved
	// ResolvedChange is inputs.ResolvedChange.
	ResolvedChange = inputs.ResolvedChange
	// ResolvedLever is inputs.ResolvedLever.
	ResolvedLever = inputs.ResolvedLever
	// Scale is inputs.Scale.
	Scale = inputs.Scale
	// Schedule is inputs.Schedule.
	Schedule = inputs.Schedule
	// Step is inputs.Step.
	Step = inputs.Step
	// Change is inputs.Change.
	Change = inputs.Change
	// Assignment is inputs.Assignment.
	Assignment = inputs.Assignment
	// Lever is inputs.Lever.
	Lever = inputs.Lever
	// Kind is inputs.Kind.
	Kind = inputs.Kind
	// Problem is inputs.Problem.
	Problem = inputs.Problem
	// Problems is inputs.Problems.
	Problems = inputs.Problems
)

// Limits of a run, and the kinds of lever.
const (
	MinStartYear = inputs.MinStartYear
	MaxStartYear = inputs.MaxStartYear
	MaxYears     = inputs.MaxYears
	MaxReps      = inputs.MaxReps

	KindFloat    = inputs.KindFloat
	KindInt      = inputs.KindInt
	KindBool     = inputs.KindBool
	KindEnum     = inputs.KindEnum
	KindSchedule = inputs.KindSchedule
)

// Closest is inputs.Closest: the candidate nearest to name, or "".
func Closest(name string, candidates []string) string { return inputs.Closest(name, candidates) }

// LeverNames is inputs.LeverNames: every lever's dotted name.
func LeverNames() []string { return inputs.LeverNames() }

// ScaleNames is inputs.ScaleNames: every scale's name.
func ScaleNames() []string { return inputs.ScaleNames() }

// Sections is inputs.Sections: the sections of a scenario file.
func Sections() []string { return inputs.Sections() }

// LeverByName is inputs.LeverByName: the lever with the given dotted name.
func LeverByName(name string) (Lever, bool) { return inputs.LeverByName(name) }

// Levers is inputs.Levers: every lever definition.
func Levers() []Lever { return inputs.Levers() }

// Defaults is inputs.Defaults: every parameter at its default.
func Defaults() *Params { return inputs.Defaults() }

// ScaleByName is inputs.ScaleByName: the scale with the given name.
func ScaleByName(name string) (Scale, error) { return inputs.ScaleByName(name) }

// Scales is inputs.Scales: every scale.
func Scales() []Scale { return inputs.Scales() }

// Default is inputs.Default: the default scenario.
func Default() *Scenario { return inputs.Default() }

// Constant is inputs.Constant: a schedule that holds v in every year.
func Constant(v float64) Schedule { return inputs.Constant(v) }

// ParseSchedule is inputs.ParseSchedule: a schedule from its text.
func ParseSchedule(text string) (Schedule, error) { return inputs.ParseSchedule(text) }

// WriteLeverDocs is inputs.WriteLeverDocs: the ODD's parameter tables.
func WriteLeverDocs(w io.Writer) error { return inputs.WriteLeverDocs(w) }

// UpdateLeverDocs is inputs.UpdateLeverDocs: doc with its lever tables
// replaced by the current ones.
func UpdateLeverDocs(doc string) (string, error) { return inputs.UpdateLeverDocs(doc) }

// Markers around the generated lever tables in a markdown file.
const (
	DocsBegin = inputs.DocsBegin
	DocsEnd   = inputs.DocsEnd
)

// Pension access.
const (
	AccessNone   = inputs.AccessNone
	AccessClosed = inputs.AccessClosed
	AccessOpen   = inputs.AccessOpen
)

// leverList is every lever definition, built once and never changed: the
// loader only reads it, so that a load does not rebuild every definition.
var leverList = inputs.Levers()

package scenarios

import "mutualsim/inputs"

// The model's inputs (a scenario, its parameters, the levers, schedules and
// scales, and the problems found in them) live in package inputs, which
// reads no file and no environment, so that the engine does not depend on
// the file formats. This package reads them from files, the environment
// and the command line; the names below let its callers keep writing
// scenarios.Scenario.

type (
	Scenario       = inputs.Scenario
	Params         = inputs.Params
	Commissioners  = inputs.Commissioners
	Governance     = inputs.Governance
	Market         = inputs.Market
	Mechanisms     = inputs.Mechanisms
	Pension        = inputs.Pension
	PensionAccess  = inputs.PensionAccess
	Procurement    = inputs.Procurement
	Productivity   = inputs.Productivity
	Support        = inputs.Support
	Workforce      = inputs.Workforce
	Resolved       = inputs.Resolved
	ResolvedChange = inputs.ResolvedChange
	ResolvedLever  = inputs.ResolvedLever
	Scale          = inputs.Scale
	Schedule       = inputs.Schedule
	Step           = inputs.Step
	Change         = inputs.Change
	Assignment     = inputs.Assignment
	Lever          = inputs.Lever
	Kind           = inputs.Kind
	Problem        = inputs.Problem
	Problems       = inputs.Problems
)

// Limits of a run, and the kinds of lever and pension access.
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

// Functions of package inputs, under their old names.
var (
	Closest       = inputs.Closest
	LeverNames    = inputs.LeverNames
	ScaleNames    = inputs.ScaleNames
	Sections      = inputs.Sections
	LeverByName   = inputs.LeverByName
	Levers        = inputs.Levers
	Defaults      = inputs.Defaults
	ScaleByName   = inputs.ScaleByName
	Scales        = inputs.Scales
	Default       = inputs.Default
	Constant      = inputs.Constant
	ParseSchedule = inputs.ParseSchedule

	WriteLeverDocs  = inputs.WriteLeverDocs
	UpdateLeverDocs = inputs.UpdateLeverDocs
)

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

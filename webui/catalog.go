package webui

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"mutualsim/charts"
	"mutualsim/inputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// catalog is what the page needs to draw its controls: the scenarios, the
// levers, the measures and the charts, and the server's limits.
type catalog struct {
	Version   string            `json:"version"`
	Defaults  catalogDefaults   `json:"defaults"`
	Scales    []catalogScale    `json:"scales"`
	Limits    catalogLimits     `json:"limits"`
	Scenarios []catalogScenario `json:"scenarios"`
	Levers    []catalogLever    `json:"levers"`
	Measures  []catalogMeasure  `json:"measures"`
	Charts    []Chart           `json:"charts"`
}

type catalogMeasure struct {
	Name    string `json:"name"`
	Unit    string `json:"unit"`
	Meaning string `json:"meaning"`
}

type catalogDefaults struct {
	Scenario  string `json:"scenario"`
	Seed      uint64 `json:"seed"`
	Reps      int    `json:"reps"`
	Scale     string `json:"scale"`
	Years     int    `json:"years"`
	StartYear int    `json:"start_year"`
}

type catalogScale struct {
	Name    string  `json:"name"`
	Desc    string  `json:"description"`
	Staff   float64 `json:"staff"`
	Regions int     `json:"regions"`
}

type catalogLimits struct {
	MaxSessions   int     `json:"max_sessions"`
	MaxStaffYears float64 `json:"max_staff_years"`
	MaxLiveStaff  float64 `json:"max_live_staff"`
}

type catalogScenario struct {
	Name        string          `json:"name"`
	Question    string          `json:"question"`
	Description string          `json:"description"`
	CompareTo   string          `json:"compare_to"`
	Caveat      string          `json:"caveat"`
	Changes     []catalogChange `json:"changes"`
	Seed        uint64          `json:"seed"`
	Reps        int             `json:"reps"`
	Scale       string          `json:"scale"`
	Years       int             `json:"years"`
	StartYear   int             `json:"start_year"`
}

// catalogChange is a lever a scenario sets away from its default, from
// Year on (the start year for the scenario's own levers).
type catalogChange struct {
	Lever string `json:"lever"`
	Value string `json:"value"`
	Year  int    `json:"year,omitempty"`
}

type catalogLever struct {
	Name     string   `json:"name"`
	Section  string   `json:"section"`
	Kind     string   `json:"kind"`
	Unit     string   `json:"unit"`
	Default  string   `json:"default"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Allowed  []string `json:"allowed,omitempty"`
	Desc     string   `json:"desc"`
	Source   string   `json:"source"`
	Featured bool     `json:"featured"`
}

// kindNames are the lever kinds as the page names them.
var kindNames = map[inputs.Kind]string{inputs.KindFloat: "float", inputs.KindInt: "int", inputs.KindBool: "bool",
	inputs.KindEnum: "enum", inputs.KindSchedule: "schedule"}

// Chart is one of the page's charts: measures drawn on one axis.
type Chart struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Unit   string   `json:"unit"`
	Series []string `json:"series"`
	Labels []string `json:"labels"`
	Colors []string `json:"colors"`
}

// pageCharts are the charts the page draws, those issue 13 asks for: the
// mission's four questions (MODEL.md §1) in the measures that answer them.
var pageCharts = []struct {
	id, title string
	series    []string
	labels    []string
	kinds     []string // a provider kind's colour, or "" for the series palette
}{
	{"shares", "Market shares by kind", []string{"share_nhs", "share_mutual", "share_private", "share_jv"},
		[]string{"NHS", "mutual", "private", "joint venture"}, []string{"nhs", "mutual", "private", "jv"}},
	{"mutuals", "Mutuals trading", []string{"mutuals_alive"}, []string{"mutuals"}, []string{"mutual"}},
	{"mutual-staff", "Staff in mutuals", []string{"staff_in_mutuals"}, []string{"staff in mutuals"}, []string{"mutual"}},
	{"funnel", "Spin-out funnel", []string{"spinout_attempts", "spinout_fail_ballot", "spinout_fail_finance", "spinouts_formed"},
		[]string{"proposals", "failed the ballot", "no finance", "formed"}, []string{"", "", "", ""}},
	{"concentration", "Concentration where commissioners buy (HHI)", []string{"hhi_regional"}, []string{"regional HHI"}, []string{""}},
	{"capture", "Producer capture", []string{"producer_capture_index", "investor_extraction"},
		[]string{"producer capture", "investor extraction"}, []string{"", ""}},
	{"bidders", "Bidders per tender", []string{"mean_bidders"}, []string{"bidders"}, []string{""}},
	{"spend", "Commissioners' spend", []string{"total_spend"}, []string{"spend"}, []string{""}},
	{"quality", "Delivered quality", []string{"quality_mean"}, []string{"quality"}, []string{""}},
}

// newCatalog gathers the catalog once, when the server starts.
func newCatalog(cfg Config) catalog {
	def := inputs.Default()
	c := catalog{Version: sim.Version,
		Defaults: catalogDefaults{Scenario: "baseline", Seed: def.Seed, Reps: def.Replications, Scale: def.Scale, Years: def.Years, StartYear: def.StartYear},
		Limits:   catalogLimits{MaxSessions: cfg.MaxSessions, MaxStaffYears: cfg.MaxStaffYears, MaxLiveStaff: cfg.MaxLiveStaff}}
	for _, m := range sim.Measures() {
		c.Measures = append(c.Measures, catalogMeasure{m.Name, m.Unit, m.Meaning})
	}
	for _, s := range inputs.Scales() {
		c.Scales = append(c.Scales, catalogScale{Name: s.Name, Desc: s.Desc, Staff: float64(s.Regions) * s.StaffPerRegion, Regions: s.Regions})
	}
	featured := map[string]bool{}
	defaults := leverValues(def)
	for _, name := range scenarios.Names() {
		s, err := scenarios.Load(name, scenarios.LoadOptions{NoFiles: true})
		if err != nil {
			continue // the scenarios' own tests load every built-in
		}
		cs := catalogScenario{Name: s.Name, Question: s.Question, Description: s.Description, CompareTo: s.CompareTo,
			Caveat: s.Caveat, Seed: s.Seed, Reps: s.Replications, Scale: s.Scale, Years: s.Years, StartYear: s.StartYear}
		values := leverValues(s)
		for _, l := range inputs.Levers() {
			if values[l.Name] != defaults[l.Name] {
				cs.Changes = append(cs.Changes, catalogChange{Lever: l.Name, Value: values[l.Name]})
				featured[l.Name] = true
			}
		}
		for _, ch := range s.Resolve().Timeline {
			for _, a := range ch.Set {
				cs.Changes = append(cs.Changes, catalogChange{Lever: a.Name, Value: a.Value, Year: ch.Year})
				featured[a.Name] = true
			}
		}
		c.Scenarios = append(c.Scenarios, cs)
	}
	for _, l := range inputs.Levers() {
		cl := catalogLever{Name: l.Name, Section: l.Section(), Kind: kindNames[l.Kind], Unit: l.Unit, Default: l.Format(l.Default),
			Allowed: slices.Clone(l.Allowed), Desc: l.Desc, Source: l.Source, Featured: featured[l.Name]}
		if l.Kind != inputs.KindBool && l.Kind != inputs.KindEnum {
			if !math.IsInf(l.Min, 0) {
				cl.Min = &l.Min
			}
			if !math.IsInf(l.Max, 0) {
				cl.Max = &l.Max
			}
		}
		c.Levers = append(c.Levers, cl)
	}
	for _, pc := range pageCharts {
		ch := Chart{ID: pc.id, Title: pc.title, Series: pc.series, Labels: pc.labels}
		if m, ok := sim.MeasureByName(pc.series[0]); ok {
			ch.Unit = m.Unit
		}
		for i, k := range pc.kinds {
			col := charts.SeriesColor(i)
			if k != "" {
				col = charts.KindColor(k)
			}
			ch.Colors = append(ch.Colors, hexColor(col))
		}
		c.Charts = append(c.Charts, ch)
	}
	return c
}

// hexColor writes a colour as #RRGGBB.
func hexColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

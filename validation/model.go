package validation

import (
	"context"
	"fmt"
	"math"
	"strings"

	"mutualsim/examples"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/targets"
)

// Options control the model runs of the checks. Workers never changes
// results; Targets, if set, replaces the built-in calibration targets.
type Options struct {
	Workers int
	Targets *targets.File
}

// trialLevers switch off everything that would change who holds what, so
// that the ownership trial compares otherwise identical providers on equal
// pension terms.
func trialLevers(participation bool) []string {
	return []string{
		"mechanisms.tendering=false", "mechanisms.spinouts=false", "mechanisms.failure=false", "mechanisms.acquisitions=false",
		"mechanisms.handbacks=false", "mechanisms.private_entry=false", "mechanisms.bidder_entry=false",
		"pension.access=open", "pension.private_access=open", fmt.Sprintf("governance.participation=%v", participation),
	}
}

// Ownership runs the controlled comparison of MODEL.md §8: employee-owned
// providers whose staff have participation are 4-5% more productive than
// otherwise identical NHS providers [M: Ham], with lower absence and
// turnover; ownership without participation gives none.
func Ownership(ctx context.Context, opt Options) ([]Check, error) {
	const years, warmup, reps = 15, 5, 10
	var out []Check
	for _, participation := range []bool{true, false} {
		y, r := years, reps
		s, err := scenarios.Load("baseline", scenarios.LoadOptions{Set: trialLevers(participation), Years: &y, Replications: &r})
		if err != nil {
			return nil, err
		}
		res, err := sim.OwnershipTrial(ctx, s, warmup, opt.Workers)
		if err != nil {
			return nil, err
		}
		var gap, absence, turnover []float64
		for _, t := range res {
			gap = append(gap, t.Owned.Productivity/t.NHS.Productivity-1)
			absence = append(absence, t.Owned.Absence-t.NHS.Absence)
			turnover = append(turnover, t.Owned.Turnover-t.NHS.Turnover)
		}
		if participation {
			out = append(out,
				percent(within("ownership", "productivity gap, owned with participation vs NHS", "4-5% [M: Ham]", gap, 0.04, 0.05, pct)),
				negative("ownership", "absence, owned with participation − NHS", "lower [M: Ham]", absence),
				negative("ownership", "turnover, owned with participation − NHS", "lower [M: Ham]", turnover))
		} else {
			out = append(out, percent(within("ownership", "productivity gap, owned without participation vs NHS", "none [M: Ham]", gap, -0.005, 0.005, pct)))
		}
	}
	return out, nil
}

func percent(c Check) Check { c.Percent = true; return c }

// negative returns a check that passes when the whole 95% interval of the
// mean of xs lies below zero.
func negative(group, name, expected string, xs []float64) Check {
	c := within(group, name, expected, xs, math.Inf(-1), 0, pct)
	c.Tolerance = "95% CI below 0"
	c.Percent = true
	c.Pass = c.High < 0
	return c
}

// series runs a scenario and returns, for each replication, the mean of a
// measure over the years from..to.
func series(res *sim.Result, measure string, from, to int) []float64 {
	i := sim.MeasureIndex(measure)
	var out []float64
	for _, r := range res.Reps {
		sum, n := 0.0, 0
		for yi, y := range r.Years {
			if y >= from && y <= to && !math.IsNaN(r.Values[yi][i]) {
				sum += r.Values[yi][i]
				n++
			}
		}
		out = append(out, sum/float64(n))
	}
	return out
}

// Workforce checks the baseline's NHS-like workforce at the default scale
// (MODEL.md §8): sickness absence of 4-5% and a leaver rate of 10-12% a year.
func Workforce(ctx context.Context, opt Options) ([]Check, error) {
	s, err := scenarios.Load("baseline", scenarios.LoadOptions{})
	if err != nil {
		return nil, err
	}
	res, err := sim.Run(ctx, s, sim.Options{Workers: opt.Workers})
	if err != nil {
		return nil, err
	}
	var out []Check
	for _, m := range []struct {
		measure, name, expected string
		from                    int
		lo, hi                  float64
	}{
		{"absence_rate", "baseline sickness absence", "4-5% (NHS)", s.StartYear, 0.04, 0.05},
		{"turnover_rate", "baseline leaver rate", "10-12% a year (NHS)", s.StartYear, 0.10, 0.12},
		// Vacancies build up from the full establishment of 2010.
		{"vacancy_rate", "baseline vacancy rate from " + fmt.Sprint(s.StartYear+5), "about 6-8% (NHS; workforce.fill_rate)", s.StartYear + 5, 0.05, 0.08},
	} {
		// Every year must be in the band, so report the lowest and the
		// highest yearly mean.
		var low, high Check
		for y := m.from; y <= s.EndYear(); y++ {
			c := percent(within("workforce", "", m.expected, series(res, m.measure, y, y), m.lo, m.hi, pct))
			if y == m.from || c.Observed < low.Observed {
				low, low.Name = c, fmt.Sprintf("%s, lowest year (%d)", m.name, y)
			}
			if y == m.from || c.Observed > high.Observed {
				high, high.Name = c, fmt.Sprintf("%s, highest year (%d)", m.name, y)
			}
		}
		low.Tolerance = fmt.Sprintf("every year's mean in [%s, %s]", pct(m.lo), pct(m.hi))
		high.Tolerance = low.Tolerance
		out = append(out, low, high)
	}
	return out, nil
}

// Calibration checks the calibration targets (the file of Options.Targets,
// else examples/calibration-2014-2018.yaml as built in): for each target the
// mean across replications of its measure in its year must lie in its band.
// It also reports the staff in mutuals in 2014 as a share of the 2011
// ambition of a million public servants [J].
func Calibration(ctx context.Context, opt Options) ([]Check, error) {
	f := opt.Targets
	if f == nil {
		var err error
		if f, err = targets.Parse(examples.CalibrationFile, examples.Calibration()); err != nil {
			return nil, err
		}
	}
	s, err := scenarios.Load(f.Scenario, scenarios.LoadOptions{})
	if err != nil {
		return nil, err
	}
	years := max(s.Years, f.LastYear()-s.StartYear+1)
	lo := scenarios.LoadOptions{Years: &years}
	if f.Replications > 0 {
		lo.Replications = &f.Replications
	}
	if s, err = scenarios.Load(f.Scenario, lo); err != nil {
		return nil, err
	}
	res, err := sim.Run(ctx, s, sim.Options{Workers: opt.Workers})
	if err != nil {
		return nil, err
	}
	var out []Check
	for _, t := range f.Targets {
		if t.Year < s.StartYear {
			return nil, fmt.Errorf("target %s %d: before the scenario's first year %d", t.Measure, t.Year, s.StartYear)
		}
		format := num
		unit := sim.Measures()[sim.MeasureIndex(t.Measure)].Unit
		c := within("calibration", fmt.Sprintf("%d: %s", t.Year, t.Measure), fmt.Sprintf("%s (%s)", num(t.Observed), firstSentence(t.Source)),
			series(res, t.Measure, t.Year, t.Year), t.Low, t.High, format)
		c.Percent = strings.HasPrefix(unit, "share 0-1")
		out = append(out, c)
	}
	staff := series(res, "staff_in_mutuals", 2014, 2014)
	if s.StartYear <= 2014 && s.EndYear() >= 2014 {
		far := within("calibration", "2014: staff in mutuals ÷ the 2011 ambition of 1,000,000", "far short of 1 [J]", scale(staff, 1e-6), 0, 0.1, pct)
		// Reported, not checked: the calibration targets above already
		// bound the staff far below a million.
		far.Percent, far.Info = true, true
		far.Tolerance = "reported"
		out = append(out, far)
	}
	return out, nil
}

// firstSentence returns a source's text up to its first colon or full stop
// followed by a space, for a table cell.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i, r := range s {
		if (r == ':' || r == ';') && i > 10 {
			return s[:i]
		}
	}
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func scale(xs []float64, f float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * f
	}
	return out
}

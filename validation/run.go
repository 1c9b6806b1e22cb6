package validation

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"mutualsim/outputs"
)

// Run runs every check in order: auction theory on the bidding rule and
// inside the simulated market, concentration, the workforce, the ownership
// trial, the calibration targets, the direction of every policy lever of
// the library, and the ablations.
func Run(ctx context.Context, opt Options) ([]Check, error) {
	out := Auction(20000, 1)
	out = append(out, Concentration()...)
	for _, f := range []func(context.Context, Options) ([]Check, error){MarketAuction, Workforce, Ownership, Calibration, FinanceGate, RunDirections, RunAblations, Examples} {
		cs, err := f(ctx, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// WriteCSV writes validation.csv: one row per check.
func WriteCSV(w io.Writer, cs []Check) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"group", "check", "expected", "observed", "ci_low", "ci_high", "with", "without", "tolerance", "status"})
	for _, c := range cs {
		with, without := math.NaN(), math.NaN()
		if c.Group == "ablation" || c.Group == "example" || c.Group == "direction" || (c.Group == "finance" && !math.IsNaN(c.With)) {
			with, without = c.With, c.Without
		}
		cw.Write([]string{c.Group, c.Name, c.Expected, outputs.FormatFloat(c.Observed), outputs.FormatFloat(c.Low), outputs.FormatFloat(c.High),
			outputs.FormatFloat(with), outputs.FormatFloat(without), c.Tolerance, c.Status()})
	}
	cw.Flush()
	return cw.Error()
}

// Counts returns the number of checks (reports excluded) and of those that
// failed.
func Counts(cs []Check) (checks, failed int) {
	for _, c := range cs {
		if !c.Info {
			checks++
		}
	}
	return checks, len(Failed(cs))
}

// WriteTable prints the checks for people: check, expected, observed with
// its 95% interval (or, for an ablation, the measure with and without the
// mechanism), tolerance and status, then a count.
func WriteTable(w io.Writer, cs []Check) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "group\tcheck\texpected\tobserved (95% CI)\ttolerance\tstatus")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Group, c.Name, c.Expected, observed(c), c.Tolerance, c.Status())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	checks, failed := Counts(cs)
	_, err := fmt.Fprintf(w, "%d checks: %d passed, %d failed (%d reported for comparison)\n", checks, checks-failed, failed, len(cs)-checks)
	return err
}

func observed(c Check) string {
	v := strconv.FormatFloat(c.Observed, 'g', 4, 64)
	switch {
	case c.Group == "ablation" && c.Tolerance == "both hold":
		if c.Pass {
			return "yes"
		}
		return fmt.Sprintf("no (on changes: %v; off identical: %v)", c.With == 1, c.Without == 1)
	case c.Group == "ablation":
		return fmt.Sprintf("%+.2f%% (with %s, without %s)", 100*c.Observed, short(c.With), short(c.Without))
	case c.Group == "example":
		return fmt.Sprintf("%s (%s, then %s)", short(c.Observed), short(c.With), short(c.Without))
	case c.Percent && math.IsNaN(c.Low):
		return pct(c.Observed)
	case c.Percent:
		return fmt.Sprintf("%s (%s – %s)", pct(c.Observed), pct(c.Low), pct(c.High))
	case math.IsNaN(c.Low):
		return v
	}
	return fmt.Sprintf("%s (%s – %s)", v, strconv.FormatFloat(c.Low, 'g', 4, 64), strconv.FormatFloat(c.High, 'g', 4, 64))
}

func short(f float64) string { return strconv.FormatFloat(f, 'g', 4, 64) }

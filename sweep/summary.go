package sweep

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"mutualsim/design"
	"mutualsim/outputs"
)

// WriteSummary writes a text table of the sweep's indices (Morris, Sobol),
// or for a grid or a Latin hypercube each outcome's range over the points.
func WriteSummary(w io.Writer, p *Plan, recs []Record) error {
	tables, notes := p.Tables(recs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	switch p.Spec.Method {
	case design.MethodMorris, design.MethodSobol:
		// The last column is the design's size, the same in every row.
		t := tables[2]
		for _, fd := range t.Fields[:len(t.Fields)-1] {
			fmt.Fprintf(tw, "%s\t", fd.Name)
		}
		fmt.Fprintln(tw)
		for _, row := range t.Rows {
			for i, v := range row[:len(row)-1] {
				if t.Fields[i].Type == outputs.TypeFloat {
					fmt.Fprintf(tw, "%s\t", short(v.AsFloat()))
				} else {
					fmt.Fprintf(tw, "%s\t", v.Text())
				}
			}
			fmt.Fprintln(tw)
		}
	default:
		points := tables[1]
		fmt.Fprintln(tw, "outcome\tyear\tlowest point mean\thighest point mean\t")
		for _, o := range p.Outcomes {
			// The column by its name, as points.csv has it: the table's
			// layout (point, levers, set, outcomes) is not this code's to
			// assume.
			col := slices.IndexFunc(points.Fields, func(f outputs.Field) bool { return f.Name == o.Column+"_mean" })
			if col < 0 {
				return fmt.Errorf("sweep summary: points has no column %s_mean", o.Column)
			}
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, row := range points.Rows {
				if v := row[col].AsFloat(); !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
			unit := outputs.MeasureUnit(o.Measure)
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t\n", o.Measure, o.Year, outputs.Human(lo, unit), outputs.Human(hi, unit))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s: %s\n", n.Outcome, n.Msg)
	}
	return nil
}

// short formats an index for the table.
func short(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.3g", v)
}

// ShardRuns returns the number of the plan's runs that the shard owns.
func (p *Plan) ShardRuns(s Shard) int {
	n := 0
	for run := range p.Runs() {
		if s.Owns(run) {
			n++
		}
	}
	return n
}

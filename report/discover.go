package report

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/discover"
	"mutualsim/outputs"
)

// discoverSection adds a sweep folder's scenario discovery, if it holds
// one (mutualsim discover): the question, the PRIM box with its
// restrictions, the peeling trajectory and the box as charts, and the
// CART tree.
func (p *page) discoverSection(dir string, f outputs.Format) error {
	m, err := discover.ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if m.Format != "" {
		f = outputs.Format(m.Format)
	}
	fo := diskFolder(dir)
	box, err := readTable(fo, discover.BoxTable, f)
	if err != nil {
		return err
	}
	traj, err := readTable(fo, discover.TrajectoryTable, f)
	if err != nil {
		return err
	}
	tree, err := readTable(fo, discover.TreeTable, f)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		t    *table
		cols []string
	}{{box, []string{"lever", "restricted", "lower", "upper", "levels", "design_min", "design_max", "quasi_p", "reproduced"}},
		{traj, []string{"box", "coverage", "density", "mass", "chosen"}},
		{tree, []string{"node", "depth", "rule", "runs", "density", "leaf"}}} {
		if err := c.t.has(c.cols...); err != nil {
			return err
		}
	}
	s := p.add("Scenario discovery")
	base := ratio(m.Positives, m.Cases)
	intro := fmt.Sprintf("Where does %s hold in %d? In %s of the %s runs (%s).", m.Where, m.Year, outputs.Thousands(float64(m.Positives)), outputs.Thousands(float64(m.Cases)), percent(base))
	if m.Undefined > 0 {
		intro += fmt.Sprintf(" %s runs are left out, where %s is undefined.", outputs.Thousands(float64(m.Undefined)), strings.Join(m.Columns, " or "))
	}
	s.Text = append(s.Text, intro,
		fmt.Sprintf("PRIM (Friedman and Fisher 1999) peels the lever space from the whole towards where the condition holds, %s of the runs at a time; each step gives a box on the trajectory between coverage (the share of the condition's runs the box holds) and density (the share of the box's runs where it holds). The box below grew from box %d of the trajectory (%s), pasted where that kept its density, with the restrictions whose quasi-p-value is above %s dropped.",
			percent(m.PeelAlpha), m.Chosen, chosenHow(m), short(m.MaxQP)))
	var pts []charts.Point
	for i := range traj.rows {
		lab := ""
		if traj.str(i, "chosen") == "true" {
			lab = "box " + strconv.Itoa(traj.int(i, "box"))
		}
		pts = append(pts, charts.Point{Label: lab, X: traj.float(i, "coverage"), Y: traj.float(i, "density")})
	}
	o := charts.Options{Title: "Peeling trajectory: coverage against density", XLabel: "coverage (share of the condition's runs in the box)", YLabel: "density (share of the box's runs where it holds)",
		XDomain: charts.Share, YDomain: charts.Share}
	c, cerr := charts.Scatter(o, pts)
	p.figure(s, "discover_trajectory", o.Title, c, cerr,
		fmt.Sprintf("The reported box holds %s of the runs where %s at a density of %s, against %s in all runs (%s of the runs are in it).", percent(m.Coverage), m.Where, percent(m.Density), percent(base), percent(m.Mass)))
	tb := &htmlTable{Head: []string{"lever", "in the box", "in the design", "quasi-p", "reproduced"}, Left: 3}
	var rows []charts.Interval
	var bounds []string
	for i := range box.rows {
		if box.str(i, "restricted") != "true" {
			continue
		}
		lever := box.str(i, "lever")
		in, of := strings.ReplaceAll(box.str(i, "levels"), "|", ", "), ""
		if in == "" {
			lo, hi, mn, mx := box.float(i, "lower"), box.float(i, "upper"), box.float(i, "design_min"), box.float(i, "design_max")
			in, of = fmtNum(lo)+" to "+fmtNum(hi), fmtNum(mn)+" to "+fmtNum(mx)
			if mx > mn {
				a, b := (lo-mn)/(mx-mn), (hi-mn)/(mx-mn)
				rows = append(rows, charts.Interval{Label: shortLever(lever), Value: (a + b) / 2, Low: a, High: b})
			}
			bounds = append(bounds, fmt.Sprintf("%s is %s", lever, in))
		} else {
			bounds = append(bounds, fmt.Sprintf("%s is %s", lever, orList(strings.Split(box.str(i, "levels"), "|"))))
		}
		tb.Rows = append(tb.Rows, []string{lever, in, of, qpText(box.float(i, "quasi_p")), percent(box.float(i, "reproduced"))})
	}
	if len(bounds) == 0 {
		s.Text = append(s.Text, "No restriction survives: the condition holds about as often wherever the levers are.")
	} else {
		o := charts.Options{Title: "The box: each restricted number's range, as a share of the design's", XLabel: "position in the design's range (0: its lowest value, 100%: its highest)", XDomain: charts.Share}
		c, cerr := charts.Intervals(o, rows, false)
		if len(rows) == 0 {
			cerr = errNoData
		}
		p.figure(s, "discover_box", o.Title, c, cerr, fmt.Sprintf("The condition holds most where %s.", list(bounds)))
		tb.Caption = "Quasi-p: the chance that a box of this size without the restriction would hold as many of the condition's runs (Bryant and Lempert 2010); reproduced: the share of resamples, PRIM run again on half the runs, that restrict the lever."
		s.Tables = append(s.Tables, tb)
	}
	if len(m.Dropped) > 0 {
		s.Text = append(s.Text, fmt.Sprintf("Dropped for a quasi-p-value above %s: %s.", short(m.MaxQP), list(m.Dropped)))
	}
	tt := &htmlTable{Caption: "A CART classification tree (Breiman et al. 1984) on the same runs: each line is a test from the line above it, with the density of the condition among the runs that pass it; • marks a leaf.", Head: []string{"rule", "runs", "density"}, Left: 1}
	for i := range tree.rows {
		if tree.int(i, "depth") == 0 {
			continue
		}
		leaf := ""
		if tree.str(i, "leaf") == "true" {
			leaf = " •"
		}
		tt.Rows = append(tt.Rows, []string{strings.Repeat("\u00a0\u00a0\u00a0", tree.int(i, "depth")-1) + tree.str(i, "rule") + leaf, outputs.Thousands(float64(tree.int(i, "runs"))), percent(tree.float(i, "density"))})
	}
	if len(tt.Rows) > 0 {
		s.Tables = append(s.Tables, tt)
	}
	return nil
}

func chosenHow(m *discover.Manifest) string {
	if m.Picked {
		return "picked with --box"
	}
	return fmt.Sprintf("the one with the most coverage whose density is within a standard error of the densest's, among those with at least %s coverage", percent(m.MinCoverage))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// qpText formats a quasi-p-value for a table cell (pValue without "= ").
func qpText(p float64) string { return strings.TrimPrefix(pValue(p), "= ") }

// orList joins levels as "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

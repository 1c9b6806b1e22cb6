package sweep

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"mutualsim/design"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sensitivity"
	"mutualsim/sim"
)

// Table is one results table of a sweep: its file's base name, a sentence
// on what a row is, its columns and its rows.
type Table struct {
	Name   string
	About  string
	Fields []outputs.Field
	Rows   [][]outputs.Value
}

// Note is something a sweep's results could not give, such as indices of
// an outcome that does not vary.
type Note struct {
	Outcome string `json:"outcome"`
	Msg     string `json:"message"`
}

// LeverColumn is the column name of a lever in a sweep's tables: its
// section and key joined by an underscore (procurement_contract_years).
func LeverColumn(name string) string { return strings.ReplaceAll(name, ".", "_") }

// factorFields returns the columns of the levers, typed as the levers are.
func (p *Plan) factorFields() []outputs.Field {
	var out []outputs.Field
	for _, f := range p.Factors {
		l := f.Lever
		t := outputs.TypeFloat
		switch {
		case l.Kind == inputs.KindInt:
			t = outputs.TypeInt
		case l.Kind == inputs.KindBool:
			t = outputs.TypeBool
		case l.Kind == inputs.KindEnum:
			t = outputs.TypeString
		}
		out = append(out, outputs.Field{Name: LeverColumn(l.Name), Unit: l.Unit, Meaning: "lever " + l.Name + ": " + l.Desc, Type: t})
	}
	return out
}

func factorValue(v any) outputs.Value {
	switch x := v.(type) {
	case float64:
		return outputs.Float(x)
	case int:
		return outputs.Int(int64(x))
	case bool:
		return outputs.Bool(x)
	case string:
		return outputs.String(x)
	case inputs.PensionAccess:
		return outputs.String(string(x))
	}
	return outputs.String(fmt.Sprint(v))
}

func (p *Plan) outcomeField(o Outcome, suffix, meaning string) outputs.Field {
	var unit, about string
	for _, m := range sim.Measures() {
		if m.Name == o.Measure {
			unit, about = m.Unit, m.Meaning
		}
	}
	return outputs.Field{Name: o.Column + suffix, Unit: unit, Meaning: fmt.Sprintf("%s%s in %d", meaning, about, o.Year), Type: outputs.TypeFloat, Nullable: true}
}

// RunsTable is one row per run done: the point, the replication, the
// levers and the outcomes.
func (p *Plan) RunsTable(recs []Record) Table {
	t := Table{Name: "runs", About: "one row per (point, replication): the levers and the outcomes",
		Fields: []outputs.Field{
			{Name: "point", Unit: "index", Meaning: "design point, from 0", Type: outputs.TypeInt},
			{Name: "replication", Unit: "index", Meaning: "replication, from 0; replication r of every point uses the same random streams", Type: outputs.TypeInt},
		}}
	t.Fields = append(t.Fields, p.factorFields()...)
	for _, o := range p.Outcomes {
		t.Fields = append(t.Fields, p.outcomeField(o, "", ""))
	}
	for _, r := range recs {
		point, rep := p.Run(r.Run)
		row := []outputs.Value{outputs.Int(int64(point)), outputs.Int(int64(rep))}
		for _, v := range p.Values[point] {
			row = append(row, factorValue(v))
		}
		for _, v := range r.Values {
			row = append(row, outputs.Float(v))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// pointMeans returns, for each outcome, the mean over the replications of
// each point and their standard deviation; NaN where no replication
// defined the measure.
func (p *Plan) pointMeans(recs []Record) (mean, sd [][]float64) {
	np, no := p.Points(), len(p.Outcomes)
	mean, sd = make([][]float64, no), make([][]float64, no)
	for o := range no {
		sums, sqs, ns := make([]float64, np), make([]float64, np), make([]int, np)
		for _, r := range recs {
			point, _ := p.Run(r.Run)
			if v := r.Values[o]; !math.IsNaN(v) {
				sums[point] += v
				ns[point]++
			}
		}
		mean[o], sd[o] = make([]float64, np), make([]float64, np)
		for i := range np {
			mean[o][i] = math.NaN()
			if ns[i] > 0 {
				mean[o][i] = sums[i] / float64(ns[i])
			}
		}
		for _, r := range recs {
			point, _ := p.Run(r.Run)
			if v := r.Values[o]; !math.IsNaN(v) {
				d := v - mean[o][point]
				sqs[point] += float64(d * d)
			}
		}
		for i := range np {
			sd[o][i] = math.NaN()
			if ns[i] > 1 {
				sd[o][i] = math.Sqrt(sqs[i] / float64(ns[i]-1))
			}
		}
	}
	return mean, sd
}

// PointsTable is one row per design point: the levers and, for each
// outcome, its mean and standard deviation over the replications.
func (p *Plan) PointsTable(recs []Record) Table {
	t := Table{Name: "points", About: "one row per design point: the levers and each outcome's mean and standard deviation over the replications",
		Fields: []outputs.Field{{Name: "point", Unit: "index", Meaning: "design point, from 0", Type: outputs.TypeInt}}}
	t.Fields = append(t.Fields, p.factorFields()...)
	t.Fields = append(t.Fields, outputs.Field{Name: "set", Unit: "text", Meaning: "the point's levers as --set assignments for mutualsim run, with every digit", Type: outputs.TypeString})
	for _, o := range p.Outcomes {
		t.Fields = append(t.Fields, p.outcomeField(o, "_mean", "mean over the replications of: "), p.outcomeField(o, "_sd", "standard deviation over the replications of: "))
	}
	mean, sd := p.pointMeans(recs)
	for i := range p.Points() {
		row := []outputs.Value{outputs.Int(int64(i))}
		var set []string
		for fi, v := range p.Values[i] {
			row = append(row, factorValue(v))
			set = append(set, "--set "+p.Factors[fi].Lever.Name+"="+p.Factors[fi].Format(v))
		}
		row = append(row, outputs.String(strings.Join(set, " ")))
		for o := range p.Outcomes {
			row = append(row, outputs.Float(mean[o][i]), outputs.Float(sd[o][i]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func indexFields() []outputs.Field {
	return []outputs.Field{
		{Name: "outcome", Unit: "name", Meaning: "the measure", Type: outputs.TypeString},
		{Name: "year", Unit: "year", Meaning: "the year it is read at", Type: outputs.TypeInt},
		{Name: "lever", Unit: "name", Meaning: "the lever", Type: outputs.TypeString},
	}
}

// MorrisTable gives each lever's elementary-effects measures for each
// outcome, from the point means: μ, μ* and σ of the effects of moving the
// lever across its whole range (Morris 1991; μ* of Campolongo et al. 2007).
func (p *Plan) MorrisTable(recs []Record) (Table, []Note) {
	per := "outcome's unit per lever range"
	t := Table{Name: "morris", About: "one row per (outcome, lever): Morris elementary-effects measures, from the means over replications",
		Fields: append(indexFields(),
			outputs.Field{Name: "mu", Unit: per, Meaning: "mean elementary effect: the outcome's change when the lever moves across its whole range (Morris 1991)", Type: outputs.TypeFloat, Nullable: true},
			outputs.Field{Name: "mu_star", Unit: per, Meaning: "mean absolute elementary effect: the lever's importance (Campolongo, Cariboni and Saltelli 2007)", Type: outputs.TypeFloat, Nullable: true},
			outputs.Field{Name: "sigma", Unit: per, Meaning: "standard deviation of the elementary effects: non-linearity or interaction", Type: outputs.TypeFloat, Nullable: true},
			outputs.Field{Name: "effects", Unit: "count", Meaning: "elementary effects used: one per trajectory, less any whose outcome was undefined or whose step left the lever's value unchanged", Type: outputs.TypeInt},
		)}
	mean, _ := p.pointMeans(recs)
	var notes []Note
	for o, oc := range p.Outcomes {
		idx, skipped := p.morris(mean[o])
		if skipped > 0 {
			notes = append(notes, Note{oc.Column, fmt.Sprintf("%d of %d elementary effects left out: the outcome was undefined at a point", skipped, p.Morris.Trajectories*len(p.Factors))})
		}
		for i, f := range p.Factors {
			x := idx[i]
			t.Rows = append(t.Rows, []outputs.Value{outputs.String(oc.Measure), outputs.Int(int64(oc.Year)), outputs.String(f.Lever.Name),
				outputs.Float(x.mu), outputs.Float(x.muStar), outputs.Float(x.sigma), outputs.Int(int64(x.n))})
		}
	}
	return t, notes
}

// morrisIndex is one lever's elementary-effects measures.
type morrisIndex struct {
	mu, muStar, sigma float64
	n                 int // effects used
}

// position returns where factor i of a point lies in its range, 0 to 1:
// for a number its value's share of the range, for levels the level's
// index over the last index. For a whole number or levels this is not the
// unit coordinate, which only chooses the value.
func (p *Plan) position(point, i int) float64 {
	f := p.Factors[i]
	if f.Levels != nil {
		n := len(f.Levels)
		idx := min(int(p.Unit[point][i]*float64(n)), n-1)
		return float64(idx) / float64(n-1)
	}
	switch v := p.Values[point][i].(type) {
	case int:
		return (float64(v) - f.Min) / (f.Max - f.Min)
	case float64:
		return (v - f.Min) / (f.Max - f.Min)
	}
	return p.Unit[point][i]
}

// morris computes the elementary effects of each factor along the
// trajectories (Morris 1991): the change in y over the change in the
// factor's position in its range, so that an effect is per whole range
// whatever steps a whole-number lever or a list of levels takes. Steps
// with y undefined at either end are left out (and counted), as are steps
// that leave the factor's value unchanged.
func (p *Plan) morris(y []float64) ([]morrisIndex, int) {
	k := len(p.Factors)
	effects := make([][]float64, k)
	skipped := 0
	for tr, steps := range p.Morris.Steps {
		for s, st := range steps {
			row := tr*(k+1) + s
			if math.IsNaN(y[row]) || math.IsNaN(y[row+1]) {
				skipped++
				continue
			}
			dv := p.position(row+1, st.Factor) - p.position(row, st.Factor)
			if dv == 0 {
				continue
			}
			effects[st.Factor] = append(effects[st.Factor], (y[row+1]-y[row])/dv)
		}
	}
	out := make([]morrisIndex, k)
	for i, ee := range effects {
		x := morrisIndex{mu: math.NaN(), muStar: math.NaN(), sigma: math.NaN(), n: len(ee)}
		if len(ee) > 0 {
			var sum, abs float64
			for _, e := range ee {
				sum += e
				abs += math.Abs(e)
			}
			x.mu, x.muStar = sum/float64(len(ee)), abs/float64(len(ee))
		}
		if len(ee) > 1 {
			var ss float64
			for _, e := range ee {
				ss += float64((e - x.mu) * (e - x.mu))
			}
			x.sigma = math.Sqrt(ss / float64(len(ee)-1))
		}
		out[i] = x
	}
	return out, skipped
}

// SobolTable gives each lever's first-order and total Sobol indices for
// each outcome, from the point means, with 95% bootstrap intervals
// (Saltelli et al. 2010; Jansen 1999).
func (p *Plan) SobolTable(recs []Record) (Table, []Note) {
	share := func(name, meaning string) outputs.Field {
		return outputs.Field{Name: name, Unit: "share of variance", Meaning: meaning, Type: outputs.TypeFloat, Nullable: true}
	}
	t := Table{Name: "sobol", About: "one row per (outcome, lever): Sobol indices with 95% bootstrap intervals, from the means over replications",
		Fields: append(indexFields(),
			share("s1", "first-order index: the share of the outcome's variance due to the lever alone (Saltelli et al. 2010)"),
			share("s1_low", "lower end of the 95% bootstrap interval of s1"),
			share("s1_high", "upper end of the 95% bootstrap interval of s1"),
			share("st", "total index: the share due to the lever with all its interactions (Jansen 1999)"),
			share("st_low", "lower end of the 95% bootstrap interval of st"),
			share("st_high", "upper end of the 95% bootstrap interval of st"),
			outputs.Field{Name: "base_samples", Unit: "count", Meaning: "base samples used, N: the design's, less any with the outcome undefined; each is levers + 2 points", Type: outputs.TypeInt},
		)}
	mean, _ := p.pointMeans(recs)
	var notes []Note
	k := len(p.Factors)
	for o, oc := range p.Outcomes {
		// Base samples with the outcome undefined at any of their k + 2
		// points are left out; the rest give the indices.
		var y []float64
		n := 0
		for j := range p.Spec.Points {
			rows := mean[o][j*(k+2) : (j+1)*(k+2)]
			if !slices.ContainsFunc(rows, math.IsNaN) {
				y = append(y, rows...)
				n++
			}
		}
		if n < p.Spec.Points {
			notes = append(notes, Note{oc.Column, fmt.Sprintf("%d of %d base samples left out: the outcome was undefined at one of their points", p.Spec.Points-n, p.Spec.Points)})
		}
		src := designStream(p.Spec.Seed, "bootstrap "+oc.Column)
		idx, err := sensitivity.SobolIndices(n, k, y, p.Spec.Bootstrap, src)
		if err != nil {
			notes = append(notes, Note{oc.Column, fmt.Sprintf("no Sobol indices: %v", strings.TrimPrefix(err.Error(), "sensitivity: "))})
		}
		for i, f := range p.Factors {
			row := []outputs.Value{outputs.String(oc.Measure), outputs.Int(int64(oc.Year)), outputs.String(f.Lever.Name)}
			if err != nil {
				row = append(row, outputs.Null(), outputs.Null(), outputs.Null(), outputs.Null(), outputs.Null(), outputs.Null())
			} else {
				x := idx[i]
				row = append(row, outputs.Float(x.S1), outputs.Float(x.S1Low), outputs.Float(x.S1High), outputs.Float(x.ST), outputs.Float(x.STLow), outputs.Float(x.STHigh))
			}
			t.Rows = append(t.Rows, append(row, outputs.Int(int64(n))))
		}
	}
	return t, notes
}

// Tables returns the results tables of a complete sweep: runs, points, and
// the method's indices.
func (p *Plan) Tables(recs []Record) ([]Table, []Note) {
	out := []Table{p.RunsTable(recs), p.PointsTable(recs)}
	var notes []Note
	switch p.Spec.Method {
	case design.MethodMorris:
		t, n := p.MorrisTable(recs)
		out, notes = append(out, t), n
	case design.MethodSobol:
		t, n := p.SobolTable(recs)
		out, notes = append(out, t), n
	}
	return out, notes
}

// WriteTable writes a table into dir in the format, atomically.
func WriteTable(dir string, f outputs.Format, t Table) error {
	tw, err := outputs.CreateTable(dir, t.Name, f, t.Fields)
	if err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := tw.Write(row); err != nil {
			tw.Abort()
			return err
		}
	}
	return tw.Commit()
}

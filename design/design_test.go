package design

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutualsim/inputs"
)

// issueDesign is the design form the sweep command must accept as written.
const issueDesign = `base: baseline
method: lhs          # grid | lhs | morris | sobol
points: 24           # grid: levels per lever; morris: trajectories; sobol: base samples
replications: 2
scale: small
years: 10
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0.0, 1.0]
outcomes: [hhi_regional, producer_capture_index]
`

var testMeasures = []string{"hhi_regional", "producer_capture_index", "mutuals_alive", "share_mutual"}

func writeDesign(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDesignAsWritten(t *testing.T) {
	p := writeDesign(t, t.TempDir(), "contract-risk.yaml", issueDesign)
	d, err := LoadDesign(p, DesignOptions{Measures: testMeasures})
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "contract-risk" || d.Method != MethodLHS || d.Points != 24 || d.Runs() != 24 {
		t.Errorf("design %+v", d)
	}
	if d.Base.Name != "baseline" || d.Base.Scale != "small" || d.Base.Years != 10 || d.Base.Replications != 2 {
		t.Errorf("base %s %s %d years %d reps", d.Base.Name, d.Base.Scale, d.Base.Years, d.Base.Replications)
	}
	if len(d.Factors) != 2 || d.Factors[0].Lever.Name != "procurement.contract_years" || d.Factors[1].Max != 1 {
		t.Errorf("factors %+v", d.Factors)
	}
	if len(d.OutcomeYears) != 1 || d.OutcomeYears[0] != 2019 {
		t.Errorf("outcome years %v, want the last year, 2019", d.OutcomeYears)
	}
	// Whole numbers get equal shares of [0, 1]; the ends map to the ends.
	f := d.Factors[0]
	for _, c := range []struct {
		u    float64
		want int
	}{{0, 2}, {0.1666, 2}, {0.1667, 3}, {0.5, 5}, {0.9999, 7}, {1, 7}} {
		if got := f.Value(c.u); got != c.want {
			t.Errorf("contract_years at u = %v: %v, want %d", c.u, got, c.want)
		}
	}
	if got := d.Factors[1].Value(0.25); got != 0.25 {
		t.Errorf("risk_aversion at 0.25: %v", got)
	}
	s, set, err := d.PointScenario([]any{5, 0.25})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(set, " ") != "procurement.contract_years=5 commissioners.risk_aversion=0.25" {
		t.Errorf("set %v", set)
	}
	if s.Params.Procurement.ContractYears != 5 || s.Params.Commissioners.RiskAversion != 0.25 || s.Scale != "small" || s.Replications != 2 {
		t.Errorf("point scenario %+v", s.Params.Procurement)
	}
}

func TestDesignLevelsAndFormats(t *testing.T) {
	dir := t.TempDir()
	writeDesign(t, dir, "base.yaml", "name: mybase\nextends: baseline\nsupport:\n  right_to_provide: true\n")
	yaml := `name: access
base: base.yaml
method: morris
points: 3
levels: 6
levers:
  pension.access: [none, closed, open]
  mechanisms.spinouts: {levels: [false, true]}
  procurement.contract_years: {levels: [3, 5, 9]}
outcomes: [mutuals_alive]
outcome_years: [2029, 2015]
`
	toml := `name = "access"
base = "base.yaml"
method = "morris"
points = 3
levels = 6
outcomes = ["mutuals_alive"]
outcome_years = [2029, 2015]
[levers]
"pension.access" = ["none", "closed", "open"]
"mechanisms.spinouts" = {levels = [false, true]}
"procurement.contract_years" = {levels = [3, 5, 9]}
`
	for name, content := range map[string]string{"a.yaml": yaml, "a.toml": toml} {
		d, err := LoadDesign(writeDesign(t, dir, name, content), DesignOptions{Measures: testMeasures})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Base.Name != "mybase" || !d.Base.Params.Support.RightToProvide {
			t.Errorf("%s: base %s", name, d.Base.Name)
		}
		if d.Runs() != 3*4 || d.Levels != 6 {
			t.Errorf("%s: %d runs, levels %d", name, d.Runs(), d.Levels)
		}
		if got := d.Factors[0].Value(0.5); got != "closed" {
			t.Errorf("%s: access at 0.5 = %v", name, got)
		}
		if got := d.Factors[1].Value(1); got != true {
			t.Errorf("%s: spinouts at 1 = %v", name, got)
		}
		if got := d.Factors[2].Value(0.34); got != 5 {
			t.Errorf("%s: contract years at 0.34 = %v", name, got)
		}
		if d.OutcomeYears[0] != 2015 || d.OutcomeYears[1] != 2029 {
			t.Errorf("%s: outcome years %v, want sorted", name, d.OutcomeYears)
		}
	}
}

func TestLoadDesignErrors(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"unknown key", strings.Replace(issueDesign, "points:", "pionts:", 1), []string{
			`:3: unknown key "pionts", did you mean "points"?`, `points: missing`}},
		{"bad method", strings.Replace(issueDesign, "method: lhs", "method: sobl", 1), []string{`:2: method: "sobl" is not a method, expected one of grid, lhs, morris, sobol, did you mean "sobol"?`}},
		{"unknown lever", strings.Replace(issueDesign, "procurement.contract_years", "procurement.contract_yeers", 1), []string{`:8: unknown lever "procurement.contract_yeers", did you mean "procurement.contract_years"?`}},
		{"out of range", strings.Replace(issueDesign, "[0.0, 1.0]", "[0.0, 1.5]", 1), []string{`:9: commissioners.risk_aversion: 1.5 is out of range, expected a number in [0, 1]`}},
		{"empty range", strings.Replace(issueDesign, "[2, 7]", "[7, 2]", 1), []string{`procurement.contract_years: the range [7, 2] is empty`}},
		{"three values", strings.Replace(issueDesign, "[2, 7]", "[2, 5, 7]", 1), []string{`a range is [min, max], got 3 values; for a list of values write {levels: [...]}`}},
		{"range of a choice", strings.Replace(issueDesign, "outcomes:", "  pension.access: [0, 1]\noutcomes:", 1), []string{`pension.access: got 0, expected one of none, closed, open`}},
		{"unknown outcome", strings.Replace(issueDesign, "hhi_regional,", "hhi_regionl,", 1), []string{`:10: outcomes: unknown measure "hhi_regionl", did you mean "hhi_regional"?`}},
		{"outcome year outside", issueDesign + "outcome_years: [2030]\n", []string{`outcome_years: 2030 is outside the run, expected a year in [2010, 2019]`}},
		{"missing base", strings.Replace(issueDesign, "base: baseline", "base: nosuch.yaml", 1), []string{`base:`, `nosuch.yaml`}},
		{"bad replications", strings.Replace(issueDesign, "replications: 2", "replications: 0", 1), []string{`:4: replications: 0 is out of range, expected a whole number in [1,`}},
		{"bad scale", strings.Replace(issueDesign, "scale: small", "scale: smal", 1), []string{`:5: scale:`, `"small"`}},
		{"odd morris levels", strings.Replace(issueDesign, "method: lhs", "method: morris\nlevels: 5", 1), []string{`levels: 5 is odd`}},
		{"levels without morris", issueDesign + "levels: 4\n", []string{`levels: only the morris method has grid levels`}},
		{"too many runs", strings.Replace(strings.Replace(issueDesign, "method: lhs", "method: grid", 1), "points: 24", "points: 5000", 1), []string{`more than the limit`}},
		{"no levers", "method: lhs\npoints: 4\noutcomes: [hhi_regional]\n", []string{`levers: missing`}},
		{"not a map", "- 1\n- 2\n", []string{`:1: expected a mapping of keys`}},
		{"duplicate level", strings.Replace(issueDesign, "[2, 7]", "{levels: [2, 2]}", 1), []string{`level 2 is given twice`}},
		{"one trajectory", strings.Replace(strings.Replace(issueDesign, "method: lhs", "method: morris", 1), "points: 24", "points: 1", 1), []string{`:3: points: morris needs at least 2 trajectories`}},
		{"too many points", strings.Replace(issueDesign, "points: 24", "points: 2000000", 1), []string{`:3: points: the design has 2000000 points, more than the limit of 1000000`}},
		{"too many sobol levers", strings.Replace(strings.Replace(issueDesign, "method: lhs", "method: sobol", 1), "levers:\n", "levers:\n"+floatLevers(19), 1), []string{`levers: sobol varies at most 20 levers (the Sobol sequence has 40 dimensions), got 21`}},
		{"empty", "\n  \n", []string{`the file is empty; a design gives base:`}},
		{"lever twice", strings.Replace(issueDesign, "levers:\n", "levers:\n  procurement:\n    contract_years: [3, 4]\n", 1), []string{`procurement.contract_years: the lever is given twice`}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := writeDesign(t, dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml", tc.content)
			_, err := LoadDesign(p, DesignOptions{Measures: testMeasures})
			var ps inputs.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v is not a list of problems", err)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error\n%s\ndoes not contain %q", msg, w)
				}
			}
		})
	}
	if _, err := LoadDesign(filepath.Join(dir, "missing.yaml"), DesignOptions{}); err == nil || !strings.Contains(err.Error(), "cannot read the file") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadDesign(filepath.Join(dir, "design.txt"), DesignOptions{}); err == nil || !strings.Contains(err.Error(), "unsupported file type") {
		t.Errorf("bad extension: %v", err)
	}
}

// FuzzLoadDesign loads fuzzed design files in memory (LoadDesignData, a
// built-in base only): every input loads or gives a list of problems with a
// file and a message, and a loaded design's factors give valid lever values
// over their whole range. The seeds are the test designs and the examples.
func FuzzLoadDesign(f *testing.F) {
	f.Add([]byte(issueDesign), uint8(0))
	f.Add([]byte("method = \"sobol\"\npoints = 8\noutcomes = [\"hhi_regional\"]\n[levers]\n\"pension.access\" = {levels = [\"none\", \"open\"]}\n"), uint8(1))
	f.Add([]byte(`{"method": "grid", "points": 2, "levers": {"market.private_margin": [0, 0.1]}, "outcomes": ["hhi_regional"], "outcome_years": [2011]}`), uint8(2))
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	for _, p := range examples {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	opt := DesignOptions{NoFiles: true, Measures: testMeasures}
	f.Fuzz(func(t *testing.T, content []byte, format uint8) {
		name := "fuzz" + []string{".yaml", ".toml", ".json"}[int(format)%3]
		d, err := LoadDesignData(name, content, opt)
		if err != nil {
			var ps inputs.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			for _, pr := range ps {
				if pr.File == "" || pr.Msg == "" {
					t.Fatalf("problem without a file or message: %+v", pr)
				}
			}
			return
		}
		if d.Base == nil || len(d.Factors) == 0 || len(d.Outcomes) == 0 || d.Runs() < 1 {
			t.Fatalf("a design without its parts loaded: %+v", d)
		}
		for _, fa := range d.Factors {
			for _, u := range []float64{0, 0.5, 1} {
				if _, err := fa.Lever.Check(fa.Value(u)); err != nil {
					t.Fatalf("factor %s at %v: %v", fa.Lever.Name, u, err)
				}
			}
		}
	})
}

// floatLevers returns n lines of a design's levers: block, each a number
// lever over its whole range (not the two the test designs vary already).
func floatLevers(n int) string {
	var b strings.Builder
	for _, l := range inputs.Levers() {
		if n == 0 {
			break
		}
		if l.Kind != inputs.KindFloat || l.Name == "commissioners.risk_aversion" {
			continue
		}
		fmt.Fprintf(&b, "  %s: [%s, %s]\n", l.Name, inputs.FormatNumber(l.Min), inputs.FormatNumber(l.Max))
		n--
	}
	return b.String()
}

package inputs

import (
	"fmt"
	"strings"
	"testing"
)

func TestScheduleAt(t *testing.T) {
	s := Schedule{{2010, 0.14}, {2015, 0.143}, {2019, 0.206}}
	for _, tc := range []struct {
		year int
		want float64
	}{{2000, 0.14}, {2010, 0.14}, {2014, 0.14}, {2015, 0.143}, {2018, 0.143}, {2019, 0.206}, {2050, 0.206}} {
		if got := s.At(tc.year); got != tc.want {
			t.Errorf("At(%d) = %v, want %v", tc.year, got, tc.want)
		}
	}
	if Schedule(nil).At(2020) != 0 {
		t.Error("empty schedule should be 0")
	}
}

func TestParseSchedule(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  string
	}{
		{"0.14", "0:0.14", ""},
		{"2015:0.143, 2010:0.14", "2010:0.14 2015:0.143", ""},
		{"2010:0.14;2019:0.206", "2010:0.14 2019:0.206", ""},
		{"", "", "empty schedule"},
		{"2010", "0:2010", ""}, // a bare number is a constant
		{"2010 x", "", `"2010" is not YEAR:VALUE`},
		{",", "", "empty schedule"},
		{"20x0:1", "", `"20x0:1": year "20x0" is not a whole number`},
		{"2010:abc", "", `"2010:abc": value "abc" is not a number`},
		{"2010:1 2010:2", "", "year 2010 is given twice"},
	} {
		s, err := ParseSchedule(tc.in)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseSchedule(%q) error %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("ParseSchedule(%q): %v", tc.in, err)
		case s.String() != tc.want:
			t.Errorf("ParseSchedule(%q) = %q, want %q", tc.in, s.String(), tc.want)
		}
	}
}

// FuzzParseSchedule checks that the parser never panics and that whatever
// it accepts it writes back in a form it reads to the same schedule.
func FuzzParseSchedule(f *testing.F) {
	for _, seed := range []string{"0.14", "2010:0.14 2015:0.143", "2010:1,2011:2", "x", "2010:", ":1", "1e308:1", "2010:NaN"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSchedule(in)
		if err != nil {
			return
		}
		again, err := ParseSchedule(s.String())
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", s.String(), in, err)
		}
		if again.String() != s.String() {
			t.Fatalf("round trip %q -> %q", s.String(), again.String())
		}
	})
}

func TestScenarioValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Scenario)
		want   []string
	}{
		{"ok", func(s *Scenario) {}, nil},
		{"years", func(s *Scenario) { s.Years = 0 }, []string{"years: 0 is out of range, expected a whole number in [1, 200]"}},
		{"replications", func(s *Scenario) { s.Replications = 0 }, []string{"replications: 0 is out of range"}},
		{"scale", func(s *Scenario) { s.Scale = "englnd" }, []string{`scale: unknown scale "englnd", expected one of small, default, england, nhs (did you mean "england"?)`}},
		{"start year", func(s *Scenario) { s.StartYear = 1900 }, []string{"start_year: 1900 is out of range"}},
		{"timeline year", func(s *Scenario) {
			s.Timeline = []Change{{Year: 2040, Set: []Assignment{{"pension.access", "open"}}}}
		}, []string{"timeline: year 2040 is outside the run 2010-2029"}},
		{"timeline lever", func(s *Scenario) {
			s.Timeline = []Change{{Year: 2014, Set: []Assignment{{"pension.acess", "open"}}}}
		}, []string{`timeline 2014: unknown lever "pension.acess", did you mean "pension.access"?`}},
		{"timeline value", func(s *Scenario) {
			s.Timeline = []Change{{Year: 2014, Set: []Assignment{{"pension.access", "shut"}}}}
		}, []string{`timeline 2014: pension.access: "shut" is not allowed`}},
		{"timeline breaks weights", func(s *Scenario) {
			s.Timeline = []Change{{Year: 2015, Set: []Assignment{{"procurement.price_weight", 0.9}}}}
		}, []string{"in 2015 after timeline changes: procurement.price_weight + procurement.quality_weight"}},
		{"all at once", func(s *Scenario) { s.Years, s.Replications = 0, 0 }, []string{"years:", "replications:"}},
		{"top-up above rate", func(s *Scenario) {
			s.Timeline = []Change{{Year: 2020, Set: []Assignment{{"pension.central_topup", "2010:0 2020:0.3"}}}}
		}, []string{"in 2020 after timeline changes: pension.central_topup: 0.3 in 2020 is above pension.employer_rate (0.206)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Default()
			tc.change(s)
			err := s.Validate()
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParamsAtAppliesTimelineInOrder(t *testing.T) {
	s := Default()
	s.Timeline = []Change{
		{Year: 2011, Set: []Assignment{{"support.right_to_provide", true}}},
		{Year: 2014, Set: []Assignment{{"pension.access", "open"}, {"procurement.contract_years", 5}}},
		{Year: 2016, Set: []Assignment{{"procurement.contract_years", 7}}},
	}
	for _, tc := range []struct {
		year   int
		rtp    bool
		access PensionAccess
		years  int
	}{{2010, false, AccessClosed, 3}, {2011, true, AccessClosed, 3}, {2015, true, AccessOpen, 5}, {2020, true, AccessOpen, 7}} {
		p, err := s.ParamsAt(tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if p.Support.RightToProvide != tc.rtp || p.Pension.Access != tc.access || p.Procurement.ContractYears != tc.years {
			t.Errorf("%d: rtp %v access %s years %d", tc.year, p.Support.RightToProvide, p.Pension.Access, p.Procurement.ContractYears)
		}
	}
	if s.Params.Support.RightToProvide {
		t.Error("ParamsAt changed the scenario's own levers")
	}
}

func TestHash(t *testing.T) {
	a, b := Default(), Default()
	if a.Hash() != b.Hash() {
		t.Fatal("equal scenarios hash differently")
	}
	b.Seed, b.Replications, b.Name = 99, 3, "renamed"
	if a.Hash() != b.Hash() {
		t.Error("seed, replications and name should not change the parameter hash")
	}
	b.Params.Procurement.ContractYears = 7
	if a.Hash() == b.Hash() {
		t.Error("a lever change did not change the hash")
	}
	c := Default()
	c.Timeline = []Change{{Year: 2014, Set: []Assignment{{"pension.access", "open"}}}}
	if a.Hash() == c.Hash() {
		t.Error("a timeline did not change the hash")
	}
	d := c.Clone()
	d.Params.Pension.EmployerRate[0].Value = 0.5
	d.Timeline[0].Set[0].Value = "none"
	if c.Params.Pension.EmployerRate[0].Value == 0.5 || c.Timeline[0].Set[0].Value != "open" {
		t.Error("Clone shares memory with the original")
	}
}

func ExampleLeverByName() {
	l, _ := LeverByName("pension.access")
	fmt.Println(l.Default, l.Range())
	_, err := l.Check("opne")
	fmt.Println(err)
	// Output:
	// closed none|closed|open
	// pension.access: "opne" is not allowed, expected one of none, closed, open, did you mean "open"?
}

func ExampleScenario_ParamsAt() {
	s := Default()
	s.Timeline = []Change{{Year: 2014, Set: []Assignment{{Lever: "pension.access", Value: "open"}}}}
	for _, y := range []int{2013, 2014} {
		p, _ := s.ParamsAt(y)
		fmt.Println(y, p.Pension.Access, p.Pension.EmployerRate.At(y))
	}
	// Output:
	// 2013 closed 0.14
	// 2014 open 0.14
}

package inputs

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestDefaultsValid(t *testing.T) {
	if errs := Defaults().Validate(); len(errs) > 0 {
		t.Fatalf("defaults invalid: %v", errs)
	}
	if err := Default().Validate(); err != nil {
		t.Fatalf("default scenario invalid: %v", err)
	}
}

// TestEveryFieldHasOneLever walks Params by reflection and checks that each
// field is reached by exactly one lever, so defaults, validation and
// documentation cover the whole model.
func TestEveryFieldHasOneLever(t *testing.T) {
	p := &Params{}
	fields := map[uintptr]string{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			f := v.Field(i)
			name := path + v.Type().Field(i).Name
			if f.Kind() == reflect.Struct {
				walk(f, name+".")
				continue
			}
			fields[f.Addr().Pointer()] = name
		}
	}
	walk(reflect.ValueOf(p).Elem(), "")
	seen := map[uintptr]string{}
	for _, l := range Levers() {
		addr := reflect.ValueOf(l.ptr(p)).Pointer()
		if _, ok := fields[addr]; !ok {
			t.Errorf("lever %s points outside Params", l.Name)
		}
		if other, dup := seen[addr]; dup {
			t.Errorf("levers %s and %s set the same field", l.Name, other)
		}
		seen[addr] = l.Name
	}
	for addr, name := range fields {
		if _, ok := seen[addr]; !ok {
			t.Errorf("field %s has no lever", name)
		}
	}
}

func TestLeverDefinitions(t *testing.T) {
	name := regexp.MustCompile(`^[a-z]+\.[a-z0-9_]+$`)
	seen := map[string]bool{}
	for _, l := range Levers() {
		if !name.MatchString(l.Name) {
			t.Errorf("lever name %q is not section.snake_case", l.Name)
		}
		if seen[l.Name] {
			t.Errorf("lever %s defined twice", l.Name)
		}
		seen[l.Name] = true
		if !slices.Contains(Sections(), l.Section()) {
			t.Errorf("lever %s is in unknown section %q", l.Name, l.Section())
		}
		if l.Desc == "" || l.Source == "" {
			t.Errorf("lever %s lacks a description or a source", l.Name)
		}
		if _, err := l.Check(l.Default); err != nil {
			t.Errorf("default of %s: %v", l.Name, err)
		}
		// Format and Parse round-trip every default.
		v, err := l.Parse(l.Format(l.Default))
		if err != nil || !reflect.DeepEqual(v, l.Default) {
			t.Errorf("%s: round trip of %v gave %v, %v", l.Name, l.Default, v, err)
		}
	}
	// The names other issues and documents rely on.
	for _, n := range []string{"pension.access", "procurement.contract_years", "procurement.reserved_share", "procurement.price_weight",
		"procurement.quality_weight", "commissioners.risk_aversion", "commissioners.awareness", "support.startup_grant",
		"governance.asset_lock", "governance.community_share", "market.private_entry_rate", "productivity.ownership_effect"} {
		if !seen[n] {
			t.Errorf("required lever %s is missing", n)
		}
	}
}

func TestLeverCheckErrors(t *testing.T) {
	tests := []struct {
		lever string
		value any
		want  string
	}{
		{"pension.access", "opne", `pension.access: "opne" is not allowed, expected one of none, closed, open, did you mean "open"?`},
		{"pension.access", 3, "pension.access: got 3, expected one of none, closed, open"},
		{"procurement.contract_years", 2.5, "procurement.contract_years: got 2.5, expected a whole number in [1, 15]"},
		{"procurement.contract_years", 0, "procurement.contract_years: 0 is out of range, expected a whole number in [1, 15] (years)"},
		{"commissioners.risk_aversion", 1.5, "commissioners.risk_aversion: 1.5 is out of range, expected a number in [0, 1] (0-1)"},
		{"commissioners.risk_aversion", "high", `commissioners.risk_aversion: got "high" (text), expected a number in [0, 1]`},
		{"governance.asset_lock", "maybe", `governance.asset_lock: got "maybe" (text), expected true or false`},
		{"pension.employer_rate", "2010:0.14 2010:0.2", `pension.employer_rate: year 2010 is given twice; expected YEAR:VALUE pairs such as "2010:0.14 2015:0.143"`},
		{"pension.employer_rate", "2010:0.9", "pension.employer_rate: value 0.9 in 2010 is out of range, expected values in [0, 0.6] (share of pay)"},
	}
	for _, tc := range tests {
		l, ok := LeverByName(tc.lever)
		if !ok {
			t.Fatalf("no lever %s", tc.lever)
		}
		_, err := l.Check(tc.value)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Check(%s, %v):\n got %v\nwant %s", tc.lever, tc.value, err, tc.want)
		}
	}
}

func TestSetAndGet(t *testing.T) {
	p := Defaults()
	for _, tc := range []struct {
		lever string
		value any
	}{
		{"pension.access", "open"},
		{"procurement.contract_years", 7},
		{"procurement.contract_years", 5.0}, // a whole float is accepted
		{"governance.asset_lock", true},
		{"governance.asset_lock", false},
		{"pension.employer_rate", "2010:0.1 2020:0.3"},
		{"pension.employer_rate", 0.2},
	} {
		l, _ := LeverByName(tc.lever)
		if err := l.Set(p, tc.value); err != nil {
			t.Fatalf("Set(%s, %v): %v", tc.lever, tc.value, err)
		}
		want, _ := l.Check(tc.value)
		if got := l.Get(p); !reflect.DeepEqual(got, want) {
			t.Errorf("Get(%s) = %v after setting %v", tc.lever, got, want)
		}
	}
	if p.Pension.Access != AccessOpen || p.Procurement.ContractYears != 5 || p.Pension.EmployerRate.At(2030) != 0.2 {
		t.Errorf("fields not set: %+v", p.Pension)
	}
}

func TestWeightsMustSumToOne(t *testing.T) {
	p := Defaults()
	p.Procurement.PriceWeight = 0.5
	errs := p.Validate()
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "expected them to sum to 1") || errs[0].Key != "procurement.price_weight" {
		t.Fatalf("got %v", errs)
	}
}

func TestClosest(t *testing.T) {
	var names []string
	for _, l := range Levers() {
		names = append(names, l.Name)
	}
	for _, tc := range []struct{ in, want string }{
		{"pension.acess", "pension.access"},
		{"procurement.contract_year", "procurement.contract_years"},
		{"access", "pension.access"},
		{"governance.assetlock", "governance.asset_lock"},
		{"completely.different", ""},
		{"pensoin.access", "pension.access"},
	} {
		if got := Closest(tc.in, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if _, err := ScaleByName("defualt"); err == nil || !strings.Contains(err.Error(), `did you mean "default"?`) {
		t.Errorf("scale suggestion: %v", err)
	}
}

// TestODDUpToDate fails when docs/ODD.md's parameter tables differ from the
// lever definitions; run "go run ./cmd/mutualsim doc levers --update
// docs/ODD.md" after changing a lever.
func TestODDUpToDate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "ODD.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := UpdateLeverDocs(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(b) {
		t.Error(`docs/ODD.md's lever tables are out of date: run go run ./cmd/mutualsim doc levers --update docs/ODD.md`)
	}
	for _, l := range Levers() {
		if !strings.Contains(string(b), "`"+l.Name+"`") {
			t.Errorf("docs/ODD.md does not list %s", l.Name)
		}
	}
}

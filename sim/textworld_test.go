package sim

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"

	"mutualsim/agents"
	"mutualsim/inputs"
)

// TestMechanisms runs the data-driven tests of sim/testdata/mechanisms: a
// small world described in a text file, one phase run, and the expected
// result beside it, in the style of pebble's testdata files
// (github.com/cockroachdb/datadriven). "go test ./sim -run TestMechanisms
// -rewrite" rewrites the expected results, to be read before committing.
//
// Commands:
//
//	world [regions=N] [year=Y]     the baseline at the small scale, replication 0;
//	                               input: section.lever=value lines
//	providers                      replace the providers; input: one per line,
//	add-provider                   add providers, input as for providers;
//	                               KIND [national] [spun-out] [dead] [born=Y]
//	                               [reserves=X] [distress=N] [asset-lock] [contracts=N] [region=R]
//	                               [staff-control=X] [community=X] [bonus-cap=X] [lines=S1,S2] [workload=X]
//	contracts region=R             replace a region's contracts; input: one per
//	                               line, holder=ID price=P services=S1,S2
//	hold region=R service=S provider=ID   give the contract covering S to ID
//	expire region=R service=S      end the contract covering S this year
//	tenders                        this year's competitive tenders
//	price region=R service=S value=X   set the price of the contract covering S
//	phase name=deliver|surplus|tendering|market  run one phase of the year
//	split id=ID                    a provider's surplus and how it was split
//	snapshot                       the measures of concentration and survival
//	provider id=ID                 a provider's state
//	contract region=R service=S    the contract covering a service
func TestMechanisms(t *testing.T) {
	datadriven.Walk(t, filepath.Join("testdata", "mechanisms"), func(t *testing.T, path string) {
		var w *World
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			if d.Cmd != "world" && w == nil {
				d.Fatalf(t, "%s before world", d.Cmd)
			}
			out, err := mechanismCommand(t, &w, d)
			if err != nil {
				// A mistake in the file, never an expected result: -rewrite
				// must not write it in.
				d.Fatalf(t, "%v", err)
			}
			return out
		})
	})
}

// mechanismCommand runs one command of TestMechanisms.
func mechanismCommand(t *testing.T, wp **World, d *datadriven.TestData) (string, error) {
	w := *wp
	switch d.Cmd {
	case "world":
		set := map[string]any{}
		for _, line := range lines(d.Input) {
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				return "", fmt.Errorf("lever %q: want section.lever=value", line)
			}
			l, ok := inputs.LeverByName(k)
			if !ok {
				return "", fmt.Errorf("no lever %s%s", k, inputs.SuggestLever(k))
			}
			x, err := l.Parse(v)
			if err != nil {
				return "", err
			}
			set[k] = x
		}
		w = testWorld(t, set)
		if d.HasArg("regions") {
			var n int
			d.ScanArgs(t, "regions", &n)
			w.regions = w.regions[:n]
		}
		if d.HasArg("year") {
			d.ScanArgs(t, "year", &w.year)
		}
		*wp = w
		return fmt.Sprintf("%d: %d regions, %d providers, %d staff\n", w.year, len(w.regions), len(w.providers), w.Staff()), nil
	case "providers", "add-provider":
		if d.Cmd == "providers" {
			w.providers = w.providers[:0]
		}
		var ids []string
		for _, line := range lines(d.Input) {
			p, err := parseProvider(line)
			if err != nil {
				return "", err
			}
			id := w.addProvider(p)
			w.providers[id].Alive = p.Alive
			ids = append(ids, strconv.Itoa(int(id)))
		}
		return fmt.Sprintf("providers %s of %d\n", strings.Join(ids, ", "), len(w.providers)), nil
	case "contracts":
		r := w.regions[intArg(t, d, "region")]
		r.Contracts = nil
		for _, line := range lines(d.Input) {
			c, err := parseContract(line)
			if err != nil {
				return "", err
			}
			r.addContract(c)
		}
		return fmt.Sprintf("%d contracts\n", len(r.Contracts)), nil
	case "price":
		r := w.regions[intArg(t, d, "region")]
		s, err := serviceArg(t, d)
		if err != nil {
			return "", err
		}
		var v float64
		d.ScanArgs(t, "value", &v)
		r.Contracts[r.Cover[s]].Price = v
		return "ok\n", nil
	case "split":
		p := w.providers[intArg(t, d, "id")]
		return fmt.Sprintf("revenue %s, surplus %s: reserves +%s, staff benefit %s, investment %s, dividends %s\n",
			num(p.Revenue), num(p.Surplus), num(p.Surplus-p.StaffBenefit-p.Investment-p.Dividends), num(p.StaffBenefit), num(p.Investment), num(p.Dividends)), nil
	case "expire":
		r := w.regions[intArg(t, d, "region")]
		s, err := serviceArg(t, d)
		if err != nil {
			return "", err
		}
		r.Contracts[r.Cover[s]].End = w.year
		return "ok\n", nil
	case "tenders":
		var b strings.Builder
		for _, tr := range w.rec.Tenders {
			if tr.Year != w.year {
				continue
			}
			winner := "no award"
			if tr.Winner >= 0 {
				winner = tr.WinnerKind.String()
			}
			fmt.Fprintf(&b, "region %d %s: %s tender, %d bidders, won by %s (incumbent %s, kept %t)\n",
				tr.Region, serviceNames(tr.Services), tr.Route, tr.Bidders, winner, tr.IncumbentKind, tr.IncumbentWon)
		}
		if b.Len() == 0 {
			return "no competitive tender\n", nil
		}
		return b.String(), nil
	case "hold":
		r := w.regions[intArg(t, d, "region")]
		s, err := serviceArg(t, d)
		if err != nil {
			return "", err
		}
		r.Contracts[r.Cover[s]].Holder = int32(intArg(t, d, "provider"))
		return "ok\n", nil
	case "phase":
		var name string
		d.ScanArgs(t, "name", &name)
		switch name {
		case "deliver":
			w.deliver()
		case "surplus":
			w.allocateSurplus()
		case "tendering":
			w.tendering()
		case "market":
			w.marketDynamics()
		default:
			return "", fmt.Errorf("unknown phase %q (deliver, surplus, tendering, market)", name)
		}
		return "ok\n", nil
	case "snapshot":
		s := w.snapshot()
		var b strings.Builder
		for _, k := range agents.Kinds() {
			fmt.Fprintf(&b, "share %s: %s, providers %s\n", k, num(s.conc.Share[k]), num(s.providers[k]))
		}
		fmt.Fprintf(&b, "hhi national %s, regional %s, cr4 %s, largest private %s\n", num(s.conc.HHI), num(s.conc.RegionalHHI), num(s.conc.CR4), num(s.conc.LargestPrivate))
		fmt.Fprintf(&b, "regions over 2000: %s\n", num(s.conc.RegionsOver2000))
		fmt.Fprintf(&b, "mutuals alive %s, survival 3y %s, 5y %s\n", num(s.mutualsAlive), num(s.survival3), num(s.survival5))
		return b.String(), nil
	case "provider":
		p := w.providers[intArg(t, d, "id")]
		parent := "none"
		if p.Parent >= 0 && int(p.Parent) < len(w.providers) {
			pp := w.providers[p.Parent]
			parent = pp.Kind.String()
			if pp.National {
				parent += " national"
			}
		}
		return fmt.Sprintf("%s alive=%t end=%q parent=%s reserves=%s\n", p.Kind, p.Alive, p.EndWhy, parent, num(p.Reserves)), nil
	case "contract":
		r := w.regions[intArg(t, d, "region")]
		s, err := serviceArg(t, d)
		if err != nil {
			return "", err
		}
		c := r.Contracts[r.Cover[s]]
		holder := "nhs in-house"
		if c.Holder != r.InHouse {
			holder = fmt.Sprintf("provider %d (%s)", c.Holder, w.providers[c.Holder].Kind)
		}
		return fmt.Sprintf("holder %s, route %s, transfer pending %t\n", holder, c.Route, r.pending[s]), nil
	}
	return "", fmt.Errorf("unknown command %q", d.Cmd)
}

// lines returns the non-empty lines of a command's input.
func lines(input string) []string {
	var out []string
	for _, l := range strings.Split(input, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// num formats a number for an expected result: four significant figures.
func num(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

func intArg(t *testing.T, d *datadriven.TestData, key string) int {
	var n int
	d.ScanArgs(t, key, &n)
	return n
}

func serviceArg(t *testing.T, d *datadriven.TestData) (agents.Service, error) {
	var name string
	d.ScanArgs(t, "service", &name)
	return parseService(name)
}

// serviceNames lists a set's services, joined by commas.
func serviceNames(set agents.ServiceSet) string {
	var names []string
	for s := range agents.NumServices {
		if set.Has(s) {
			names = append(names, s.String())
		}
	}
	return strings.Join(names, ",")
}

func parseService(name string) (agents.Service, error) {
	for s := range agents.NumServices {
		if s.String() == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown service %q", name)
}

// parseServices reads a comma-separated list of services.
func parseServices(list string) (agents.ServiceSet, error) {
	var set agents.ServiceSet
	for _, name := range strings.Split(list, ",") {
		s, err := parseService(name)
		if err != nil {
			return set, err
		}
		set = set.With(s)
	}
	return set, nil
}

func parseKind(name string) (agents.Kind, error) {
	for _, k := range agents.Kinds() {
		if k.String() == name {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown kind %q", name)
}

// parseProvider reads "KIND [national] [spun-out] [dead] [born=Y]
// [reserves=X] [distress=N] [asset-lock] [contracts=N] [region=R]
// [staff-control=X] [community=X] [bonus-cap=X] [lines=S1,S2] [workload=X]".
func parseProvider(line string) (agents.Provider, error) {
	f := strings.Fields(line)
	k, err := parseKind(f[0])
	if err != nil {
		return agents.Provider{}, err
	}
	p := agents.Provider{Kind: k, Alive: true, Parent: -1}
	for _, a := range f[1:] {
		key, v, hasValue := strings.Cut(a, "=")
		var x float64
		if hasValue && key != "lines" {
			var err error
			if x, err = strconv.ParseFloat(v, 64); err != nil {
				return p, fmt.Errorf("provider: %s: %q is not a number", key, v)
			}
		}
		switch key {
		case "national":
			p.National = true
		case "spun-out":
			p.SpunOut = true
		case "dead":
			p.Alive = false
		case "asset-lock":
			p.AssetLock = true
		case "born":
			p.Born = int(x)
		case "reserves":
			p.Reserves = x
		case "distress":
			p.DistressYears = int(x)
		case "contracts":
			p.Contracts = int(x)
		case "region":
			p.Home = int32(x)
		case "staff-control":
			p.StaffControl = x
		case "community":
			p.CommunityShare = x
		case "bonus-cap":
			p.BonusCap = x
		case "workload":
			p.Workload = x
		case "lines":
			lines, err := parseServices(v)
			if err != nil {
				return p, err
			}
			p.Lines = lines
		default:
			return p, fmt.Errorf("provider: unknown attribute %q", a)
		}
	}
	return p, nil
}

// parseContract reads "holder=ID price=P services=S1,S2".
func parseContract(line string) (agents.Contract, error) {
	c := agents.Contract{Active: true}
	for _, a := range strings.Fields(line) {
		key, v, _ := strings.Cut(a, "=")
		switch key {
		case "holder":
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, fmt.Errorf("holder %q: %w", v, err)
			}
			c.Holder = int32(n)
		case "price":
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return c, fmt.Errorf("price %q: %w", v, err)
			}
			c.Price = x
		case "services":
			services, err := parseServices(v)
			if err != nil {
				return c, err
			}
			c.Services = services
		default:
			return c, fmt.Errorf("contract: unknown attribute %q", a)
		}
	}
	return c, nil
}

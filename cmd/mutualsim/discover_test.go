package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// discover explains a finished sweep's runs and writes its tables, the
// manifest and a report section; bad input is a one-line error.
func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(design, []byte("base: baseline\nmethod: lhs\npoints: 40\nreplications: 1\nscale: small\nyears: 4\nlevers:\n  procurement.lot_services: [1, 6]\n  commissioners.transition_risk: [0.0, 0.6]\noutcomes: [share_private, hhi_regional]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sweep")
	if code, _, errs := runCLI(t, "sweep", design, "--out", out, "-q", "--no-report"); code != 0 {
		t.Fatalf("sweep: %d %s", code, errs)
	}
	code, stdout, errs := runCLI(t, "discover", out, "--where", "share_private > 0.05", "--resamples", "5")
	if code != 0 {
		t.Fatalf("discover: %d %s", code, errs)
	}
	if !strings.Contains(stdout, "share_private > 0.05 in 2013: holds in") || !strings.Contains(stdout, "CART tree") {
		t.Errorf("printed:\n%s", stdout)
	}
	for _, f := range []string{"discover.csv", "discover_trajectory.csv", "discover_tree.csv", "discover.json", "report.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "report.html")); !strings.Contains(string(b), "Scenario discovery") {
		t.Error("the report has no discovery section")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"discover", out, "--where", "share_private > 0.1"}, "already holds a discovery (--where \"share_private > 0.05\", 2013): pass --force"},
		{[]string{"discover", out, "--where", "share_privat > 0.1", "--force"}, `did you mean "share_private"?`},
		{[]string{"discover", out, "--where", "share_private > 10%", "--force"}, "write shares as numbers from 0 to 1"},
		{[]string{"discover", out, "--where", "share_private > 0.1", "--year", "2030", "--force"}, "--year: the sweep read its outcomes in 2013, not 2030"},
		{[]string{"discover", out, "--where", "share_private > 0.1", "--box", "999", "--force"}, "--box: 999 is out of range"},
		{[]string{"discover", out, "--where", "share_private > 2", "--force"}, "holds in none of the 40 runs"},
		{[]string{"discover", dir, "--where", "share_private > 0.1"}, "not a sweep folder"},
		{[]string{"discover", out}, "--where: say which runs to explain"},
		{[]string{"discover", out, "--where", "share_private > 0.1", "--peel-alpha", "0.7", "--force"}, "--peel-alpha: 0.7 is out of range"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != exitError || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, %q; want 2 and %q on one line", tc.args, code, errs, tc.want)
		}
	}
}

package webui

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutualsim/experiment"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// small is a quick request: 3 replications at the small scale for 5
// years.
func small(scenario string, set ...string) Request {
	reps, years, scale := 3, 5, "small"
	return Request{Scenario: scenario, Set: set, Reps: &reps, Years: &years, Scale: &scale}
}

func newTestServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Workers == 0 {
		cfg.Workers = 2
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	return s, ts
}

// call sends a request with a JSON body (nil for none) and decodes the
// JSON answer into out (nil to ignore it); it returns the status.
func call(t *testing.T, ts *httptest.Server, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

func create(t *testing.T, ts *httptest.Server, req Request) Created {
	t.Helper()
	var c Created
	if code := call(t, ts, "POST", "/api/sessions", req, &c); code != http.StatusCreated {
		t.Fatalf("create: status %d", code)
	}
	return c
}

// frameJSON is a frame as the page reads it, nulls and all.
type frameJSON struct {
	Year   int                    `json:"year"`
	Branch bool                   `json:"branch"`
	M      map[string][3]*float64 `json:"m"`
	Ghost  map[string][3]*float64 `json:"ghost"`
	Diff   map[string][3]*float64 `json:"diff"`
}

func stepAll(t *testing.T, ts *httptest.Server, id string) []frameJSON {
	t.Helper()
	var frames []frameJSON
	for {
		var out struct {
			Frame frameJSON `json:"frame"`
			Error string    `json:"error"`
		}
		code := call(t, ts, "POST", "/api/sessions/"+id+"/step", nil, &out)
		if code == http.StatusConflict {
			return frames
		}
		if code != http.StatusOK {
			t.Fatalf("step: %d %s", code, out.Error)
		}
		frames = append(frames, out.Frame)
	}
}

// same reports whether a number the page received equals x (NaN as null).
func same(got *float64, x float64) bool {
	if got == nil {
		return math.IsNaN(x)
	}
	return *got == x
}

// checkStats compares frames with the summary of a run, measure by
// measure, exactly.
func checkStats(t *testing.T, what string, frames []frameJSON, stats []outputs.Stat, pick func(frameJSON) map[string][3]*float64) {
	t.Helper()
	byYear := map[int]frameJSON{}
	for _, f := range frames {
		byYear[f.Year] = f
	}
	n := 0
	for _, st := range stats {
		f, ok := byYear[st.Year]
		if !ok {
			t.Fatalf("%s: no frame for %d", what, st.Year)
		}
		got := pick(f)[st.Measure]
		if !same(got[0], st.Mean) || !same(got[1], st.Low) || !same(got[2], st.High) {
			t.Errorf("%s %d %s: page %v, run %v [%v, %v]", what, st.Year, st.Measure, deref(got), st.Mean, st.Low, st.High)
			if n++; n > 5 {
				t.FailNow()
			}
		}
	}
}

func deref(v [3]*float64) []any {
	out := make([]any, 3)
	for i, p := range v {
		if p != nil {
			out[i] = *p
		}
	}
	return out
}

// runStats runs a scenario the way "mutualsim run" does and returns its
// summary.
func runStats(t *testing.T, ref string, req Request) []outputs.Stat {
	t.Helper()
	scen, err := scenarios.Load(ref, scenarios.LoadOptions{Set: req.Set, Replications: req.Reps, Years: req.Years, Scale: req.Scale})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), scen, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return outputs.Summarise(res)
}

// TestStepsEqualTheCommandLine steps a session to its end and checks that
// every year's every measure, mean and interval, is the run's summary,
// for the scenario and for its ghost; and that the paired differences are
// those of the comparison.
func TestStepsEqualTheCommandLine(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	req := small("pension-open-access", "procurement.contract_years=4")
	req.Ghost = true
	c := create(t, ts, req)
	ps, err := scenarios.Load("pension-open-access", scenarios.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Comparator != ps.CompareTo || c.StartYear != 2010 || c.EndYear != 2014 || c.Reps != 3 {
		t.Fatalf("created %+v", c)
	}
	frames := stepAll(t, ts, c.ID)
	if len(frames) != 5 {
		t.Fatalf("%d frames, want 5", len(frames))
	}
	checkStats(t, "scenario", frames, runStats(t, "pension-open-access", req), func(f frameJSON) map[string][3]*float64 { return f.M })
	base := req
	base.Set = nil
	checkStats(t, "ghost", frames, runStats(t, ps.CompareTo, base), func(f frameJSON) map[string][3]*float64 { return f.Ghost })
	// The paired difference of the last year, as "mutualsim compare".
	scens, err := experiment.LoadWithComparator("pension-open-access", scenarios.LoadOptions{Set: req.Set, Replications: req.Reps, Years: req.Years, Scale: req.Scale})
	if err != nil {
		t.Fatal(err)
	}
	scens[0], err = scenarios.Load(ps.CompareTo, experiment.PairedOptions(scens[1], scenarios.LoadOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	var vals [2][]float64
	mi := sim.MeasureIndex("share_nhs")
	for i, s := range scens {
		res, err := sim.Run(context.Background(), s, sim.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Reps {
			vals[i] = append(vals[i], r.Values[len(r.Values)-1][mi])
		}
	}
	d := outputs.Paired(vals[0], vals[1])
	got := frames[4].Diff["share_nhs"]
	if !same(got[0], d.Diff) || !same(got[1], d.Low) || !same(got[2], d.High) {
		t.Errorf("paired difference of share_nhs in 2014: page %v, compare %v [%v, %v]", deref(got), d.Diff, d.Low, d.High)
	}
}

// TestBranchEqualsTheCommandLine changes a lever after two years: the
// years before are the first scenario's, the years after are the run
// folder that "mutualsim run --checkpoint" then "mutualsim branch" write,
// which the download holds.
func TestBranchEqualsTheCommandLine(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	for range 2 {
		if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, nil); code != http.StatusOK {
			t.Fatalf("step: %d", code)
		}
	}
	var st State
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/levers", map[string]any{"set": []string{"pension.access=open"}}, &st); code != http.StatusOK {
		t.Fatalf("levers: %d", code)
	}
	if st.Levers["pension.access"] != "open" || st.Year != 2012 {
		t.Fatalf("state after the change: year %d, pension.access %q", st.Year, st.Levers["pension.access"])
	}
	frames := stepAll(t, ts, c.ID)
	if len(frames) != 3 || !frames[0].Branch || frames[1].Branch {
		t.Fatalf("frames after the change: %d, branch marks %v %v", len(frames), frames[0].Branch, frames[1].Branch)
	}
	call(t, ts, "GET", "/api/sessions/"+c.ID+"/command", nil, &st)
	want := "mutualsim run --scenario baseline --reps 3 --scale small --years 5 --checkpoint session.ckpt --until 2011\n" +
		"mutualsim branch session.ckpt --scenario baseline --years 5 --set pension.access=open"
	if st.Command != want {
		t.Errorf("command:\n%s\nwant\n%s", st.Command, want)
	}
	summary := downloadSummary(t, ts, c.ID)
	for _, f := range frames {
		for _, m := range []string{"share_nhs", "nhs_pension_share", "staff_in_mutuals", "hhi_regional"} {
			want := summary[fmt.Sprint(f.Year)+"/"+m]
			got := f.M[m][0]
			if got == nil || outputs.FormatFloat(*got) != want {
				t.Errorf("%d %s: page %v, branch folder %q", f.Year, m, deref(f.M[m]), want)
			}
		}
	}
}

// downloadSummary downloads a session's run folder and returns its
// summary.csv means by "year/measure".
func downloadSummary(t *testing.T, ts *httptest.Server, id string) map[string]string {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + "/api/sessions/" + id + "/download?format=csv")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("download: %d %s", resp.StatusCode, b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !strings.HasSuffix(f.Name, "/summary.csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(rc)
		var cols []string
		for sc.Scan() {
			row := strings.Split(sc.Text(), ",")
			if cols == nil {
				cols = row
				continue
			}
			rec := map[string]string{}
			for i, c := range cols {
				rec[c] = row[i]
			}
			out[rec["year"]+"/"+rec["measure"]] = rec["mean"]
		}
		rc.Close()
	}
	if !strings.Contains(strings.Join(names, " "), "/report.html") || len(out) == 0 {
		t.Fatalf("the archive lacks report.html or summary.csv: %v", names)
	}
	return out
}

// TestBadRequests checks that every kind of bad input is refused with a
// message beside the control it belongs to, and nothing is built.
func TestBadRequests(t *testing.T) {
	s, ts := newTestServer(t, Config{MaxStaffYears: 1e6})
	reps, huge := 3, 100
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
		msg    string
	}{
		{"unknown scenario", small("pension-open-acess"), 400, "scenario", "pension-open-access"},
		{"a path as scenario", small("../../etc/passwd"), 400, "scenario", "not a built-in scenario"},
		{"unknown lever", small("baseline", "pension.acess=open"), 400, "set", "pension.access"},
		{"lever out of range", small("baseline", "procurement.contract_years=99"), 400, "lever:procurement.contract_years", "99"},
		{"bad choice", small("baseline", "pension.access=sometimes"), 400, "lever:pension.access", "sometimes"},
		{"unknown scale", Request{Scenario: "baseline", Scale: ptr("huge"), Reps: &reps}, 400, "scale", "huge"},
		{"too large", Request{Scenario: "baseline", Reps: &huge}, 400, "reps", "--max-staff-years"},
		{"file extends a file", Request{File: &File{Name: "x.yaml", Text: "extends: /etc/passwd\n"}, Reps: &reps}, 400, "", "built-in"},
		{"file with a bad line", Request{File: &File{Name: "x.yaml", Text: "name: x\npension:\n  access: sometimes\n"}, Reps: &reps}, 400, "", "sometimes"},
		{"file of another type", Request{File: &File{Name: "x.exe", Text: "MZ"}}, 400, "file", ".yaml"},
		{"unknown field", map[string]any{"scenario": "baseline", "sed": 1}, 400, "", "sed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out errorBody
			code := call(t, ts, "POST", "/api/sessions", tc.body, &out)
			if code != tc.status || !strings.Contains(out.Error, tc.msg) {
				t.Fatalf("status %d, %q; want %d and a message containing %q", code, out.Error, tc.status, tc.msg)
			}
			if tc.field != "" && (len(out.Problems) == 0 || out.Problems[0].Field != tc.field) {
				t.Errorf("problems %+v, want one for %q", out.Problems, tc.field)
			}
		})
	}
	if n := s.Sessions(); n != 0 {
		t.Errorf("%d sessions after bad requests", n)
	}
	// A body beyond the limit.
	big := Request{File: &File{Name: "x.yaml", Text: strings.Repeat("#", maxBody)}}
	var out errorBody
	if code := call(t, ts, "POST", "/api/sessions", big, &out); code != http.StatusRequestEntityTooLarge {
		t.Errorf("a %d MiB body: status %d %q", maxBody>>20, code, out.Error)
	}
	for _, path := range []string{"/api/sessions/nope/step", "/api/sessions/nope/pause"} {
		if code := call(t, ts, "POST", path, nil, &out); code != http.StatusNotFound || !strings.Contains(out.Error, "Start") {
			t.Errorf("%s: %d %q", path, code, out.Error)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestLimits refuses a session beyond the number allowed, with what to do,
// and frees sessions whose pages have gone.
func TestLimits(t *testing.T) {
	s, ts := newTestServer(t, Config{MaxSessions: 2, IdleTimeout: time.Hour})
	now := time.Unix(1e9, 0)
	s.now = func() time.Time { return now }
	a := create(t, ts, small("baseline"))
	create(t, ts, small("baseline"))
	var out errorBody
	if code := call(t, ts, "POST", "/api/sessions", small("baseline"), &out); code != http.StatusServiceUnavailable || !strings.Contains(out.Error, "--max-sessions") {
		t.Fatalf("third session: %d %q", code, out.Error)
	}
	if code := call(t, ts, "DELETE", "/api/sessions/"+a.ID, nil, nil); code != http.StatusNoContent {
		t.Fatalf("delete: %d", code)
	}
	create(t, ts, small("baseline"))
	now = now.Add(2 * time.Hour)
	s.reapIdle()
	if n := s.Sessions(); n != 0 {
		t.Errorf("%d sessions left after their pages were gone for two hours", n)
	}
}

// TestEventsReplayAndPlay opens the event stream after a step, reads the
// replayed frame, plays to the end and reads every frame in order.
func TestEventsReplayAndPlay(t *testing.T) {
	s, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/sessions/"+c.ID+"/events", nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	if call(t, ts, "POST", "/api/sessions/"+c.ID+"/play", map[string]int{"delay_ms": 0}, nil) != http.StatusOK {
		t.Fatal("play refused")
	}
	var years []int
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "event: "); ok {
			name = v
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		switch name {
		case "frame":
			var f frameJSON
			if err := json.Unmarshal([]byte(data), &f); err != nil {
				t.Fatal(err)
			}
			years = append(years, f.Year)
		case "state":
			var st State
			if err := json.Unmarshal([]byte(data), &st); err != nil {
				t.Fatal(err)
			}
			if st.Done && !st.Playing {
				cancel()
			}
		}
	}
	if fmt.Sprint(years) != "[2010 2011 2012 2013 2014]" {
		t.Errorf("frames streamed for %v", years)
	}
	// While nothing plays, a step after the end is refused.
	var out errorBody
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, &out); code != http.StatusConflict || !strings.Contains(out.Error, "Reset") {
		t.Errorf("step after the end: %d %q", code, out.Error)
	}
	var st State
	if call(t, ts, "POST", "/api/sessions/"+c.ID+"/reset", nil, &st) != http.StatusOK || st.Year != 2010 || st.Done {
		t.Errorf("reset: %+v", st)
	}
	_ = s
}

// TestPlayRefusesSteps checks that stepping or changing levers while
// playing is refused, and that pause stops play.
func TestPlayRefusesSteps(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	if call(t, ts, "POST", "/api/sessions/"+c.ID+"/play", map[string]int{"delay_ms": 2000}, nil) != http.StatusOK {
		t.Fatal("play refused")
	}
	var out errorBody
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, &out); code != http.StatusConflict || !strings.Contains(out.Error, "Pause") {
		t.Errorf("step while playing: %d %q", code, out.Error)
	}
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/levers", map[string]any{"set": []string{"pension.access=open"}}, &out); code != http.StatusConflict {
		t.Errorf("levers while playing: %d %q", code, out.Error)
	}
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/play", map[string]int{"delay_ms": 20000}, &out); code != http.StatusBadRequest {
		t.Errorf("a 20 s delay: %d %q", code, out.Error)
	}
	var st State
	call(t, ts, "POST", "/api/sessions/"+c.ID+"/pause", nil, &st)
	if st.Playing {
		t.Error("still playing after pause")
	}
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, nil); code != http.StatusOK {
		t.Errorf("step after pause: %d", code)
	}
}

// TestCatalogAndAssets serves the page, its assets and the catalog.
func TestCatalogAndAssets(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	var cat catalog
	if code := call(t, ts, "GET", "/api/catalog", nil, &cat); code != http.StatusOK {
		t.Fatalf("catalog: %d", code)
	}
	if len(cat.Scenarios) != len(scenarios.Names()) || len(cat.Levers) < 100 || len(cat.Charts) != len(pageCharts) {
		t.Fatalf("catalog: %d scenarios, %d levers, %d charts", len(cat.Scenarios), len(cat.Levers), len(cat.Charts))
	}
	featured := map[string]bool{}
	for _, l := range cat.Levers {
		featured[l.Name] = l.Featured
	}
	if !featured["pension.access"] || featured["market.cost_spread"] {
		t.Errorf("featured: pension.access %v, market.cost_spread %v", featured["pension.access"], featured["market.cost_spread"])
	}
	for _, path := range []string{"/", "/app.js", "/style.css"} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) == 0 || resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %d, %d bytes, CSP %q", path, resp.StatusCode, len(b), resp.Header.Get("Content-Security-Policy"))
		}
	}
}

func TestCommand(t *testing.T) {
	seed := uint64(7)
	for _, tc := range []struct {
		req      Request
		branches []Branch
		want     string
	}{
		{Request{Scenario: "baseline"}, nil, "mutualsim run --scenario baseline"},
		{Request{Scenario: "baseline", Seed: &seed, Set: []string{"pension.employer_rate=2010:0.14, 2015:0.2"}}, nil,
			"mutualsim run --scenario baseline --seed 7 --set 'pension.employer_rate=2010:0.14, 2015:0.2'"},
		{Request{File: &File{Name: "C:\\x\\my plan.yaml"}}, nil, "mutualsim run --scenario './my plan.yaml'"},
		{Request{File: &File{Name: "-x.yaml"}}, nil, "mutualsim run --scenario ./-x.yaml"},
		{Request{Scenario: "baseline"}, []Branch{{2014, []string{"a.b=1"}}, {2016, nil}},
			"# 2 changes of levers (in 2014, 2016): the command line branches a run once; this is the run before the first\nmutualsim run --scenario baseline"},
	} {
		if got := Command(tc.req, tc.branches); got != tc.want {
			t.Errorf("Command(%+v):\n%s\nwant\n%s", tc.req, got, tc.want)
		}
	}
	if got := shellQuote("it's"); got != `'it'\''s'` {
		t.Errorf("shellQuote: %s", got)
	}
	if strconv.Quote(shellQuote("")) != `"''"` {
		t.Error("the empty word is not quoted")
	}
}

// TestCheck answers a good request with no problems and a bad one with
// the loader's, building nothing.
func TestCheck(t *testing.T) {
	s, ts := newTestServer(t, Config{})
	var out errorBody
	if code := call(t, ts, "POST", "/api/check", small("baseline", "pension.access=open"), &out); code != http.StatusOK || out.Error != "" {
		t.Errorf("good request: %d %+v", code, out)
	}
	if code := call(t, ts, "POST", "/api/check", small("baseline", "pension.access=maybe"), &out); code != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != "lever:pension.access" {
		t.Errorf("bad lever: %d %+v", code, out)
	}
	if s.Sessions() != 0 {
		t.Error("a check built a session")
	}
}

// TestEndpointsRefuseBadInput covers what the other tests leave: a bad
// lever change, a bad download format, an unknown session's stream, and
// the manual.
func TestEndpointsRefuseBadInput(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	call(t, ts, "POST", "/api/sessions/"+c.ID+"/step", nil, nil)
	var out errorBody
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/levers", map[string]any{"set": []string{"procurement.contract_years=0"}}, &out); code != http.StatusBadRequest ||
		len(out.Problems) == 0 || out.Problems[0].Field != "lever:procurement.contract_years" {
		t.Errorf("a bad lever change: %d %+v", code, out)
	}
	var st State
	call(t, ts, "GET", "/api/sessions/"+c.ID+"/command", nil, &st)
	if st.Command != "mutualsim run --scenario baseline --reps 3 --scale small --years 5" {
		t.Errorf("a refused change changed the command: %q", st.Command)
	}
	if code := call(t, ts, "GET", "/api/sessions/"+c.ID+"/download?format=xlsx", nil, &out); code != http.StatusBadRequest || !strings.Contains(out.Error, "xlsx") {
		t.Errorf("download as xlsx: %d %q", code, out.Error)
	}
	if code := call(t, ts, "GET", "/api/sessions/nope/events", nil, &out); code != http.StatusNotFound {
		t.Errorf("the events of no session: %d", code)
	}
	if code := call(t, ts, "POST", "/api/sessions/"+c.ID+"/levers", "not an object", &out); code != http.StatusBadRequest || !strings.Contains(out.Error, "JSON") {
		t.Errorf("a body that is not an object: %d %q", code, out.Error)
	}
	var man struct {
		Pages []struct{ Path, Short string }
	}
	if code := call(t, ts, "GET", "/api/manual", nil, &man); code != http.StatusOK || len(man.Pages) < 10 {
		t.Fatalf("manual: %d, %d pages", code, len(man.Pages))
	}
	found := false
	for _, p := range man.Pages {
		found = found || p.Path == "mutualsim serve"
	}
	if !found {
		t.Error("the manual has no page for mutualsim serve")
	}
}

// TestGuard refuses a request addressed to another name when the server
// is loopback only (DNS rebinding), and another site's page starting a
// simulation (cross-site request forgery).
func TestGuard(t *testing.T) {
	s, err := New(Config{LoopbackOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	body := `{"scenario":"baseline","reps":1,"scale":"small","years":1}`
	for _, tc := range []struct {
		name, host string
		headers    map[string]string
		want       int
	}{
		{"loopback", "127.0.0.1:8080", nil, http.StatusCreated},
		{"localhost", "localhost:8080", nil, http.StatusCreated},
		{"rebound name", "evil.example:8080", nil, http.StatusForbidden},
		{"another site's page", "127.0.0.1:8080", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, http.StatusForbidden},
	} {
		req := httptest.NewRequest("POST", "/api/sessions", strings.NewReader(body))
		req.Host = tc.host
		for k, v := range tc.headers {
			req.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, w.Code, w.Body, tc.want)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", tc.name, csp)
		}
	}
}

// TestClosedSessionStaysClosed deletes a session and finds that nothing
// can play, step or stream it again.
func TestClosedSessionStaysClosed(t *testing.T) {
	s, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	s.mu.Lock()
	se := s.sessions[c.ID]
	s.mu.Unlock()
	call(t, ts, "DELETE", "/api/sessions/"+c.ID, nil, nil)
	// A handler that found the session before the delete goes on with it.
	if err := se.play(context.Background(), 0); !errors.Is(err, errClosed) {
		t.Errorf("play after close: %v", err)
	}
	if _, err := se.step(context.Background()); !errors.Is(err, errClosed) {
		t.Errorf("step after close: %v", err)
	}
	if sub, _ := se.subscribe(); sub != nil {
		t.Error("a closed session took a subscriber")
	}
}

// TestCancelledStepChangesNothing: a step whose request has gone before it
// began leaves the worlds as they were, and the next step simulates the
// next year, equal to the run.
func TestCancelledStepChangesNothing(t *testing.T) {
	sp, err := loadSpec(small("baseline"), nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHistory(context.Background(), sp, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.step(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.step(ctx); err == nil {
		t.Fatal("a cancelled step went ahead")
	}
	f, err := h.step(context.Background())
	if err != nil || f.Year != 2011 {
		t.Fatalf("the step after: year %d, %v", f.Year, err)
	}
	want := runStats(t, "baseline", small("baseline"))
	for _, st := range want {
		if st.Year == 2011 && st.Measure == "share_nhs" && f.M["share_nhs"][0] != st.Mean {
			t.Errorf("share_nhs in 2011: %v, the run %v", f.M["share_nhs"][0], st.Mean)
		}
	}
}

// TestDownloadsAreLimited answers 503 while the server prepares as many
// run folders as it allows.
func TestDownloadsAreLimited(t *testing.T) {
	s, ts := newTestServer(t, Config{Downloads: 1})
	c := create(t, ts, small("baseline"))
	s.downloads <- struct{}{}
	var out errorBody
	if code := call(t, ts, "GET", "/api/sessions/"+c.ID+"/download?format=csv", nil, &out); code != http.StatusServiceUnavailable || !strings.Contains(out.Error, "try again") {
		t.Errorf("a download beyond the limit: %d %q", code, out.Error)
	}
	<-s.downloads
}

// TestWrongKindBesideItsControl puts a value of the wrong kind beside the
// control it came from.
func TestWrongKindBesideItsControl(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	for _, tc := range []struct{ body, field, msg string }{
		{`{"scenario":"baseline","seed":1.5}`, "seed", "whole number, 0 or more"},
		{`{"scenario":"baseline","reps":"ten"}`, "reps", "whole number"},
		{`{"scenario":"baseline","set":"pension.access=open"}`, "set", "a list"},
	} {
		resp, err := ts.Client().Post(ts.URL+"/api/check", "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		var out errorBody
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != tc.field || !strings.Contains(out.Error, tc.msg) {
			t.Errorf("%s: %d %+v", tc.body, resp.StatusCode, out)
		}
	}
}

// TestStreamsPerSessionAreLimited refuses a stream beyond maxStreams on
// one session.
func TestStreamsPerSessionAreLimited(t *testing.T) {
	s, ts := newTestServer(t, Config{})
	c := create(t, ts, small("baseline"))
	s.mu.Lock()
	se := s.sessions[c.ID]
	s.mu.Unlock()
	for range maxStreams {
		if sub, _ := se.subscribe(); sub == nil {
			t.Fatal("a stream within the limit was refused")
		}
	}
	var out errorBody
	if code := call(t, ts, "GET", "/api/sessions/"+c.ID+"/events", nil, &out); code != http.StatusTooManyRequests || !strings.Contains(out.Error, "pages open") {
		t.Errorf("a stream beyond the limit: %d %q", code, out.Error)
	}
}

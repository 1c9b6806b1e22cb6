package webui

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkYear measures what a page waits for a year at the default
// scale with 10 replications and the comparator beside them: every
// replication of both simulated and summarised (go test -bench Year
// ./webui).
func BenchmarkYear(b *testing.B) {
	for _, ghost := range []bool{false, true} {
		name := "alone"
		if ghost {
			name = "with-ghost"
		}
		b.Run(name, func(b *testing.B) {
			req := Request{Scenario: "pension-open-access", Ghost: ghost}
			sp, err := loadSpec(req, nil)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			h, err := newHistory(ctx, sp, cfgWorkers())
			if err != nil {
				b.Fatal(err)
			}
			var spent time.Duration
			years := 0
			b.ResetTimer()
			for b.Loop() {
				if h.done() {
					b.StopTimer()
					if h, err = newHistory(ctx, sp, h.workers); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				t0 := time.Now()
				if _, err := h.step(ctx); err != nil {
					b.Fatal(err)
				}
				spent += time.Since(t0)
				years++
			}
			b.ReportMetric(float64(spent.Milliseconds())/float64(years), "ms/year")
		})
	}
}

// BenchmarkPageWeight reports the bytes of the page, its script and its
// style, and with the catalogue the page asks for: what a browser loads
// before the first year.
func BenchmarkPageWeight(b *testing.B) {
	s, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	total := 0
	for b.Loop() {
		total = 0
		err := fs.WalkDir(assets, "assets", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(assets, path)
			total += len(data)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total)/1024, "KiB/assets")
	b.ReportMetric(float64(total+len(s.catalog))/1024, "KiB/page")
}

func cfgWorkers() int { return Config{}.withDefaults().Workers }

// BenchmarkStepRequest measures a year as the page gets it: a POST of
// step, answered with the year's frame in JSON, at the default scale with
// 10 replications and the comparator.
func BenchmarkStepRequest(b *testing.B) {
	s, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	start := func() string {
		resp, err := ts.Client().Post(ts.URL+"/api/sessions", "application/json", strings.NewReader(`{"scenario":"pension-open-access","ghost":true}`))
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		var c Created
		if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
			b.Fatal(err)
		}
		return c.ID
	}
	id := start()
	bytes := 0
	years := 0
	for b.Loop() {
		resp, err := ts.Client().Post(ts.URL+"/api/sessions/"+id+"/step", "application/json", nil)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusConflict {
			b.StopTimer()
			req, _ := http.NewRequest("DELETE", ts.URL+"/api/sessions/"+id, nil)
			if r, err := ts.Client().Do(req); err == nil {
				r.Body.Close()
			}
			id = start()
			b.StartTimer()
			continue
		}
		bytes += int(n)
		years++
	}
	if years > 0 {
		b.ReportMetric(float64(bytes)/float64(years)/1024, "KiB/year")
	}
}

//go:build e2e

package webui

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"mutualsim/outputs"
)

var updateScreenshot = flag.Bool("screenshot", false, "write the screenshot of the page to docs/serve.png")

// chromium returns Chromium's path; CI installs it and sets
// REPORT_REQUIRE_CHROMIUM=1, so there the test cannot be skipped.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("REPORT_REQUIRE_CHROMIUM") != "" {
		t.Fatal("Chromium is not installed, and REPORT_REQUIRE_CHROMIUM is set")
	}
	t.Skip("no Chromium: CI installs it (.ci/run)")
	return ""
}

// page is a headless Chromium showing the UI, with the page's errors
// gathered.
type page struct {
	t   *testing.T
	ctx context.Context
	ts  *httptest.Server
	// downloads is where the browser saves what the page downloads.
	downloads string
	mu        sync.Mutex
	errs      []string
}

func openPage(t *testing.T, width, height int) *page {
	t.Helper()
	_, ts := newTestServer(t, Config{})
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium(t)), chromedp.NoSandbox,
		chromedp.WindowSize(width, height), chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	p := &page{t: t, ctx: ctx, ts: ts, downloads: t.TempDir()}
	if err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.errs = append(p.errs, fmt.Sprintf("exception: %s at %d:%d", ev.ExceptionDetails.Text, ev.ExceptionDetails.LineNumber, ev.ExceptionDetails.ColumnNumber))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				p.errs = append(p.errs, "console: "+strings.Join(parts, " "))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	// A headless window is at least 500 px wide: the viewport is emulated.
	p.do(chromedp.EmulateViewport(int64(width), int64(height)), chromedp.Navigate(ts.URL+"/"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: p.downloads})
			return err
		}))
	p.do(chromedp.WaitReady(`#scenario option[value="pension-open-access"]`))
	return p
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%v (page errors: %v)", err, p.errors())
	}
}

func (p *page) errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errs...)
}

// eval evaluates a JavaScript expression and returns its value as text.
func (p *page) eval(js string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// set gives a control a value as a user would: focus it, replace its
// value and let its input and change events fire.
func (p *page) set(id, value string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.focus(); e.value = %q;
		e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); return e.value; })()`, id, value))
}

// waitYear waits until the page shows year as the last simulated one.
func (p *page) waitYear(year int) {
	p.t.Helper()
	poll := chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("year").textContent.trim() === "%d"`, year),
		chromedp.WithPollingTimeout(2*time.Minute))
	// Just after a navigation the page's first script context can be
	// replaced while the poll starts in it: poll again in the new one.
	for try := 0; ; try++ {
		err := chromedp.Do(p.ctx, poll)
		if err == nil {
			return
		}
		if try == 2 || !strings.Contains(err.Error(), "Cannot find context") {
			p.t.Fatalf("waiting for %d: %v (page errors: %v)", year, err, p.errors())
		}
	}
}

// mean reads the mean the page shows, in its text alternative, for a
// measure in a year, as the number it received.
func (p *page) mean(measure string, year int) float64 {
	p.t.Helper()
	s := p.eval(fmt.Sprintf(`(document.querySelector('table.figures [data-measure=%q][data-year="%d"]') || {dataset: {mean: "missing"}}).dataset.mean`, measure, year))
	if s == "null" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		p.t.Fatalf("%s in %d: the page shows %q", measure, year, s)
	}
	return x
}

// TestBrowserPlaysAndBranches drives the page in a real Chromium: choose a
// scenario and small run settings, move a lever, press Play, and check
// that the numbers on the page are those of "mutualsim run" with the same
// seed and levers; then Reset, step three years, change another lever,
// continue, and check that the chart marks the change and the numbers are
// those of the branch the page downloads. It keeps a screenshot.
func TestBrowserPlaysAndBranches(t *testing.T) {
	started := time.Now()
	p := openPage(t, 1280, 720)
	p.set("scenario", "pension-open-access")
	p.set("scale", "small")
	p.set("reps", "3")
	p.set("years", "6")
	p.set("lever-procurement-contract_years", "4")
	if got := p.eval(`document.querySelector('.lever[data-lever="procurement.contract_years"]').hasAttribute("data-changed") ? "marked" : "unmarked"`); got != "marked" {
		t.Errorf("the moved lever is %s as changed", got)
	}
	p.do(chromedp.Click("#start"), chromedp.WaitEnabled("#play"), chromedp.Click("#play"))
	p.waitYear(2015)
	req := small("pension-open-access", "procurement.contract_years=4")
	years := 6
	req.Years = &years
	stats := runStats(t, "pension-open-access", req)
	for _, st := range stats {
		switch st.Measure {
		case "share_nhs", "share_mutual", "mutuals_alive", "hhi_regional", "total_spend":
		default:
			continue
		}
		if st.Year != 2015 {
			continue
		}
		if got := p.mean(st.Measure, 2015); got != st.Mean && !(math.IsNaN(got) && math.IsNaN(st.Mean)) {
			t.Errorf("%s in 2015: the page shows %v, mutualsim run %v", st.Measure, got, st.Mean)
		}
	}
	if cmd := p.eval(`document.getElementById("command").value`); !strings.Contains(cmd, "--set procurement.contract_years=4") || !strings.Contains(cmd, "--scenario pension-open-access") {
		t.Errorf("copied command: %q", cmd)
	}

	// Reset, step three years, change a lever while paused, continue.
	p.do(chromedp.Click("#reset"), chromedp.WaitEnabled("#step"))
	for y := 2010; y <= 2012; y++ {
		p.do(chromedp.WaitEnabled("#step"), chromedp.Click("#step"))
		p.waitYear(y)
	}
	p.set("lever-pension-access", "none")
	p.do(chromedp.WaitEnabled("#apply-levers"), chromedp.Click("#apply-levers"), chromedp.WaitEnabled("#step"), chromedp.Click("#step"))
	p.waitYear(2013)
	shown := map[string]float64{}
	for _, m := range []string{"share_nhs", "staff_in_mutuals", "producer_capture_index"} {
		shown[fmt.Sprint(2013, "/", m)] = p.mean(m, 2013)
	}
	p.do(chromedp.WaitEnabled("#play"), chromedp.Click("#play"))
	p.waitYear(2015)
	for _, m := range []string{"share_nhs", "staff_in_mutuals", "producer_capture_index"} {
		shown[fmt.Sprint(2015, "/", m)] = p.mean(m, 2015)
	}
	if n := p.eval(`String(document.querySelectorAll("#chart-shares .branch-mark").length)`); n != "1" {
		t.Errorf("%s marks of the change on the shares chart, want 1", n)
	}
	href := p.eval(`document.getElementById("download-csv").getAttribute("href")`)
	id := strings.TrimSuffix(strings.TrimPrefix(href, "api/sessions/"), "/download?format=csv")
	summary := downloadSummary(t, p.ts, id)
	for key, x := range shown {
		if got, want := outputs.FormatFloat(x), summary[key]; got != want {
			t.Errorf("%s after the change: the page shows %s, the branch's run folder %s", key, got, want)
		}
	}
	// The page fetches the run folder before saving it.
	p.do(chromedp.Click("#download-csv"), chromedp.Poll[chromedp.Void](`/Downloaded the run folder/.test(document.getElementById("status").textContent)`,
		chromedp.WithPollingTimeout(time.Minute)))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		files, _ := os.ReadDir(p.downloads)
		if len(files) == 1 && !strings.HasSuffix(files[0].Name(), ".crdownload") {
			if info, err := files[0].Info(); err != nil || info.Size() < 1000 {
				t.Errorf("the download saved %v (%v)", info, err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the browser saved %d files after the download", len(files))
		}
	}
	cmd := p.eval(`document.getElementById("command").value`)
	if !strings.Contains(cmd, "--until 2012") || !strings.Contains(cmd, "mutualsim branch session.ckpt") {
		t.Errorf("copied command after the change: %q", cmd)
	}
	// The share link restores the same state in a new page: scenario,
	// settings, levers, the change and the year.
	p.do(chromedp.Click("#share-link"))
	link := p.eval(`location.href`)
	if !strings.Contains(link, "#") || !strings.Contains(link, "year=2015") {
		t.Fatalf("share link %q", link)
	}
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(link), chromedp.WaitReady(`#scenario option[value="pension-open-access"]`))
	p.waitYear(2015)
	for key, x := range shown {
		year, m, _ := strings.Cut(key, "/")
		if y, _ := strconv.Atoi(year); y == 2015 {
			if got := p.mean(m, 2015); got != x {
				t.Errorf("%s in the page the link restored: %v, in the page shared %v", key, got, x)
			}
		}
	}
	if n := p.eval(`String(document.querySelectorAll("#chart-shares .branch-mark").length)`); n != "1" {
		t.Errorf("%s marks of the change in the restored page, want 1", n)
	}
	p.screenshot()
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %v", errs)
	}
	t.Logf("the page played and branched in %s", time.Since(started).Round(time.Millisecond))
}

// TestBrowserPhone checks the page at a phone's size: no horizontal
// scrolling, the controls and a chart drawn, a bad value shown beside its
// control.
func TestBrowserPhone(t *testing.T) {
	p := openPage(t, 390, 844)
	if w := p.eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the page is %s px wide on a 390 px screen", w)
	}
	p.set("reps", "100000")
	p.do(chromedp.Click("#start"))
	p.do(chromedp.Poll[chromedp.Void](`document.querySelector('.error[data-for="reps"]').textContent.length > 0`, chromedp.WithPollingTimeout(30*time.Second)))
	msg := p.eval(`document.querySelector('.error[data-for="reps"]').textContent`)
	if !strings.Contains(msg, "replications") {
		t.Errorf("beside the replications: %q", msg)
	}
	p.screenshot()
}

// screenshot takes the page's screenshot and checks that it is drawn:
// many colours, ink, and the NHS blue of the header and shares chart.
func (p *page) screenshot() []byte {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		p.t.Fatal(err)
	}
	colours, inked, blue, total := inkOf(img)
	p.t.Logf("screenshot %dx%d: %d colours, %.1f%% inked, %.1f%% NHS blue", img.Bounds().Dx(), img.Bounds().Dy(),
		colours, 100*float64(inked)/float64(total), 100*float64(blue)/float64(total))
	if colours < 30 || inked < total/20 || blue < total/200 {
		p.t.Errorf("the page looks blank: %d colours, %d of %d pixels inked, %d blue", colours, inked, total, blue)
	}
	return b
}

func inkOf(img image.Image) (colours, inked, blue, total int) {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			if bl>>8 > 100 && r>>8 < 60 {
				blue++
			}
			total++
		}
	}
	return len(seen), inked, blue, total
}

// TestBrowserScreenshot writes the README's screenshot, with -screenshot:
// the default scale and replications, a policy against its comparator,
// played to the end.
func TestBrowserScreenshot(t *testing.T) {
	if !*updateScreenshot {
		t.Skip("writes docs/serve.png with -screenshot")
	}
	p := openPage(t, 1280, 800)
	p.set("scenario", "pension-open-access")
	p.do(chromedp.Click("#start"), chromedp.WaitEnabled("#play"))
	p.set("speed", "100")
	p.do(chromedp.Click("#play"))
	p.waitYear(2029)
	p.eval(`(() => { document.activeElement.blur(); window.scrollTo(0, 0); document.querySelector("main, #main").scrollTo?.(0, 0); return ""; })()`)
	shot := p.screenshot()
	if err := os.WriteFile(filepath.Join("..", "docs", "serve.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserSeminar opens a shared link in seminar mode with a class's
// prediction: large type, the prediction drawn on its chart, the run
// restored to its year, and the keyboard alone stepping on.
func TestBrowserSeminar(t *testing.T) {
	p := openPage(t, 1280, 720)
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(p.ts.URL+"/#s=pension-open-access&scale=small&reps=3&years=6&seminar=1&year=2012&p=shares:2014:0.5"))
	p.waitYear(2012)
	if got := p.eval(`document.body.classList.contains("seminar") + " " + document.getElementById("seminar").getAttribute("aria-pressed")`); got != "true true" {
		t.Errorf("seminar mode: %s", got)
	}
	if px := p.eval(`getComputedStyle(document.body).fontSize`); px < "20px" || len(px) != 4 {
		t.Errorf("seminar type is %s, want at least 20px", px)
	}
	if n := p.eval(`String(document.querySelectorAll("#chart-shares circle.prediction").length)`); n != "1" {
		t.Errorf("%s predictions drawn on the shares chart, want 1", n)
	}
	// The keyboard steps: "s" when no text field has the focus.
	p.eval(`(() => { document.activeElement.blur(); document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "s", bubbles: true})); return ""; })()`)
	p.waitYear(2013)
	p.screenshot()
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %v", errs)
	}
}

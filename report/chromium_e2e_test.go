//go:build e2e

package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"mutualsim/outputs"
)

// TestChromiumRendersTheReport opens the run fixture's report in a
// headless Chromium, screenshots it and checks that the page is drawn: not
// blank, with the charts' colours. CI installs Chromium and sets
// REPORT_REQUIRE_CHROMIUM=1, so there the test cannot be skipped.
func TestChromiumRendersTheReport(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("REPORT_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Chromium is not installed, and REPORT_REQUIRE_CHROMIUM is set")
		}
		t.Skip("no Chromium: CI installs it (.ci/run)")
	}
	dir := fixture(t, "run", outputs.CSV)
	if _, err := Write(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(t.TempDir(), "shot.png")
	abs, _ := filepath.Abs(filepath.Join(dir, FileName))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--window-size=1200,2400", "--screenshot="+shot, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	colours, inked, blue := map[uint32]bool{}, 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			if bl>>8 > 100 && r>>8 < 60 { // the NHS blue of the shares chart
				blue++
			}
		}
	}
	total := (bounds.Dx() / 2) * (bounds.Dy() / 2)
	t.Logf("screenshot %dx%d: %d colours, %.1f%% inked, %.1f%% NHS blue", bounds.Dx(), bounds.Dy(), len(colours), 100*float64(inked)/float64(total), 100*float64(blue)/float64(total))
	if len(colours) < 50 || inked < total/20 || blue < total/100 {
		t.Errorf("the page looks blank: %d colours, %d of %d pixels inked, %d blue", len(colours), inked, total, blue)
	}
}

// Package report turns a result folder — a run, a batch, a comparison, a
// set of branches or a sweep — into pictures and one page that explains
// them: charts as SVG and PNG in the folder's charts/ and a self-contained
// report.html (inline SVG and CSS, no script, nothing fetched from the
// network), built from the folder's files alone.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"mutualsim/charts"
	"mutualsim/outputs"
)

// FileName is the report's file in a result folder.
const FileName = "report.html"

// ChartsDir is the folder of a result folder that holds the charts.
const ChartsDir = outputs.ChartsDir

// Options choose what a report draws.
type Options struct {
	// PNG draws each chart as PNG at 150 dpi beside its SVG, for slides
	// and documents that take no SVG. It costs four times the rest of the
	// report, so it is asked for.
	PNG bool
}

// Write builds the report of the result folder dir from its files: the
// charts in dir/charts/ (SVG, and PNG if asked for) and dir/report.html,
// each written atomically; charts an earlier report drew that this one
// does not are removed. For a batch it also writes the report of each
// scenario's run folder. It returns the paths of the reports written.
func Write(dir string, opt Options) ([]string, error) { return write(dir, opt.PNG) }

// write is Write, drawing the charts as PNG too when png (the tests leave
// them out where they check only the page).
func write(dir string, png bool) ([]string, error) {
	k, manifest, err := detect(dir)
	if err != nil {
		return nil, err
	}
	var p *page
	var written []string
	switch k {
	case kindRun:
		p, err = runPage(diskFolder(dir), manifest)
	case kindBatch:
		var subs []string
		p, subs, err = batchPage(dir, manifest, png)
		written = append(written, subs...)
	case kindSweep:
		p, err = sweepPage(dir, manifest)
	}
	if err != nil {
		return written, err
	}
	if err := p.write(dir, png); err != nil {
		return written, err
	}
	return append(written, filepath.Join(dir, FileName)), nil
}

// page is a report before it is written.
type page struct {
	Title    string
	Question string
	Intro    []string
	Sections []*section
	Foot     [][2]string // the manifest: name, value
	charts   []*figure
	marks    []charts.VLine // vertical lines on every time chart
}

// section is a part of the page under one heading.
type section struct {
	Heading string
	ID      string
	Text    []string
	Tables  []*htmlTable
	Figures []*figure
	Links   [][2]string // text, relative link
}

// figure is a chart on the page with its one-sentence reading, or, where
// the chart could not be drawn, its title and a note that says why.
type figure struct {
	ID      string // file name in charts/, without extension
	Title   string
	Reading string
	Missing string // why there is no chart; "" when there is one
	SVG     template.HTML
	chart   *charts.Chart
}

// htmlTable is a table on the page; columns after the first are numbers
// aligned right unless Text says otherwise.
type htmlTable struct {
	Caption string
	Head    []string
	Rows    [][]string
	Left    int // leading columns aligned left
}

// add appends a section and returns it.
func (p *page) add(heading string) *section {
	s := &section{Heading: heading, ID: anchor(heading)}
	p.Sections = append(p.Sections, s)
	return s
}

// figure adds a chart with its reading to a section. A chart that could
// not be drawn keeps its place on the page, under its title, with a note
// that says why in words, and the reading.
func (p *page) figure(s *section, id, title string, c *charts.Chart, err error, reading string) {
	if err != nil {
		why := "the chart could not be drawn: " + err.Error()
		if errors.Is(err, charts.ErrNoData) || errors.Is(err, errNoData) {
			why = "no chart: there is nothing to draw." // the reading says why
		}
		s.Figures = append(s.Figures, &figure{ID: id, Title: title, Reading: reading, Missing: capital(why)})
		return
	}
	f := &figure{ID: id, Title: c.Title(), Reading: reading, chart: c}
	p.charts = append(p.charts, f)
	s.Figures = append(s.Figures, f)
}

var anchorRe = regexp.MustCompile(`[^a-z0-9]+`)

func anchor(s string) string {
	return strings.Trim(anchorRe.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// xmlDecl and svgNS are stripped from an SVG inlined in HTML, which needs
// neither; the page then mentions no URL at all.
var (
	xmlDecl = regexp.MustCompile(`(?s)<\?xml.*?\?>\s*`)
	doctype = regexp.MustCompile(`(?s)<!DOCTYPE.*?>\s*`)
	svgNS   = regexp.MustCompile(`\s+xmlns(:\w+)?="[^"]*"`)
	xlink   = regexp.MustCompile(`xlink:href=`)
)

// inline prepares an SVG document for a page.
func inline(svg []byte) template.HTML {
	s := xmlDecl.ReplaceAllString(string(svg), "")
	s = doctype.ReplaceAllString(s, "")
	s = svgNS.ReplaceAllString(s, "")
	s = xlink.ReplaceAllString(s, "href=")
	return template.HTML(strings.TrimSpace(s))
}

// write draws the charts into dir/charts/ and writes dir/report.html last.
// It removes the charts an earlier report listed (charts/.charts) that this
// one does not draw, and no other file: a file the program did not write
// is never removed. A charts entry that is not a folder of its own (a
// file, or a link to a folder elsewhere) is refused. Without png it draws
// the SVGs only.
func (p *page) write(dir string, png bool) error {
	cdir := filepath.Join(dir, ChartsDir)
	if st, err := os.Lstat(cdir); err == nil && !st.IsDir() {
		return fmt.Errorf("%s is not a folder of the report's own (a file or a link): move it away, or write the results elsewhere", cdir)
	}
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", cdir, err)
	}
	earlier := outputs.ReadChartsList(cdir)
	drawn, err := draw(p.charts, png)
	if err != nil {
		return err
	}
	var keep []string
	for i, f := range p.charts {
		svg, png := drawn[i].svg, drawn[i].png
		for _, file := range []struct {
			ext string
			b   []byte
		}{{".svg", svg}, {".png", png}} {
			if file.b == nil {
				continue
			}
			if err := outputs.WriteFileAtomic(filepath.Join(cdir, f.ID+file.ext), func(w io.Writer) error {
				_, err := w.Write(file.b)
				return err
			}); err != nil {
				return err
			}
			keep = append(keep, f.ID+file.ext)
		}
		f.SVG = inline(svg)
	}
	if err := outputs.WriteFileAtomic(filepath.Join(cdir, outputs.ChartsList), func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(keep, "\n")+"\n")
		return err
	}); err != nil {
		return err
	}
	for _, name := range earlier {
		if !slices.Contains(keep, name) {
			if err := os.Remove(filepath.Join(cdir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return outputs.WriteFileAtomic(filepath.Join(dir, FileName), func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// drawing is a chart drawn as SVG and PNG (nil when not drawn).
type drawing struct{ svg, png []byte }

// draw draws the charts, one goroutine per CPU, each chart's drawing in its
// own slot, so that the result does not depend on the order they finish
// in. It returns the first error in chart order.
func draw(figs []*figure, png bool) ([]drawing, error) {
	out := make([]drawing, len(figs))
	errs := make([]error, len(figs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(figs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := figs[i]
				svg, err := f.chart.SVG()
				if err == nil && png {
					out[i].png, err = f.chart.PNG()
				}
				out[i].svg, errs[i] = svg, err
			}
		}()
	}
	for i := range figs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", figs[i].ID, err)
		}
	}
	return out, nil
}

// errNoData is the reason a chart is left out when there is nothing to draw.
var errNoData = errors.New("nothing to draw")

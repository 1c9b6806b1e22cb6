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
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"mutualsim/charts"
	"mutualsim/outputs"
)

// FileName is the report's file in a result folder.
const FileName = "report.html"

// ChartsDir is the folder of a result folder that holds the charts.
const ChartsDir = "charts"

// Write builds the report of the result folder dir from its files: the
// charts in dir/charts/ and dir/report.html, each written atomically. For
// a batch it also writes the report of each scenario's run folder. It
// returns the paths of the reports written.
func Write(dir string) ([]string, error) {
	k, manifest, err := detect(dir)
	if err != nil {
		return nil, err
	}
	var p *page
	var written []string
	switch k {
	case kindRun:
		p, err = runPage(dir, manifest)
	case kindBatch:
		var subs []string
		p, subs, err = batchPage(dir, manifest)
		written = append(written, subs...)
	case kindSweep:
		p, err = sweepPage(dir, manifest)
	}
	if err != nil {
		return written, err
	}
	if err := p.write(dir); err != nil {
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

// figure is a chart on the page with its one-sentence reading.
type figure struct {
	ID      string // file name in charts/, without extension
	Title   string
	Reading string
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

// figure adds a chart with its reading to a section; a chart that could
// not be drawn (too little data) is left out with its reason as text.
func (p *page) figure(s *section, id string, c *charts.Chart, err error, reading string) {
	if err != nil {
		s.Text = append(s.Text, fmt.Sprintf("No chart of %s: %v.", strings.ReplaceAll(id, "_", " "), err))
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

// write draws the charts into dir/charts/ (removing charts of an earlier
// report that this one does not have) and writes dir/report.html last.
func (p *page) write(dir string) error {
	cdir := filepath.Join(dir, ChartsDir)
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", cdir, err)
	}
	var keep []string
	for _, f := range p.charts {
		svg, err := f.chart.SVG()
		if err != nil {
			return fmt.Errorf("chart %s: %w", f.ID, err)
		}
		png, err := f.chart.PNG()
		if err != nil {
			return fmt.Errorf("chart %s: %w", f.ID, err)
		}
		for _, file := range []struct {
			ext string
			b   []byte
		}{{".svg", svg}, {".png", png}} {
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
	entries, err := os.ReadDir(cdir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); (ext == ".svg" || ext == ".png") && !slices.Contains(keep, e.Name()) {
			if err := os.Remove(filepath.Join(cdir, e.Name())); err != nil {
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

// errNoData is the reason a chart is left out when there is nothing to draw.
var errNoData = errors.New("nothing to draw")

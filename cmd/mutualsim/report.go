package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/report"
)

func newReportCmd(stderr io.Writer) *cobra.Command {
	var quiet bool
	var opt report.Options
	cmd := &cobra.Command{
		Use: "report FOLDER...",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("expected the result folders to report on")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, dirs []string) error {
			for _, dir := range dirs {
				start := time.Now()
				paths, err := report.Write(dir, opt)
				if err != nil {
					return fmt.Errorf("report: %w", err)
				}
				printWritten(stderr, quiet, paths, start)
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	cmd.Flags().BoolVar(&opt.PNG, "png", false, pngUsage)
	return cmd
}

// pngUsage is the help of --png.
const pngUsage = "draw the charts as PNG (150 dpi) beside their SVG, for slides"

// reportFlags choose whether a command writes its folder's report, and
// with PNG charts.
type reportFlags struct {
	none bool
	opt  report.Options
}

func (r *reportFlags) register(fl *pflag.FlagSet) {
	fl.BoolVar(&r.none, "no-report", false, "write no charts/ and report.html")
	fl.BoolVar(&r.opt.PNG, "png", false, pngUsage)
}

// writeReport writes the report of a result folder unless told not to.
func writeReport(dir string, rf reportFlags, quiet bool, stderr io.Writer) error {
	if rf.none {
		return nil
	}
	start := time.Now()
	paths, err := report.Write(dir, rf.opt)
	if err != nil {
		// The results are written; only their pictures failed.
		return environmentFailure{fmt.Errorf("report: %w; the results in %s are complete (rebuild the report with \"mutualsim report %s\")", err, dir, dir)}
	}
	printWritten(stderr, quiet, paths, start)
	return nil
}

// printWritten says which report files were written, and how long it took.
func printWritten(stderr io.Writer, quiet bool, paths []string, start time.Time) {
	if quiet || len(paths) == 0 {
		return
	}
	extra := ""
	if len(paths) > 1 {
		extra = fmt.Sprintf(" and %d more", len(paths)-1)
	}
	fmt.Fprintf(stderr, "wrote %s%s in %s\n", paths[len(paths)-1], extra, time.Since(start).Round(time.Millisecond))
}

// quietWriter returns w, or nil when quiet.
func quietWriter(w io.Writer, quiet bool) io.Writer {
	if quiet {
		return nil
	}
	return w
}

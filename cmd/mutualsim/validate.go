package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/inputs"
	"mutualsim/internal/regfile"
	"mutualsim/outputs"
	"mutualsim/sim"
	"mutualsim/targets"
	"mutualsim/validation"
)

// checksFailed is the error of a validation with failed checks; it exits
// with code 1, apart from bad input's 2.
type checksFailed struct{ failed, total int }

func (e checksFailed) Error() string {
	return fmt.Sprintf("%d of %d validation checks failed", e.failed, e.total)
}

func newValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	var out, targetsFile string
	var workers int
	var quiet bool
	cmd := &cobra.Command{
		Use:  "validate",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			started := time.Now()
			if !quiet {
				fmt.Fprintln(stderr, "running the validation checks of MODEL.md §8")
			}
			opt := validation.Options{Workers: workers}
			if targetsFile != "" {
				f, err := targets.Read(targetsFile)
				if err != nil {
					return fmt.Errorf("--targets: %w", err)
				}
				opt.Targets = f
			}
			cs, err := validation.Run(cmd.Context(), opt)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			path := filepath.Join(out, "validation.csv")
			if err := outputs.WriteFileAtomic(path, func(w io.Writer) error { return validation.WriteCSV(w, cs) }); err != nil {
				return err
			}
			if !quiet {
				if err := validation.WriteTable(stdout, cs); err != nil {
					return err
				}
				fmt.Fprintf(stderr, "wrote %s in %s\n", path, time.Since(started).Round(time.Millisecond))
			}
			if checks, failed := validation.Counts(cs); failed > 0 {
				return checksFailed{failed, checks}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", filepath.Join("results", "validation"), "folder for validation.csv")
	registerWorkers(cmd.Flags(), &workers, workersUsage)
	cmd.Flags().StringVar(&targetsFile, "targets", "", "calibration targets file (default: examples/calibration-2014-2018.yaml, built in)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

func newDocCmd(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "doc"}
	var update string
	levers := &cobra.Command{
		Use:  "levers",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if update == "" {
				if err := inputs.WriteLeverDocs(stdout); err != nil {
					return err
				}
				return inputs.WriteConstantDocs(stdout, sim.Constants())
			}
			b, err := regfile.Read(update, 16<<20)
			if err != nil {
				return fmt.Errorf("--update: %w", err)
			}
			doc, err := sim.UpdateDocs(string(b))
			if err != nil {
				return fmt.Errorf("--update %s: %w", update, err)
			}
			return outputs.WriteFileAtomic(update, func(w io.Writer) error { _, err := io.WriteString(w, doc); return err })
		},
	}
	levers.Flags().StringVar(&update, "update", "", "markdown file whose lever and constant tables to replace")
	cmd.AddCommand(levers)
	return cmd
}

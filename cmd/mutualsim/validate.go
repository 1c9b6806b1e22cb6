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
		Use: "validate",
		Example: `  mutualsim validate
  mutualsim validate --targets my-targets.yaml --out results/my-validation`,
		Short: "Check that the model reproduces what is known, and write validation.csv",
		Long: `Validate runs the checks of MODEL.md §8 and prints a table of them: check,
expected value, observed value with its 95% interval, tolerance, and pass or
fail. The checks are:
  - auction: the market's private bidding rule against auction theory:
    with normal costs and n = 2, 3, 5, 8, 16 bidders, the mean winning
    price equals the expected second-lowest cost (revenue equivalence),
    and with a reserve price the expected price and award probability;
  - market auction: inside the simulated market, where theory's assumptions
    are met, winning prices equal the second-lowest cost on average
    (revenue equivalence); the default market's gap is reported;
  - concentration: the measures on fixed markets worked out by hand;
  - workforce: the baseline's absence (4-5%) and leaver rate (10-12%);
  - ownership: the controlled trial (4-5% with participation, none without,
    lower absence and turnover);
  - calibration: the targets of examples/calibration-2014-2018.yaml (its
    copy built in, or --targets FILE): the 2010-2015 policy path's mutuals,
    staff and contract value in 2012, 2014 and 2018;
  - finance: the finance gate stops at least one proposal in twenty (the
    whole 95% interval), and a start-up grant raises spin-outs;
  - direction: every built-in scenario against the scenario it names as its
    comparator, with common random numbers: each policy lever moves its
    measures the way the sources argue, with a paired interval clear of
    zero; where the sources argue both ways the direction is reported;
    checks of a measure the lever acts on directly are marked "wiring";
  - ablation: every mechanism's effect vanishing when it is switched off.
It writes validation.csv into --out and exits with code 1 if any check
fails. It takes about 2 minutes on 2 cores.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if workers < 0 {
				return fmt.Errorf("--workers: %d is out of range, expected 0 (one per CPU) or more", workers)
			}
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
	cmd.Flags().IntVar(&workers, "workers", 0, "goroutines to use (0: one per CPU); results do not depend on it")
	cmd.Flags().StringVar(&targetsFile, "targets", "", "calibration targets file (default: examples/calibration-2014-2018.yaml, built in)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

func newDocCmd(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "doc", Short: "Generate documentation from the code", Example: "  mutualsim doc levers --update docs/ODD.md"}
	var update string
	levers := &cobra.Command{
		Use: "levers",
		Example: `  mutualsim doc levers
  mutualsim doc levers --update docs/ODD.md`,
		Short: "Write the parameter tables of the model description",
		Long: `Levers writes a markdown table per section of every lever (default, unit,
range, description and the source of the default), then the table of the
model's fixed numbers (value, unit, meaning and source). With --update FILE
it replaces the tables between their markers in FILE (docs/ODD.md), so that
the document cannot drift from the code.`,
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

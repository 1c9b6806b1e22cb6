package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/design"
	"mutualsim/outputs"
	"mutualsim/progress"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/sweep"
)

// sweepFlags are the flags of sweep.
type sweepFlags struct {
	out                    string
	format                 outputs.Format
	workers                int
	quiet                  bool
	report                 reportFlags
	confirmLarge           bool
	shardIndex, shardCount int
}

func newSweepCmd(stdout, stderr io.Writer) *cobra.Command {
	var f sweepFlags
	cmd := &cobra.Command{
		Use: "sweep DESIGN",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("expected one design file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSweep(cmd, args[0], &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "", "output folder (default results/sweep-<design>-<seed>, and /shard-<i>-of-<n> for a shard)")
	f.format = outputs.CSV
	fl.Var(&f.format, "format", "file format of the tables: `csv|parquet`")
	registerWorkers(fl, &f.workers, workersUsage)
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	f.report.register(fl)
	fl.BoolVar(&f.confirmLarge, "confirm-large", false, confirmLargeUsage)
	fl.IntVar(&f.shardIndex, "shard-index", -1, "run only shard `I` of the runs (from 0; default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)")
	fl.IntVar(&f.shardCount, "shard-count", -1, "the number of shards `N` (default from SLURM_ARRAY_TASK_COUNT or MUTUALSIM_SHARD_COUNT)")
	return cmd
}

func measureNames() []string {
	var out []string
	for _, m := range sim.Measures() {
		out = append(out, m.Name)
	}
	return out
}

func runSweep(cmd *cobra.Command, path string, f *sweepFlags, stdout, stderr io.Writer) error {
	shard, from, err := sweep.ShardFromEnv(f.shardIndex, f.shardCount, os.Getenv)
	if err != nil {
		return fmt.Errorf("shard: %w", err)
	}
	d, err := design.LoadDesign(path, design.DesignOptions{Env: scenarios.Environment(os.Environ()), Measures: measureNames()})
	if err != nil {
		return err
	}
	p, err := sweep.NewPlan(sweep.SpecOf(d))
	if err != nil {
		return err
	}
	out := cmp.Or(f.out, sweep.DefaultDir(d, shard))
	workers := cmp.Or(f.workers, runtime.GOMAXPROCS(0))
	jobs, err := p.Jobs(d, shard)
	if err != nil {
		return err
	}
	if err := checkSize(jobs, workers, f.confirmLarge, f.quiet, stderr); err != nil {
		return err
	}
	if !f.quiet {
		where := ""
		if shard.Count > 1 {
			where = fmt.Sprintf(", shard %s (%s): %d runs", shard, cmp.Or(from, "command line"), p.ShardRuns(shard))
		}
		fmt.Fprintf(stderr, "sweep %s: %s over %d levers, %d points × %d replications = %d runs%s, at %s scale, %d-%d, on %d workers\n",
			d.Name, d.Method, len(d.Factors), p.Points(), d.Base.Replications, p.Runs(), where, d.Base.Scale, d.Base.StartYear, d.Base.EndYear(), workers)
	}
	// Every point's scenario is checked (by sweep.Sweep) after the size:
	// building 100,000 points' scenarios takes a minute, refusing them a
	// millisecond.
	started := time.Now()
	var prog *progress.Bar
	st, err := sweep.Sweep(cmd.Context(), p, d, sweep.RunOptions{Dir: out, Shard: shard, Workers: workers,
		Started: func(done, total int) {
			prog = progress.New(quietWriter(stderr, f.quiet), "sweep "+d.Name, "runs", total, done)
		},
		Progress: func(done, _ int) { prog.Set(done) }}, f.format, sweep.Manifest{DesignFile: path})
	if prog != nil {
		prog.Finish()
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return interrupted{fmt.Sprintf("interrupted: %d of %d runs are in %s; run the same command to finish the rest", st.Resumed+st.Ran, st.Total, filepath.Join(out, sweep.JournalName))}
		}
		return err
	}
	if err := writeReport(out, f.report, f.quiet, stderr); err != nil {
		return err
	}
	if f.quiet {
		return nil
	}
	if st.Resumed > 0 {
		fmt.Fprintf(stderr, "resumed: %d runs were already in the journal, %d ran now\n", st.Resumed, st.Ran)
	}
	if len(st.Records) == p.Runs() {
		if err := sweep.WriteSummary(stdout, p, st.Records); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stderr, "shard %s done: %d runs; merge the shards' folders with \"mutualsim merge\"\n", shard, len(st.Records))
	}
	fmt.Fprintf(stderr, "wrote %s in %s\n", out, time.Since(started).Round(time.Millisecond))
	return nil
}

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var out string
	var quiet bool
	var rf reportFlags
	format := outputs.CSV
	cmd := &cobra.Command{
		Use: "merge SHARD_FOLDER...",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("expected the shard folders to merge")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, dirs []string) error {
			dest := out
			if dest == "" {
				parent := filepath.Dir(filepath.Clean(dirs[0]))
				for _, d := range dirs[1:] {
					if filepath.Dir(filepath.Clean(d)) != parent {
						return errors.New("--out: the shard folders have no common parent; say where the results go")
					}
				}
				dest = parent
			}
			rep, err := sweep.Merge(dirs, dest, format)
			if rep.Shards > 0 && (!quiet || err != nil) {
				fmt.Fprintln(stderr, rep.Summary())
			}
			if err != nil {
				return err
			}
			if !quiet {
				fmt.Fprintf(stderr, "wrote %s\n", dest)
			}
			return writeReport(dest, rf, quiet, stderr)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "folder for the merged results (default: the shard folders' common parent)")
	cmd.Flags().Var(&format, "format", "file format of the tables: `csv|parquet`")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	rf.register(cmd.Flags())
	return cmd
}

package outputs

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"mutualsim/sim"
)

// HeadlineMeasures lists the measures of the table printed after a run.
func HeadlineMeasures() []string {
	return []string{
		"mutuals_alive", "staff_in_mutuals", "share_nhs", "share_mutual", "share_private", "share_jv",
		"hhi_regional", "hhi_national", "mean_bidders", "producer_capture_index", "engagement_mean", "quality_mean", "total_spend",
	}
}

// WriteHeadline prints the headline measures at the first and last year
// (once if they are the same): the mean across replications and its 95%
// confidence interval.
func WriteHeadline(w io.Writer, stats []Stat) error {
	if len(stats) == 0 {
		return nil
	}
	first, last := stats[0].Year, stats[len(stats)-1].Year
	units := map[string]string{}
	for _, m := range sim.Measures() {
		units[m.Name] = m.Unit
	}
	at := map[[2]any]Stat{}
	for _, s := range stats {
		at[[2]any{s.Year, s.Measure}] = s
	}
	years := []int{first, last}
	if first == last {
		years = years[:1]
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "measure")
	for _, y := range years {
		fmt.Fprintf(tw, "\t%d mean\t95%% CI", y)
	}
	fmt.Fprintln(tw)
	for _, name := range HeadlineMeasures() {
		fmt.Fprint(tw, name)
		for _, y := range years {
			s := at[[2]any{y, name}]
			fmt.Fprintf(tw, "\t%s\t%s", Human(s.Mean, units[name]), interval(s, units[name]))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func interval(s Stat, unit string) string {
	if s.N < 2 {
		return "–"
	}
	return strings.Join([]string{Human(s.Low, unit), Human(s.High, unit)}, " – ")
}

package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// label names a measure for people, as it reads inside a sentence.
func label(measure string) string {
	switch measure {
	case "mutuals_alive":
		return "mutuals trading"
	case "staff_in_mutuals":
		return "staff in mutuals"
	case "share_nhs":
		return "NHS providers' share of contract value"
	case "share_mutual":
		return "mutuals' share of contract value"
	case "share_private":
		return "private firms' share of contract value"
	case "share_jv":
		return "joint ventures' share of contract value"
	case "hhi_national":
		return "national HHI (all regions pooled)"
	case "hhi_regional":
		return "the regional HHI (weighted by spend)"
	case "regions_hhi_over_2000":
		return "share of regions above an HHI of 2,000"
	case "spend_hhi_over_2000":
		return "share of spend in regions above an HHI of 2,000"
	case "mean_bidders":
		return "the number of bidders per competitive tender"
	case "producer_capture_index":
		return "the producer capture index"
	case "engagement_mean":
		return "staff engagement"
	case "quality_mean":
		return "service quality"
	case "total_spend":
		return "commissioners' total spend"
	case "vacancy_rate_mutual":
		return "mutuals' vacancy rate"
	}
	return strings.ReplaceAll(measure, "_", " ")
}

// kindOf is the provider kind whose market share a measure is, or "".
func kindOf(measure string) string {
	switch measure {
	case "share_nhs":
		return "nhs"
	case "share_mutual":
		return "mutual"
	case "share_private":
		return "private"
	case "share_jv":
		return "jv"
	}
	return ""
}

// domainOf is the range a measure's values can take, for its chart axis.
func domainOf(measure string) charts.Domain {
	switch u := unitOf(measure); {
	case isShare(u):
		return charts.Share
	case u == "staff", u == "mutuals", u == "providers", u == "proposals", u == "tenders", u == "awards":
		return charts.Count
	case strings.HasPrefix(u, "margin"):
		return charts.Unbounded
	}
	return charts.NonNegative
}

// capital starts a sentence.
func capital(s string) string {
	if s == "" {
		return s
	}
	if strings.HasPrefix(s, "the ") {
		s = "The " + s[4:]
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// unitOf returns a measure's unit.
func unitOf(measure string) string {
	m, _ := sim.MeasureByName(measure)
	return m.Unit
}

// isShare reports whether a unit is a share, shown as a percentage.
func isShare(unit string) bool { return strings.HasPrefix(unit, "share") }

// axisLabel is a measure's axis label with its unit.
func axisLabel(measure string) string {
	u := unitOf(measure)
	l := strings.TrimPrefix(label(measure), "the ")
	switch {
	case isShare(u):
		return l + " (%)"
	case u == "£m":
		return l + " (£m a year)"
	case u == "0-1":
		return l + " (0–1)"
	case strings.HasPrefix(u, "HHI"):
		return l + " (0–10,000)"
	case u == "", strings.Contains(l, u):
		return l
	}
	return l + " (" + u + ")"
}

// trim drops a trailing ".0".
func trim(s string) string { return strings.TrimSuffix(s, ".0") }

// human formats a value of a measure for people.
func human(measure string, v float64) string { return outputs.Human(v, unitOf(measure)) }

// interval formats a 95% interval, or "" when it is undefined.
func interval(measure string, low, high float64) string {
	if math.IsNaN(low) || math.IsNaN(high) {
		return ""
	}
	return human(measure, low) + "–" + human(measure, high)
}

// orDash returns s, or "–" when s is empty.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// trend is the reading of a measure's time chart: how it moved from the
// first year to the last. It says "rose" or "fell" only when the paired
// 95% interval of each replication's change, last year's value less the
// first year's (change, outputs.Paired), excludes zero: the first year is
// itself a draw, its markets differing from one replication to the next.
// With one replication, which has no interval, it says only where the
// measure went. It gives the change's size against the measure's spread
// (standard deviation) across replications in the last year.
func trend(measure string, first, last outputs.Stat, change outputs.Difference) string {
	l := label(measure)
	if math.IsNaN(first.Mean) || math.IsNaN(last.Mean) {
		return fmt.Sprintf("%s is undefined in %d or %d (no replication had it).", capital(l), first.Year, last.Year)
	}
	from, to := human(measure, first.Mean), human(measure, last.Mean)
	iv := ""
	if !math.IsNaN(change.Low) && !math.IsNaN(change.High) {
		iv = fmt.Sprintf("a change of %s, 95%% CI %s to %s, paired by replication", signedHuman(measure, change.Diff), signedHuman(measure, change.Low), signedHuman(measure, change.High))
		// How large the change is against the measure's spread across
		// replications, which a chart scaled to the data does not show.
		if last.SD > 0 && !math.IsNaN(change.Diff) {
			iv += fmt.Sprintf("; %s times the spread across replications in %d", strconv.FormatFloat(math.Abs(change.Diff)/last.SD, 'f', 1, 64), last.Year)
		}
	}
	switch {
	case change.Low == 0 && change.High == 0 && last.Low == last.High && last.Low == first.Mean:
		return fmt.Sprintf("%s was %s in %d and in %d, in every replication.", capital(l), to, first.Year, last.Year)
	case iv == "":
		return fmt.Sprintf("%s went from %s in %d to %s in %d (one replication, or too few with both years, so no interval).", capital(l), from, first.Year, to, last.Year)
	case change.Low > 0:
		return fmt.Sprintf("%s rose from %s in %d to %s in %d (%s).", capital(l), from, first.Year, to, last.Year, iv)
	case change.High < 0:
		return fmt.Sprintf("%s fell from %s in %d to %s in %d (%s).", capital(l), from, first.Year, to, last.Year, iv)
	}
	return fmt.Sprintf("%s changed too little to tell from the spread across replications: %s in %d and %s in %d (%s).", capital(l), from, first.Year, to, last.Year, iv)
}

// count formats a mean count with one decimal below 100.
func count(v float64) string {
	if math.Abs(v) < 100 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return outputs.Thousands(math.Round(v))
}

// percent formats a share 0-1 as a percentage with one decimal, as the
// tables do.
func percent(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

// list joins items as "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// plural writes a count with its noun: "1 replication", "10 replications".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return outputs.Thousands(float64(n)) + " " + noun + "s"
}

// yearsText writes a run's years: "2010–2029", or "2010" for one year.
func yearsText(first, last int) string {
	if first == last {
		return strconv.Itoa(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// intervalsText says what the intervals of a page are, or, with one
// replication, that there are none.
func intervalsText(reps int) string {
	if reps < 2 {
		return "With one replication there are no intervals: run more (--reps) to see how much the results vary from one history to another."
	}
	return "Intervals are 95% confidence intervals of the mean across replications."
}

// leversDiffer says how many levers differ: "1 lever differs", "3 levers
// differ".
func leversDiffer(n int) string {
	if n == 1 {
		return "1 lever differs"
	}
	return plural(n, "lever") + " differ"
}

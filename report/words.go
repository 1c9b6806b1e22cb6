package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mutualsim/outputs"
	"mutualsim/sim"
)

// labels name the measures for people where the column name would not do.
var labels = map[string]string{
	"mutuals_alive":          "mutuals trading",
	"staff_in_mutuals":       "staff in mutuals",
	"share_nhs":              "NHS providers' share of contract value",
	"share_mutual":           "mutuals' share of contract value",
	"share_private":          "private firms' share of contract value",
	"share_jv":               "joint ventures' share of contract value",
	"hhi":                    "national HHI",
	"hhi_regional_mean":      "mean regional HHI",
	"mean_bidders":           "bidders per competitive tender",
	"producer_capture_index": "the producer capture index",
	"engagement_mean":        "staff engagement",
	"quality_mean":           "service quality",
	"total_spend":            "commissioners' total spend",
	"vacancy_rate_mutual":    "mutuals' vacancy rate",
}

// label names a measure for people.
func label(measure string) string {
	if l, ok := labels[measure]; ok {
		return l
	}
	return strings.ReplaceAll(measure, "_", " ")
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
	for _, m := range sim.Measures() {
		if m.Name == measure {
			return m.Unit
		}
	}
	return ""
}

// isShare reports whether a unit is a share, shown as a percentage.
func isShare(unit string) bool { return strings.HasPrefix(unit, "share") }

// axisLabel is a measure's y-axis label with its unit.
func axisLabel(measure string) string {
	u := unitOf(measure)
	switch {
	case isShare(u):
		return label(measure) + " (%)"
	case u == "£m":
		return label(measure) + " (£m a year)"
	case u == "0-1", u == "", strings.Contains(label(measure), u):
		return label(measure)
	}
	return label(measure) + " (" + u + ")"
}

// axisFormat is a tick formatter for a measure's values: percentages for
// shares, thousands separators otherwise.
func axisFormat(measure string) func(float64) string {
	if isShare(unitOf(measure)) {
		return func(v float64) string { return trim(strconv.FormatFloat(100*v, 'f', 1, 64)) + "%" }
	}
	return nil
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

// trend is the reading of a measure's time chart: how it moved from the
// first year to the last, with the last year's interval. It says "rose"
// or "fell" only when the last year's interval excludes the first year's
// mean.
func trend(measure string, first, last outputs.Stat) string {
	l := label(measure)
	if math.IsNaN(first.Mean) || math.IsNaN(last.Mean) {
		return fmt.Sprintf("%s is undefined in %d or %d (no replication had it).", capital(l), first.Year, last.Year)
	}
	ci := ""
	if iv := interval(measure, last.Low, last.High); iv != "" {
		ci = " (95% CI " + iv + ")"
	}
	verb := "was about the same:"
	switch {
	case last.Low > first.Mean:
		verb = "rose from"
	case last.High < first.Mean:
		verb = "fell from"
	}
	if verb == "was about the same:" {
		return fmt.Sprintf("%s was about the same: %s in %d and %s in %d%s.", capital(l), human(measure, first.Mean), first.Year, human(measure, last.Mean), last.Year, ci)
	}
	return fmt.Sprintf("%s %s %s in %d to %s in %d%s.", capital(l), verb, human(measure, first.Mean), first.Year, human(measure, last.Mean), last.Year, ci)
}

// count formats a mean count with one decimal below 100.
func count(v float64) string {
	if math.Abs(v) < 100 {
		return trim(strconv.FormatFloat(v, 'f', 1, 64))
	}
	return outputs.Thousands(math.Round(v))
}

// percent formats a share 0-1 as a percentage.
func percent(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return trim(strconv.FormatFloat(100*v, 'f', 1, 64)) + "%"
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

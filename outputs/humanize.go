package outputs

import (
	"math"
	"strconv"
	"strings"
)

// Human formats v for people in the given unit: shares as percentages,
// money as £m or £bn, counts with thousands separators, 0-1 indices to three
// decimals, and other numbers to two decimals (three significant figures
// below 0.01). NaN is "–".
func Human(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	switch {
	case strings.HasPrefix(unit, "share"):
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	case unit == "0-1":
		return strconv.FormatFloat(v, 'f', 3, 64)
	case unit == "£m":
		if v < 0 {
			return "-" + Human(-v, unit)
		}
		if math.Abs(v) >= 1000 {
			return "£" + strconv.FormatFloat(v/1000, 'f', 2, 64) + "bn"
		}
		return "£" + strconv.FormatFloat(v, 'f', 1, 64) + "m"
	case strings.HasPrefix(unit, "HHI"), unit == "staff":
		return Thousands(math.Round(v))
	case unit == "mutuals", unit == "providers", unit == "tenders", unit == "proposals", unit == "awards":
		// Means of small counts keep a decimal: 0.4 mutuals is not 0.
		if math.Abs(v) < 100 {
			return strconv.FormatFloat(v, 'f', 1, 64)
		}
		return Thousands(math.Round(v))
	}
	switch a := math.Abs(v); {
	case a >= 1000:
		return Thousands(math.Round(v))
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 0.01 || a == 0:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// Thousands writes a whole number with commas between thousands.
func Thousands(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b strings.Builder
	if v < 0 && s != "0" {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

package outputs

import (
	"math"
	"strconv"
)

// FormatFloat writes v for a data file: whole numbers without a decimal
// point, other numbers to 8 significant digits, and NaN or ±Inf as an empty
// field, which R, pandas and DuckDB read as missing. The same value always
// gives the same bytes.
func FormatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', 8, 64)
}

// FormatBool writes a boolean as true or false.
func FormatBool(b bool) string { return strconv.FormatBool(b) }

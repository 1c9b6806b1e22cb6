package sensitivity

import (
	"fmt"
	"math"
)

// MaxPoints is the largest number of design points (rows) any function in
// this package will build or accept.
const MaxPoints = 1_000_000

// checkK reports whether k, the number of factors, is at least 1.
func checkK(k int) error {
	if k < 1 {
		return fmt.Errorf("sensitivity: k = %d factors, want k >= 1", k)
	}
	return nil
}

// checkRows reports whether count·per design points fit under MaxPoints,
// without computing the product (which could overflow). what names the call
// and its arguments, formula the product in their terms. count and per are
// at least 1.
func checkRows(what, formula string, count, per int) error {
	if per > MaxPoints || count > MaxPoints/per {
		return fmt.Errorf("sensitivity: %s needs %s design points, more than MaxPoints; want %s <= %d", what, formula, formula, MaxPoints)
	}
	return nil
}

// checkOutputs reports whether y has want entries, all finite. layout
// describes the expected order and where, if not nil, names the part of the
// design a point belongs to.
func checkOutputs(y []float64, want int, layout string, where func(int) string) error {
	if len(y) != want {
		return fmt.Errorf("sensitivity: len(y) = %d, want %d (one output per design point, %s)", len(y), want, layout)
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			at := ""
			if where != nil {
				at = " (" + where(i) + ")"
			}
			return fmt.Errorf("sensitivity: y[%d] = %v at design point %d%s; every output must be finite", i, v, i, at)
		}
	}
	return nil
}

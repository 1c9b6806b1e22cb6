// Package discover finds where in a sweep's lever space a condition on its
// outcomes holds: scenario discovery with PRIM, the patient rule induction
// method (Friedman and Fisher 1999), and a CART classification tree
// (Breiman et al. 1984) as a second view, as the EMA Workbench offers them
// (Kwakkel 2017; Bryant and Lempert 2010).
package discover

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Condition is one comparison of a --where expression: an outcome of the
// sweep against a number.
type Condition struct {
	Outcome string
	Op      string // >, >=, <, <=, ==, !=
	Value   float64
}

// String writes the condition as it is parsed.
func (c Condition) String() string {
	return c.Outcome + " " + c.Op + " " + strconv.FormatFloat(c.Value, 'g', -1, 64)
}

// Holds reports whether x satisfies the condition; an undefined x (NaN)
// satisfies none.
func (c Condition) Holds(x float64) bool {
	if math.IsNaN(x) {
		return false
	}
	switch c.Op {
	case ">":
		return x > c.Value
	case ">=":
		return x >= c.Value
	case "<":
		return x < c.Value
	case "<=":
		return x <= c.Value
	case "==":
		return x == c.Value
	case "!=":
		return x != c.Value
	}
	return false
}

// ops are the comparisons, longest first so that ">=" is not read as ">".
var ops = []string{">=", "<=", "==", "!=", ">", "<"}

var (
	andSplit = regexp.MustCompile(`(?i)\s+and\s+`)
	name     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// ErrWhere is the error of an expression that cannot be read.
var ErrWhere = errors.New("--where")

// ParseWhere reads conditions joined with "and", such as
// "share_private > 0.3 and hhi_regional >= 2000". Shares are written as
// numbers from 0 to 1, as the tables hold them.
func ParseWhere(expr string) ([]Condition, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, fmt.Errorf("%w: empty; write a condition such as \"share_private > 0.3\"", ErrWhere)
	}
	var out []Condition
	for i, term := range andSplit.Split(expr, -1) {
		c, err := parseCondition(strings.TrimSpace(term))
		if err != nil {
			return nil, fmt.Errorf("%w: condition %d %q: %v", ErrWhere, i+1, term, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func parseCondition(term string) (Condition, error) {
	for _, op := range ops {
		left, right, ok := strings.Cut(term, op)
		if !ok {
			continue
		}
		left, right = strings.TrimSpace(left), strings.TrimSpace(right)
		if !name.MatchString(left) {
			return Condition{}, fmt.Errorf("%q is not an outcome name (lower-case letters, digits and _)", left)
		}
		v, err := strconv.ParseFloat(right, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			hint := ""
			if strings.HasSuffix(right, "%") {
				hint = "; write shares as numbers from 0 to 1 (0.3, not 30%)"
			}
			return Condition{}, fmt.Errorf("%q is not a finite number%s", right, hint)
		}
		return Condition{Outcome: left, Op: op, Value: v}, nil
	}
	return Condition{}, fmt.Errorf("no comparison: use one of %s, as in \"share_private > 0.3\"", strings.Join(ops, " "))
}

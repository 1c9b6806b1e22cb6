package discover

import (
	"math"
	"strings"
	"testing"
)

// FuzzParseWhere: any text is either read into conditions that print back
// as they were read, or refused with an error that says --where; never a
// panic.
func FuzzParseWhere(f *testing.F) {
	for _, s := range []string{"share_private > 0.3", "a >= 1 and b != -2", "x == 1e3 AND y<=0", "", "a > 30%", "a = 1", "and", "a > > 1", "a >"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		cs, err := ParseWhere(expr)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--where") {
				t.Fatalf("%q: error without --where: %v", expr, err)
			}
			return
		}
		if len(cs) == 0 {
			t.Fatalf("%q: no conditions and no error", expr)
		}
		var parts []string
		for _, c := range cs {
			if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) || !name.MatchString(c.Outcome) {
				t.Fatalf("%q: condition %+v", expr, c)
			}
			parts = append(parts, c.String())
		}
		again, err := ParseWhere(strings.Join(parts, " and "))
		if err != nil || len(again) != len(cs) {
			t.Fatalf("%q: printed %q, read back %v, %v", expr, strings.Join(parts, " and "), again, err)
		}
		for i := range cs {
			if again[i] != cs[i] {
				t.Fatalf("%q: %+v read back as %+v", expr, cs[i], again[i])
			}
		}
	})
}

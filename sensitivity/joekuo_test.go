package sensitivity

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// primitive reports whether the polynomial over GF(2) with coefficient bits
// poly (bit i is the coefficient of x^i) and degree s is primitive: x has
// multiplicative order exactly 2^s − 1 modulo it.
func primitive(poly uint32, s int) bool {
	period := 1<<s - 1
	x := uint32(1)
	for e := 1; e <= period; e++ {
		x <<= 1 // multiply by x
		if x&(1<<s) != 0 {
			x ^= poly
		}
		if x == 1 {
			return e == period
		}
	}
	return false
}

// The (s, a) columns of the embedded table must list the primitive
// polynomials in Joe and Kuo's order: by degree, then by a. This is checked
// against an independent enumeration, so a transcription slip in s or a is
// caught; the m columns must be odd and below 2^i.
func TestJoeKuoTableStructure(t *testing.T) {
	type poly struct{ s, a uint32 }
	var want []poly
	for s := 1; len(want) < len(joeKuo); s++ {
		for a := uint32(0); a < 1<<(s-1); a++ {
			if primitive(1<<s|a<<1|1, s) {
				want = append(want, poly{uint32(s), a})
			}
		}
	}
	for i, row := range joeKuo {
		d := i + 2
		if (poly{row.s, row.a}) != want[i] {
			t.Errorf("dimension %d: (s, a) = (%d, %d), want the %d-th primitive polynomial (%d, %d)", d, row.s, row.a, i+1, want[i].s, want[i].a)
		}
		if len(row.m) != int(row.s) {
			t.Errorf("dimension %d: %d initial numbers, want s = %d", d, len(row.m), row.s)
		}
		for j, m := range row.m {
			if m%2 != 1 || m >= 1<<(j+1) {
				t.Errorf("dimension %d: m_%d = %d, want odd and below %d", d, j+1, m, 1<<(j+1))
			}
		}
	}
	if MaxSobolDim != 1+len(joeKuo) || MaxSaltelliFactors != MaxSobolDim/2 {
		t.Errorf("MaxSobolDim = %d and MaxSaltelliFactors = %d; the table serves %d dimensions", MaxSobolDim, MaxSaltelliFactors, 1+len(joeKuo))
	}
}

// Spot checks of the primitivity test itself.
func TestPrimitive(t *testing.T) {
	for _, c := range []struct {
		poly uint32
		s    int
		want bool
	}{
		{0b11, 1, true},         // x + 1
		{0b111, 2, true},        // x² + x + 1
		{0b101, 2, false},       // x² + 1 = (x + 1)²
		{0b1011, 3, true},       // x³ + x + 1
		{0b11111, 4, false},     // x⁴ + x³ + x² + x + 1: irreducible, order 5
		{0b100011101, 8, true},  // x⁸ + x⁴ + x³ + x² + 1
		{0b100011011, 8, false}, // x⁸ + x⁴ + x³ + x + 1 (AES): order 51
	} {
		if got := primitive(c.poly, c.s); got != c.want {
			t.Errorf("primitive(%b) = %v, want %v", c.poly, got, c.want)
		}
	}
}

// publishedRows is the head of new-joe-kuo-6.21201 in the file's own layout,
// entered separately from the table in joekuo.go (from a different public
// copy of the file) so that a slip in either shows up here, and so that the
// table can be compared with the published file line by line.
const publishedRows = `d       s       a       m_i
2       1       0       1
3       2       1       1 3
4       3       1       1 3 1
5       3       2       1 1 1
6       4       1       1 1 3 3
7       4       4       1 3 5 13
8       5       2       1 1 5 5 17
9       5       4       1 1 5 5 5
10      5       7       1 1 7 11 19
11      5       11      1 1 5 1 1
12      5       13      1 1 1 3 11
13      5       14      1 3 5 5 31
14      6       1       1 3 3 9 7 49
15      6       13      1 1 1 15 21 21
16      6       16      1 3 1 13 27 49
17      6       19      1 1 1 15 7 5
18      6       22      1 3 1 15 13 25
19      6       25      1 1 5 5 19 61
20      7       1       1 3 7 11 23 15 103
21      7       4       1 3 7 13 13 15 69
22      7       7       1 1 3 13 7 35 63
23      7       8       1 3 5 9 1 25 53
24      7       14      1 3 1 13 9 35 107
25      7       19      1 3 1 5 27 61 31
26      7       21      1 1 5 11 19 41 61
27      7       28      1 3 5 3 3 13 69
28      7       31      1 1 7 13 1 19 1
29      7       32      1 3 7 5 13 19 59
30      7       37      1 1 3 9 25 29 41
31      7       41      1 3 5 13 23 1 55
32      7       42      1 3 7 3 13 59 17
33      7       50      1 3 1 3 5 53 69
34      7       55      1 1 5 5 23 33 13
35      7       56      1 1 7 7 1 61 123
36      7       59      1 1 7 9 13 61 49
37      7       62      1 3 3 5 3 55 33
38      8       14      1 3 1 15 31 13 49 245
39      8       21      1 3 5 15 31 59 63 97
40      8       22      1 3 1 11 11 11 77 249
`

func TestJoeKuoTableMatchesPublishedRows(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(publishedRows), "\n")
	if lines[0] != "d       s       a       m_i" || len(lines)-1 != len(joeKuo) {
		t.Fatalf("published rows: header %q and %d rows, want %d", lines[0], len(lines)-1, len(joeKuo))
	}
	for i, line := range lines[1:] {
		var got []uint32
		for _, f := range strings.Fields(line) {
			v, err := strconv.ParseUint(f, 10, 32)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, uint32(v))
		}
		row := joeKuo[i]
		want := append([]uint32{uint32(i + 2), row.s, row.a}, row.m...)
		if !slices.Equal(got, want) {
			t.Errorf("published %q, table has %v", line, want)
		}
	}
}

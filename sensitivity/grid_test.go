package sensitivity

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestGrid(t *testing.T) {
	for _, c := range []struct {
		name      string
		levels, k int
		want      [][]float64
	}{
		{"one level is the midpoint", 1, 2, [][]float64{{0.5, 0.5}}},
		{"two levels are the corners", 2, 2, [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}},
		{"three levels in one factor", 3, 1, [][]float64{{0}, {0.5}, {1}}},
		{"last factor fastest", 3, 2, [][]float64{
			{0, 0}, {0, 0.5}, {0, 1},
			{0.5, 0}, {0.5, 0.5}, {0.5, 1},
			{1, 0}, {1, 0.5}, {1, 1},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Grid(c.levels, c.k)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Grid(%d, %d) = %v, want %v", c.levels, c.k, got, c.want)
			}
		})
	}
}

func TestGridSizeAndOrder(t *testing.T) {
	const levels, k = 5, 4
	g, err := Grid(levels, k)
	if err != nil {
		t.Fatal(err)
	}
	if len(g) != 625 {
		t.Fatalf("len(Grid(5, 4)) = %d, want 625", len(g))
	}
	// Row r holds the base-5 digits of r, most significant first, divided
	// by 4; so the rows are distinct and in lexicographic order.
	for r, row := range g {
		if len(row) != k {
			t.Fatalf("row %d has %d coordinates, want %d", r, len(row), k)
		}
		rest := r
		for j := k - 1; j >= 0; j-- {
			if want := float64(rest%levels) / (levels - 1); row[j] != want {
				t.Fatalf("row %d, factor %d = %v, want %v", r, j, row[j], want)
			}
			rest /= levels
		}
	}
	// Largest allowed and first refused sizes.
	if g, err := Grid(1000, 2); err != nil || len(g) != MaxPoints {
		t.Errorf("Grid(1000, 2): %d rows, error %v; want %d rows", len(g), err, MaxPoints)
	}
	if _, err := Grid(1001, 2); err == nil {
		t.Error("Grid(1001, 2) gave no error; want one, as 1001² > MaxPoints")
	}
}

func TestGridErrors(t *testing.T) {
	for _, c := range []struct {
		levels, k int
		want      string
	}{
		{0, 2, "levels = 0, want levels >= 1"},
		{-1, 2, "levels = -1"},
		{3, 0, "k = 0 factors, want k >= 1"},
		{10, 7, "levels = 10 and k = 7"},
		{2, 1000, "MaxPoints"}, // 2^1000 must not overflow into a small number
	} {
		_, err := Grid(c.levels, c.k)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Grid(%d, %d) error = %v, want it to mention %q", c.levels, c.k, err, c.want)
		}
	}
}

func TestLatinHypercubeStratification(t *testing.T) {
	for _, c := range []struct{ n, k int }{{1, 1}, {2, 3}, {7, 2}, {100, 5}, {1000, 3}} {
		d, err := LatinHypercube(c.n, c.k, rand.NewPCG(uint64(c.n), uint64(c.k)))
		if err != nil {
			t.Fatal(err)
		}
		if len(d) != c.n {
			t.Fatalf("n = %d: %d points", c.n, len(d))
		}
		for j := range c.k {
			count := make([]int, c.n)
			for i, x := range d {
				if len(x) != c.k {
					t.Fatalf("n = %d: point %d has %d coordinates, want %d", c.n, i, len(x), c.k)
				}
				if !(x[j] >= 0 && x[j] < 1) {
					t.Fatalf("n = %d: point %d, factor %d = %v, outside [0, 1)", c.n, i, j, x[j])
				}
				count[int(math.Floor(x[j]*float64(c.n)))]++
			}
			for s, got := range count {
				if got != 1 {
					t.Errorf("n = %d, factor %d: stratum %d holds %d points, want exactly 1", c.n, j, s, got)
				}
			}
		}
	}
}

// The points are spread within their strata and the factors are not paired
// in the same order: a check that the permutations are independent.
func TestLatinHypercubeRandomness(t *testing.T) {
	const n = 2000
	d, err := LatinHypercube(n, 2, rand.NewPCG(3, 4))
	if err != nil {
		t.Fatal(err)
	}
	var offset, cross float64
	for _, x := range d {
		offset += x[0]*n - math.Floor(x[0]*n) // position within the stratum
		cross += (x[0] - 0.5) * (x[1] - 0.5)
	}
	if m := offset / n; math.Abs(m-0.5) > 0.03 {
		t.Errorf("mean position within strata = %v, want about 0.5", m)
	}
	if r := 12 * cross / n; math.Abs(r) > 0.1 {
		t.Errorf("correlation between factors = %v, want about 0", r)
	}
}

func TestLatinHypercubeDeterminism(t *testing.T) {
	a, err := LatinHypercube(50, 4, rand.NewPCG(9, 9))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LatinHypercube(50, 4, rand.NewPCG(9, 9))
	c, _ := LatinHypercube(50, 4, rand.NewPCG(9, 10))
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different designs")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same design")
	}
}

func TestLatinHypercubeErrors(t *testing.T) {
	src := rand.NewPCG(1, 1)
	for _, c := range []struct {
		n, k int
		src  rand.Source
		want string
	}{
		{0, 2, src, "n = 0 points, want n >= 1"},
		{5, 0, src, "k = 0 factors"},
		{MaxPoints + 1, 1, src, "MaxPoints"},
		{5, 2, nil, "src is nil"},
	} {
		_, err := LatinHypercube(c.n, c.k, c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LatinHypercube(%d, %d) error = %v, want it to mention %q", c.n, c.k, err, c.want)
		}
	}
}

// inStratum must keep x in its stratum and below 1 even when u is the
// largest value below 1, where (s+u)/n rounds up.
func TestInStratumEdges(t *testing.T) {
	top := math.Nextafter(1, 0)
	for _, n := range []int{1, 2, 3, 7, 10, 1000, 999_983} {
		for _, s := range []int{0, n / 2, n - 1} {
			for _, u := range []float64{0, top} {
				x := inStratum(s, n, u)
				if x >= 1 || int(math.Floor(x*float64(n))) != s {
					t.Errorf("inStratum(%d, %d, %v) = %v, outside stratum %d", s, n, u, x, s)
				}
			}
		}
	}
}

func TestIntNUnbiasedRange(t *testing.T) {
	src := rand.NewPCG(5, 6)
	const n, draws = 6, 60_000
	var count [n]int
	for range draws {
		v := intN(src, n)
		if v < 0 || v >= n {
			t.Fatalf("intN(src, %d) = %d", n, v)
		}
		count[v]++
	}
	for v, c := range count {
		if math.Abs(float64(c)-draws/n) > 5*math.Sqrt(draws/n) {
			t.Errorf("value %d drawn %d times of %d, want about %d", v, c, draws, draws/n)
		}
	}
}

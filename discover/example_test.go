package discover_test

import (
	"fmt"
	"math/rand/v2"

	"mutualsim/discover"
)

// Find a box where a condition holds: here it holds, with 90% chance, when
// the first lever is below 0.3 and, with 5% chance, elsewhere; the second
// lever does not matter.
func ExampleFind() {
	r := rand.New(rand.NewPCG(1, 2))
	n := 2000
	d := &discover.Data{Dims: []discover.Dim{{Lever: "a.x", Min: 0, Max: 1}, {Lever: "a.y", Min: 0, Max: 1}},
		X: [][]float64{make([]float64, n), make([]float64, n)}, Y: make([]bool, n)}
	for i := range n {
		d.X[0][i], d.X[1][i] = r.Float64(), r.Float64()
		p := 0.05
		if d.X[0][i] < 0.3 {
			p = 0.9
		}
		d.Y[i] = r.Float64() < p
	}
	b := discover.Find(d, discover.DefaultOptions())
	for _, j := range b.Restricted(d) {
		fmt.Printf("%s at most %.2f\n", d.Dims[j].Lever, b.Hi[j])
	}
	fmt.Printf("coverage %.2f, density %.2f\n", b.Coverage, b.Density)
	// Output:
	// a.x at most 0.29
	// coverage 0.81, density 0.89
}

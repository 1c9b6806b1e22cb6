package sensitivity_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"mutualsim/sensitivity"
)

// round2 rounds to two decimals and turns −0 into 0 for printing.
func round2(v float64) float64 { return math.Round(v*100)/100 + 0 }

// Sobol indices of the Ishigami function from a Saltelli design.
func ExampleSobolIndices() {
	const n, k = 4096, 3
	design, err := sensitivity.SaltelliDesign(n, k)
	if err != nil {
		fmt.Println(err)
		return
	}
	y := make([]float64, len(design)) // one model run per design row
	for i, u := range design {
		y[i] = sensitivity.Ishigami(u)
	}
	idx, err := sensitivity.SobolIndices(n, k, y, 1000, rand.NewPCG(1, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	s1, st := sensitivity.IshigamiIndices()
	for i, x := range idx {
		covered := x.S1Low <= s1[i] && s1[i] <= x.S1High && x.STLow <= st[i] && st[i] <= x.STHigh
		fmt.Printf("x%d  S1 %.2f (exact %.2f)  ST %.2f (exact %.2f)  intervals cover exact: %v\n",
			i+1, round2(x.S1), round2(s1[i]), round2(x.ST), round2(st[i]), covered)
	}
	// Output:
	// x1  S1 0.31 (exact 0.31)  ST 0.56 (exact 0.56)  intervals cover exact: true
	// x2  S1 0.44 (exact 0.44)  ST 0.44 (exact 0.44)  intervals cover exact: true
	// x3  S1 0.00 (exact 0.00)  ST 0.24 (exact 0.24)  intervals cover exact: true
}

// Morris screening of f = x1 − 2·x2 + 4·x2·x3 with an inert fourth factor.
func ExampleMorrisIndices() {
	plan, err := sensitivity.MorrisDesign(20, 4, 4, rand.NewPCG(1, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	y := make([]float64, len(plan.Points))
	for i, u := range plan.Points {
		y[i] = u[0] - 2*u[1] + 4*u[1]*u[2]
	}
	idx, err := sensitivity.MorrisIndices(plan, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d points, Δ = %.4f\n", len(plan.Points), plan.Delta)
	fmt.Printf("x1  μ %.2f  μ* %.2f  σ %.2f\n", round2(idx[0].Mu), round2(idx[0].MuStar), round2(idx[0].Sigma))
	fmt.Printf("x2  interacts: %v\n", idx[1].Sigma > 0.5)
	fmt.Printf("x3  interacts: %v\n", idx[2].Sigma > 0.5)
	fmt.Printf("x4  μ* %.2f\n", round2(idx[3].MuStar))
	// Output:
	// 100 points, Δ = 0.6667
	// x1  μ 1.00  μ* 1.00  σ 0.00
	// x2  interacts: true
	// x3  interacts: true
	// x4  μ* 0.00
}

package fmath_test

import (
	"fmt"

	"mutualsim/internal/fmath"
)

// The 97.5% point of the standard normal distribution, and e: the same
// bits on amd64 and arm64.
func ExampleNormalQuantile() {
	fmt.Printf("%.12f\n", fmath.NormalQuantile(0.975))
	fmt.Printf("%.12f\n", fmath.Exp(1))
	// Output:
	// 1.959963984540
	// 2.718281828459
}

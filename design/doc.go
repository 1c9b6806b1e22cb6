// Package design reads sweep design files: a base scenario, the levers to
// vary with their ranges or levels, the sampling method (grid, Latin
// hypercube, Morris, Sobol), the points and replications, and the outcome
// measures and years. It checks a design whole, reporting every problem
// with its file, line and key, and gives each point's scenario; package
// sweep plans and runs it.
package design

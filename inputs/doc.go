// Package inputs holds what the model is given: a scenario (its run
// settings, parameters and timeline), every lever that sets a parameter,
// with its range, unit, description and source, the schedules that change
// a lever year by year, the scales of a run, and the problems found in
// any of them. It reads no file and no environment: package scenarios
// reads inputs from files, the environment and the command line, and
// package sim runs them.
package inputs

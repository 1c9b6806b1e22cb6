// Package outputs writes the results of mutualsim runs: the run folder's
// manifest, time series, data dictionary, summary and event logs, and the
// headline table printed at the end of a run. Every file is written
// atomically, so an interrupted run never leaves a half-written file that
// looks whole.
package outputs

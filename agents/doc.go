// Package agents holds the actors of the mutualsim market (commissioners,
// providers and staff) and the rules by which each decides: how staff engage,
// quit and vote, how providers split a surplus and price a bid, how a
// commissioner scores one. The rules are pure functions of their inputs and a
// random draw passed in, so that package sim can schedule them and tests can
// check them one by one.
package agents

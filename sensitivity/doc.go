// Package sensitivity builds experimental designs over the unit hypercube
// and computes the sensitivity measures that go with them, for parameter
// sweeps of the simulation. Every design is returned in unit coordinates, one
// row per design point and one column per factor; the caller maps each
// coordinate to a lever value itself (for instance lo + u·(hi−lo)). Latin
// hypercube and Saltelli points lie in [0,1)^k; Grid and Morris points lie on
// an evenly spaced grid that includes both ends 0 and 1.
//
// Designs and estimators:
//
//   - Grid: a full factorial design with evenly spaced levels.
//   - LatinHypercube: a Latin hypercube sample (McKay, Beckman and Conover,
//     Technometrics 21 (1979) 239–245).
//   - MorrisDesign and MorrisIndices: elementary-effects screening (Morris,
//     Technometrics 33 (1991) 161–174), with the μ* measure of Campolongo,
//     Cariboni and Saltelli, Environ. Model. Softw. 22 (2007) 1509–1518.
//   - SaltelliDesign and SobolIndices: first-order and total Sobol indices
//     from the Saltelli sampling scheme and estimators (Saltelli et al.,
//     "Variance based sensitivity analysis of model output", Comput. Phys.
//     Commun. 181 (2010) 259–270; total effects after Jansen, Comput. Phys.
//     Commun. 117 (1999) 35–43), on a Sobol low-discrepancy sequence with the
//     direction numbers of Joe and Kuo (SIAM J. Sci. Comput. 30 (2008)
//     2635–2654).
//   - Ishigami and IshigamiIndices: a standard test function and its exact
//     indices, for checking the estimators.
//
// Randomness comes only from the math/rand/v2 Source passed to each function;
// the package keeps no global state. Draws are taken from the source's
// Uint64 stream directly, so a given source state gives the same design in
// every Go release. Bad arguments give errors, never panics.
package sensitivity

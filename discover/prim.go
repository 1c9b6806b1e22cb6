package discover

import (
	"math"
	"slices"
)

// Box is a region of the lever space: a range for each number and a set of
// allowed levels for each switch or choice, with the cases inside it.
type Box struct {
	Lo, Hi  []float64 // per dimension; ±Inf where a number is not bounded
	Allowed [][]bool  // per categorical dimension, which levels are in; nil for a number
	N       int       // cases in the box
	Hits    int       // cases in the box where the conditions hold
	// Coverage is the share of all the cases where the conditions hold
	// that the box holds; Density the share of the box's cases where they
	// hold; Mass the share of all cases in the box.
	Coverage, Density, Mass float64
}

// Options set PRIM's steps.
type Options struct {
	// Alpha is the share of a box's cases one peel removes (0.05: Friedman
	// and Fisher recommend 0.05 to 0.10) and PasteAlpha the share one
	// paste adds.
	Alpha, PasteAlpha float64
	// MinMass is the smallest share of all cases a box may keep.
	MinMass float64
	// MinCoverage chooses the box reported when none is asked for
	// (Choose): one of the peeling trajectory's boxes that keep at least
	// this coverage.
	MinCoverage float64
	// MaxQP is the largest quasi-p-value a restriction of the reported box
	// may have (Simplify); 1 keeps every restriction.
	MaxQP float64
}

// DefaultOptions are the EMA Workbench's defaults: peel and paste 5%, keep
// at least 5% of the cases; report a box with at least half the coverage
// and only restrictions with quasi-p-values at or below 0.05.
func DefaultOptions() Options {
	return Options{Alpha: 0.05, PasteAlpha: 0.05, MinMass: 0.05, MinCoverage: 0.5, MaxQP: 0.05}
}

// whole returns the box that holds every case.
func whole(d *Data) Box {
	b := Box{Lo: make([]float64, len(d.Dims)), Hi: make([]float64, len(d.Dims)), Allowed: make([][]bool, len(d.Dims))}
	for j, dim := range d.Dims {
		b.Lo[j], b.Hi[j] = math.Inf(-1), math.Inf(1)
		if dim.Categorical() {
			b.Allowed[j] = make([]bool, len(dim.Levels))
			for k := range b.Allowed[j] {
				b.Allowed[j][k] = true
			}
		}
	}
	return b
}

func (b Box) clone() Box {
	c := Box{Lo: slices.Clone(b.Lo), Hi: slices.Clone(b.Hi), Allowed: make([][]bool, len(b.Allowed)), N: b.N, Hits: b.Hits,
		Coverage: b.Coverage, Density: b.Density, Mass: b.Mass}
	for j, a := range b.Allowed {
		c.Allowed[j] = slices.Clone(a)
	}
	return c
}

// contains reports whether case i is in the box on dimension j.
func (b Box) containsOn(d *Data, j, i int) bool {
	x := d.X[j][i]
	if d.Dims[j].Categorical() {
		return b.Allowed[j][int(x)]
	}
	return x >= b.Lo[j] && x <= b.Hi[j]
}

// Contains reports whether case i is in the box.
func (b Box) Contains(d *Data, i int) bool {
	for j := range d.Dims {
		if !b.containsOn(d, j, i) {
			return false
		}
	}
	return true
}

// members returns the cases in the box.
func (b Box) members(d *Data) []int {
	var in []int
	for i := range d.Y {
		if b.Contains(d, i) {
			in = append(in, i)
		}
	}
	return in
}

// measure sets the box's counts and shares from its cases.
func (b *Box) measure(d *Data, in []int, total, hits int) {
	b.N, b.Hits = len(in), 0
	for _, i := range in {
		if d.Y[i] {
			b.Hits++
		}
	}
	b.Mass = ratio(b.N, total)
	b.Density = ratio(b.Hits, b.N)
	b.Coverage = ratio(b.Hits, hits)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Restricted returns the dimensions the box bounds: a number whose range
// in the box is narrower than the design's, or a switch or choice with a
// level left out.
func (b Box) Restricted(d *Data) []int {
	var out []int
	for j, dim := range d.Dims {
		if dim.Categorical() {
			if slices.Contains(b.Allowed[j], false) {
				out = append(out, j)
			}
			continue
		}
		if b.Lo[j] > dim.Min || b.Hi[j] < dim.Max {
			out = append(out, j)
		}
	}
	return out
}

// relax returns the box without its restriction on dimension j.
func (b Box) relax(d *Data, j int) Box {
	c := b.clone()
	if d.Dims[j].Categorical() {
		for k := range c.Allowed[j] {
			c.Allowed[j][k] = true
		}
	} else {
		c.Lo[j], c.Hi[j] = math.Inf(-1), math.Inf(1)
	}
	return c
}

// candidate is a box one peel or paste step could move to.
type candidate struct {
	box Box
	in  []int
}

// Peel returns PRIM's peeling trajectory (Friedman and Fisher 1999, §4):
// from the box of every case, each step removes from one side of one
// number's range the Alpha share of the box's cases with the lowest (or
// highest) values, or one level of a switch or choice, choosing the
// removal that raises the box's density most per case removed; it stops
// when no removal raises the density or the next box would keep less than
// MinMass of the cases. Box 0 holds every case.
func Peel(d *Data, opt Options) []Box {
	total, hits := d.Len(), d.Positives()
	b := whole(d)
	in := b.members(d)
	b.measure(d, in, total, hits)
	traj := []Box{b.clone()}
	minN := int(math.Ceil(opt.MinMass * float64(total)))
	for {
		best, bestGain := candidate{}, 0.0
		for _, c := range peels(d, b, in, opt.Alpha) {
			if len(c.in) < minN || len(c.in) == len(in) {
				continue
			}
			c.box.measure(d, c.in, total, hits)
			gain := (c.box.Density - b.Density) / float64(len(in)-len(c.in))
			if gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if bestGain <= 0 {
			return traj
		}
		b, in = best.box, best.in
		traj = append(traj, b.clone())
	}
}

// peels returns the boxes one peel of b can give, in a fixed order
// (dimension, then lower side before upper, then level).
func peels(d *Data, b Box, in []int, alpha float64) []candidate {
	var out []candidate
	vals := make([]float64, len(in))
	for j, dim := range d.Dims {
		if dim.Categorical() {
			for k, ok := range b.Allowed[j] {
				if !ok || count(b.Allowed[j]) < 2 {
					continue
				}
				c := b.clone()
				c.Allowed[j][k] = false
				out = append(out, candidate{c, keep(in, func(i int) bool { return int(d.X[j][i]) != k })})
			}
			continue
		}
		for n, i := range in {
			vals[n] = d.X[j][i]
		}
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		m := len(sorted)
		if m == 0 || sorted[0] == sorted[m-1] {
			continue
		}
		k := max(1, int(math.Ceil(alpha*float64(m))))
		// Lower side: keep values at or above the k-th smallest; where ties
		// would remove nothing, the next distinct value.
		lo := sorted[min(k, m-1)]
		if lo == sorted[0] {
			lo = nextAbove(sorted, sorted[0])
		}
		c := b.clone()
		c.Lo[j] = lo
		out = append(out, candidate{c, keep(in, func(i int) bool { return d.X[j][i] >= lo })})
		hi := sorted[max(m-1-k, 0)]
		if hi == sorted[m-1] {
			hi = nextBelow(sorted, sorted[m-1])
		}
		c = b.clone()
		c.Hi[j] = hi
		out = append(out, candidate{c, keep(in, func(i int) bool { return d.X[j][i] <= hi })})
	}
	return out
}

// Paste enlarges box b (Friedman and Fisher 1999, §5): each step adds, on
// one side of one number's range, the PasteAlpha share of the box's cases
// nearest outside it (among cases the box's other bounds admit), or one
// level left out of a switch or choice, choosing the addition that leaves
// the highest density; it stops when every addition would lower the
// density.
func Paste(d *Data, b Box, opt Options) Box {
	total, hits := d.Len(), d.Positives()
	b = b.clone()
	in := b.members(d)
	b.measure(d, in, total, hits)
	for {
		best, found := candidate{}, false
		for _, c := range pastes(d, b, in, opt.PasteAlpha) {
			c.box.measure(d, c.in, total, hits)
			if c.box.Density < b.Density || len(c.in) == len(in) {
				continue
			}
			if !found || c.box.Density > best.box.Density {
				best, found = c, true
			}
		}
		if !found {
			return b
		}
		b, in = best.box, best.in
	}
}

// pastes returns the boxes one paste of b can give.
func pastes(d *Data, b Box, in []int, alpha float64) []candidate {
	var out []candidate
	k := max(1, int(math.Ceil(alpha*float64(len(in)))))
	for j, dim := range d.Dims {
		if dim.Categorical() {
			for lv, ok := range b.Allowed[j] {
				if ok {
					continue
				}
				c := b.clone()
				c.Allowed[j][lv] = true
				out = append(out, candidate{c, c.members(d)})
			}
			continue
		}
		// The cases outside the box on j alone.
		var below, above []float64
		for i := range d.Y {
			if b.containsOn(d, j, i) || !b.relax(d, j).Contains(d, i) {
				continue
			}
			if x := d.X[j][i]; x < b.Lo[j] {
				below = append(below, x)
			} else {
				above = append(above, x)
			}
		}
		if len(below) > 0 {
			slices.Sort(below)
			c := b.clone()
			c.Lo[j] = below[max(len(below)-k, 0)]
			if c.Lo[j] <= dim.Min || len(below) <= k {
				c.Lo[j] = math.Inf(-1)
			}
			out = append(out, candidate{c, c.members(d)})
		}
		if len(above) > 0 {
			slices.Sort(above)
			c := b.clone()
			c.Hi[j] = above[min(k-1, len(above)-1)]
			if c.Hi[j] >= dim.Max || len(above) <= k {
				c.Hi[j] = math.Inf(1)
			}
			out = append(out, candidate{c, c.members(d)})
		}
	}
	return out
}

func keep(in []int, ok func(int) bool) []int {
	var out []int
	for _, i := range in {
		if ok(i) {
			out = append(out, i)
		}
	}
	return out
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func nextAbove(sorted []float64, x float64) float64 {
	i, _ := slices.BinarySearch(sorted, math.Nextafter(x, math.Inf(1)))
	return sorted[min(i, len(sorted)-1)]
}

func nextBelow(sorted []float64, x float64) float64 {
	i, _ := slices.BinarySearch(sorted, x)
	return sorted[max(i-1, 0)]
}

// Choose returns the index of the box reported when none is asked for:
// among the boxes of the trajectory with at least minCoverage, the one
// with the most coverage whose density is within one binomial standard
// error of the densest's (the "one standard error" rule of Breiman et al.
// 1984, so that peels that only fit noise are left off); 0 if none has
// the coverage.
func Choose(traj []Box, minCoverage float64) int {
	best := -1
	for i, b := range traj {
		if b.Coverage >= minCoverage && (best < 0 || b.Density > traj[best].Density) {
			best = i
		}
	}
	if best < 0 {
		return 0
	}
	top := traj[best]
	se := math.Sqrt(top.Density * (1 - top.Density) / float64(max(top.N, 1)))
	for i, b := range traj {
		if b.Coverage >= minCoverage && b.Density >= top.Density-se {
			return i
		}
	}
	return best
}

// Simplify drops, one at a time, the restriction of b with the largest
// quasi-p-value above maxQP, until every restriction left has one at or
// below it: a restriction that a box of the same size without it would
// match by chance says nothing (Bryant and Lempert 2010). It returns the
// box and the dimensions whose restrictions it dropped, in order.
func Simplify(d *Data, b Box, maxQP float64) (Box, []int) {
	var dropped []int
	total, hits := d.Len(), d.Positives()
	for {
		qp := QuasiP(d, b)
		worst := -1
		for _, j := range b.Restricted(d) {
			if qp[j] > maxQP && (worst < 0 || qp[j] > qp[worst]) {
				worst = j
			}
		}
		if worst < 0 {
			return b, dropped
		}
		b = b.relax(d, worst)
		b.measure(d, b.members(d), total, hits)
		dropped = append(dropped, worst)
	}
}

// Find runs PRIM with its default choice of box: peel (Peel), choose a box
// of the trajectory (Choose), paste it (Paste) and drop the restrictions
// chance would explain (Simplify).
func Find(d *Data, opt Options) Box {
	traj := Peel(d, opt)
	b, _ := Simplify(d, Paste(d, traj[Choose(traj, opt.MinCoverage)], opt), opt.MaxQP)
	return b
}

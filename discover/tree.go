package discover

import (
	"fmt"
	"slices"
	"strconv"
)

// Node is one node of a classification tree. A split sends the cases
// whose value on Dim is below Threshold (a number) or equal to Level (a
// switch or choice) to the Left child, the rest to the Right.
type Node struct {
	ID, Parent, Depth int
	Leaf              bool
	Dim               int     // the split's dimension (-1 for a leaf)
	Threshold         float64 // a number's split: left holds values below it
	Level             int     // a level's split: left holds that level
	Left, Right       int     // children's IDs
	N, Hits           int
	Density, Coverage float64
}

// TreeOptions bound a tree's growth.
type TreeOptions struct {
	MaxDepth int // levels of splits below the root
	MinLeaf  int // fewest cases in a leaf
}

// DefaultTreeOptions returns a tree of at most three levels of splits with
// leaves of at least 1% of the cases (and 5).
func DefaultTreeOptions(cases int) TreeOptions {
	return TreeOptions{MaxDepth: 3, MinLeaf: max(5, cases/100)}
}

// Tree grows a classification tree (CART; Breiman et al. 1984) on whether
// the conditions hold: each split is the one that lowers the Gini
// impurity most, among the thresholds halfway between neighbouring values
// of a number and the one-level-against-the-rest splits of a switch or
// choice; a node is a leaf at MaxDepth, below 2 × MinLeaf cases, when pure,
// or when no split lowers the impurity. Nodes are numbered depth first,
// left before right.
func Tree(d *Data, opt TreeOptions) []Node {
	all := make([]int, d.Len())
	for i := range all {
		all[i] = i
	}
	var nodes []Node
	hits := d.Positives()
	var grow func(in []int, parent, depth int) int
	grow = func(in []int, parent, depth int) int {
		id := len(nodes)
		nd := Node{ID: id, Parent: parent, Depth: depth, Dim: -1, Left: -1, Right: -1, N: len(in)}
		for _, i := range in {
			if d.Y[i] {
				nd.Hits++
			}
		}
		nd.Density, nd.Coverage = ratio(nd.Hits, nd.N), ratio(nd.Hits, hits)
		nodes = append(nodes, nd)
		sp, ok := bestSplit(d, in, opt.MinLeaf)
		if depth >= opt.MaxDepth || len(in) < 2*opt.MinLeaf || nd.Hits == 0 || nd.Hits == nd.N || !ok {
			nodes[id].Leaf = true
			return id
		}
		var left, right []int
		for _, i := range in {
			if sp.goesLeft(d, i) {
				left = append(left, i)
			} else {
				right = append(right, i)
			}
		}
		nodes[id].Dim, nodes[id].Threshold, nodes[id].Level = sp.dim, sp.threshold, sp.level
		l := grow(left, id, depth+1)
		r := grow(right, id, depth+1)
		nodes[id].Left, nodes[id].Right = l, r
		return id
	}
	grow(all, -1, 0)
	return nodes
}

type split struct {
	dim       int
	threshold float64
	level     int
	gain      float64
}

func (s split) goesLeft(d *Data, i int) bool {
	if d.Dims[s.dim].Categorical() {
		return int(d.X[s.dim][i]) == s.level
	}
	return d.X[s.dim][i] < s.threshold
}

// gini returns n × the Gini impurity of a node of n cases, h of them hits.
func gini(h, n int) float64 {
	if n == 0 {
		return 0
	}
	p := float64(h) / float64(n)
	return float64(float64(n) * 2 * p * (1 - p))
}

// bestSplit returns the split of the cases in with the largest fall in
// impurity that leaves at least minLeaf cases on each side.
func bestSplit(d *Data, in []int, minLeaf int) (split, bool) {
	n := len(in)
	h := 0
	for _, i := range in {
		if d.Y[i] {
			h++
		}
	}
	parent := gini(h, n)
	best, found := split{}, false
	try := func(s split, hl, nl int) {
		if nl < minLeaf || n-nl < minLeaf {
			return
		}
		s.gain = parent - gini(hl, nl) - gini(h-hl, n-nl)
		if s.gain > 1e-12 && (!found || s.gain > best.gain) {
			best, found = s, true
		}
	}
	order := slices.Clone(in)
	for j, dim := range d.Dims {
		if dim.Categorical() {
			for lv := range dim.Levels {
				hl, nl := 0, 0
				for _, i := range in {
					if int(d.X[j][i]) == lv {
						nl++
						if d.Y[i] {
							hl++
						}
					}
				}
				try(split{dim: j, level: lv}, hl, nl)
			}
			continue
		}
		x := d.X[j]
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case x[a] < x[b]:
				return -1
			case x[a] > x[b]:
				return 1
			}
			return a - b
		})
		hl := 0
		for k := 0; k < n-1; k++ {
			if d.Y[order[k]] {
				hl++
			}
			if x[order[k]] == x[order[k+1]] {
				continue
			}
			try(split{dim: j, threshold: (x[order[k]] + x[order[k+1]]) / 2}, hl, k+1)
		}
	}
	return best, found
}

// Rule returns the test that sends a case to node nd from its parent, as
// text: "procurement.contract_years < 4.5", "pension.access = open", or
// "pension.access ≠ open".
func Rule(d *Data, nodes []Node, nd Node) string {
	if nd.Parent < 0 {
		return "all runs"
	}
	p := nodes[nd.Parent]
	dim := d.Dims[p.Dim]
	left := p.Left == nd.ID
	if dim.Categorical() {
		op := "="
		if !left {
			op = "≠"
		}
		return fmt.Sprintf("%s %s %s", dim.Lever, op, dim.Levels[p.Level])
	}
	op := "<"
	if !left {
		op = "≥"
	}
	return fmt.Sprintf("%s %s %s", dim.Lever, op, strconv.FormatFloat(p.Threshold, 'g', 6, 64))
}

package inputs

import "strings"

// Closest returns the candidate nearest to name by edit distance, or "" when
// none is near enough to be a plausible misspelling. Ties go to the earlier
// candidate, so the answer does not depend on anything but the inputs.
func Closest(name string, candidates []string) string {
	name = strings.ToLower(name)
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(name, strings.ToLower(c))
		// A candidate that ends with the name ("access" for
		// "pension.access") is a good suggestion whatever its length.
		if strings.HasSuffix(strings.ToLower(c), "."+name) {
			d = min(d, 1)
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len(name)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b, in
// bytes: insertions, deletions, substitutions and swaps of two adjacent
// characters each cost 1, so "opne" is one step from "open".
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

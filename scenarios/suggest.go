package scenarios

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

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

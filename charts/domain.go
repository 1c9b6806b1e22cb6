package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Domain is the range of values a quantity on an axis can take; an axis is
// never drawn beyond it. The zero Domain is Unbounded.
type Domain int

const (
	// Unbounded is a quantity that may take any value: the axis goes
	// wherever the data and its tick steps take it.
	Unbounded Domain = iota
	// NonNegative is a quantity that is never below 0, such as money, an
	// index or an effect such as Morris μ* and σ: the axis never goes
	// below 0.
	NonNegative
	// Count is a whole number 0 or more, such as mutuals or bidders: the
	// axis never goes below 0 and has ticks only at whole numbers.
	Count
	// Share is a share from 0 to 1: the axis stays within 0–1 and its
	// ticks are labelled as percentages ("25%").
	Share
)

// String returns the domain's name as written in Go, such as
// "NonNegative", or "Domain(7)" for a value that is not a domain.
func (d Domain) String() string {
	switch d {
	case Unbounded:
		return "Unbounded"
	case NonNegative:
		return "NonNegative"
	case Count:
		return "Count"
	case Share:
		return "Share"
	}
	return "Domain(" + strconv.Itoa(int(d)) + ")"
}

// check returns an ErrValue error if d is not one of the domains.
func (d Domain) check(axis string) error {
	if d < Unbounded || d > Share {
		return fmt.Errorf("%s domain %v is not a Domain: %w", axis, d, ErrValue)
	}
	return nil
}

// bounds returns the least and greatest values of the domain.
func (d Domain) bounds() (lo, hi float64) {
	switch d {
	case NonNegative, Count:
		return 0, math.Inf(1)
	case Share:
		return 0, 1
	}
	return math.Inf(-1), math.Inf(1)
}

// clamp returns v moved into the domain. NaN stays NaN.
func (d Domain) clamp(v float64) float64 {
	lo, hi := d.bounds()
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// axisScale chooses the range and ticks of a numeric axis of domain d
// for data in [lo, hi]: a nice scale with about target intervals,
// widened to the ticks around the data and then cut back to the domain.
// Count axes have whole-number steps. Data outside the domain is left
// out of view; if none is inside, the axis shows the domain's nearest
// end. lo and hi must be finite.
func axisScale(lo, hi float64, target int, d Domain) scale {
	lo, hi = d.clamp(lo), d.clamp(hi)
	if lo == 0 && hi == 0 { // all zero: 0 to 1, whole numbers or not
		hi = 1
	}
	sc := niceScale(lo, hi, target, d == Count, true)
	sc.min, sc.max = d.clamp(sc.min), d.clamp(sc.max)
	return sc
}

// decimals returns the number of decimals needed to write every multiple
// of the step exactly.
func (s step) decimals() int { return max(0, -s.exp) }

// tickFormat returns the default formatter of the ticks of an axis of
// domain d that fall on multiples of s: every label with the same number
// of decimals, as many as the step needs, and thousands separators
// ("1.50", "1.75"; "12,000"). Share axes are labelled as percentages,
// with the decimals that the step needs in percent ("2.25%", "2.50%";
// "5%", "10%").
func tickFormat(s step, d Domain) func(float64) string {
	if d == Share {
		dec := max(0, s.decimals()-2)
		return func(v float64) string { return fixed(100*v, dec) + "%" }
	}
	dec := s.decimals()
	return func(v float64) string { return fixed(v, dec) }
}

// fixed writes v with dec decimals and thousands separators, after
// rounding away binary noise; a value that rounds to zero has no minus
// sign.
func fixed(v float64, dec int) string {
	if s, ok := special(v); ok && s != "0" {
		return s
	}
	s := strconv.FormatFloat(round12(v), 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return group(s)
}

package charts

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// formatNumber writes a number with thousands separators, no trailing
// zeros and no exponent ("12,000", "0.25", "-1,500.5"). It rounds
// to 12 significant digits first, so that binary noise such as
// 0.30000000000000004 reads "0.3".
func formatNumber(v float64) string {
	if s, ok := special(v); ok {
		return s
	}
	return group(strconv.FormatFloat(round12(v), 'f', -1, 64))
}

// formatPlain writes v like formatNumber but without thousands
// separators, for years ("2030").
func formatPlain(v float64) string {
	if s, ok := special(v); ok {
		return s
	}
	return strconv.FormatFloat(round12(v), 'f', -1, 64)
}

// formatValue writes a data value for a label rather than a tick: whole
// numbers from 100 up, three significant digits below ("1,235", "3.46").
func formatValue(v float64) string {
	if s, ok := special(v); ok {
		return s
	}
	if math.Abs(v) >= 100 {
		return formatNumber(math.Round(v))
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return formatNumber(r)
}

// formatPercent writes a percentage that is already on the 0–100 scale.
func formatPercent(v float64) string { return formatNumber(v) + "%" }

// special formats zero, NaN and the infinities, which need no rounding.
func special(v float64) (string, bool) {
	switch {
	case math.IsNaN(v):
		return "NaN", true
	case math.IsInf(v, 1):
		return "∞", true
	case math.IsInf(v, -1):
		return "-∞", true
	case round12(v) == 0: // also -0
		return "0", true
	}
	return "", false
}

func round12(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// group puts a comma between each three digits of a decimal number's
// whole part.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// step is a tick interval num × 10^exp with num 1, 2, 5 or 25 (2.5 is
// written 25 × 10^(exp-1)), kept as integers so that tick values are
// computed without accumulating error and need max(0, -exp) decimals.
type step struct {
	num int64
	exp int
}

// value returns k steps.
func (s step) value(k int64) float64 {
	n := float64(k * s.num)
	if s.exp >= 0 {
		return n * math.Pow10(s.exp)
	}
	return n / math.Pow10(-s.exp)
}

func (s step) size() float64 { return s.value(1) }

// span returns the indices of the first and last multiple of the step in
// [lo, hi]; outward widens the span to the multiples around [lo, hi].
func (s step) span(lo, hi float64, outward bool) (kmin, kmax int64) {
	const eps = 1e-9
	sz := s.size()
	if outward {
		return int64(math.Floor(lo/sz + eps)), int64(math.Ceil(hi/sz - eps))
	}
	return int64(math.Ceil(lo/sz - eps)), int64(math.Floor(hi/sz + eps))
}

// scale is an axis range with its tick step.
type scale struct {
	min, max float64
	step     step
}

// maxTicks bounds the ticks of any axis, whatever the data.
const maxTicks = 200

// niceScale chooses a tick step for the data range [lo, hi] that gives
// about target intervals, preferring 1, 2 and 5 to 2.5. With integer the
// step is a whole number (years). With extend the range is widened to
// the ticks around it; otherwise it stays [lo, hi] and the ticks fall
// inside. lo and hi must be finite.
func niceScale(lo, hi float64, target int, integer, extend bool) scale {
	if lo > hi {
		lo, hi = hi, lo
	}
	switch {
	case lo == hi && lo == 0 && !integer: // all zero: show 0 to 1
		hi = 1
	case lo == hi:
		d := math.Abs(lo) * 0.1
		if d == 0 || integer {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	target = max(target, 2)
	e := int(math.Floor(math.Log10((hi - lo) / float64(target))))
	var cands []step
	if integer {
		cands = append(cands, step{1, 0})
	}
	for ee := e - 1; ee <= e+1; ee++ {
		cands = append(cands, step{1, ee}, step{2, ee}, step{25, ee - 1}, step{5, ee})
	}
	best, bestScore := step{}, math.Inf(1)
	for _, c := range cands {
		if integer && c.exp < 0 {
			continue
		}
		kmin, kmax := c.span(lo, hi, extend)
		n := kmax - kmin
		if n > maxTicks {
			continue
		}
		score := math.Abs(float64(n - int64(target)))
		if c.num == 25 {
			score += 0.5
		}
		if n < 1 {
			score += 10
		}
		if integer && extend {
			// Among whole-number steps that give as many ticks, prefer
			// the one that wastes least of the axis: a count of 0–1 gets
			// ticks 0 and 1, not 0 and 5. Scores otherwise differ by at
			// least 0.5, so this only breaks ties.
			if ext := c.value(kmax) - c.value(kmin); ext > 0 {
				score += 0.1 * (1 - (hi-lo)/ext)
			}
		}
		// Ties go to the larger step: candidates come in increasing size.
		if score <= bestScore {
			best, bestScore = c, score
		}
	}
	if bestScore == math.Inf(1) { // only for absurd ranges
		return scale{min: lo, max: hi, step: step{1, int(math.Ceil(math.Log10(hi - lo)))}}
	}
	sc := scale{min: lo, max: hi, step: best}
	if extend {
		kmin, kmax := best.span(lo, hi, true)
		sc.min, sc.max = best.value(kmin), best.value(kmax)
	}
	return sc
}

// ticker labels the multiples of a step with a formatter.
type ticker struct {
	step   step
	format func(float64) string
}

// Ticks implements plot.Ticker.
func (t ticker) Ticks(lo, hi float64) []plot.Tick {
	kmin, kmax := t.step.span(lo, hi, false)
	if kmax-kmin > maxTicks {
		return nil
	}
	var ticks []plot.Tick
	for k := kmin; k <= kmax; k++ {
		v := t.step.value(k)
		ticks = append(ticks, plot.Tick{Value: v, Label: t.format(v)})
	}
	return ticks
}

// setAxis gives an axis of domain d the range and ticks of a scale, the
// ticks written by format or, if it is nil, by tickFormat.
func setAxis(a *plot.Axis, sc scale, format func(float64) string, d Domain) {
	a.Min, a.Max = sc.min, sc.max
	a.Tick.Marker = ticker{step: sc.step, format: orDefault(format, tickFormat(sc.step, d))}
}

// orDefault returns f, or def if f is nil.
func orDefault(f, def func(float64) string) func(float64) string {
	if f != nil {
		return f
	}
	return def
}

// targetTicks is the number of tick intervals wanted along a chart side
// of the given length, one every spacing, both in centimetres.
func targetTicks(cm, spacing float64) int {
	return min(max(int(math.Round(cm/spacing)), 3), 10)
}

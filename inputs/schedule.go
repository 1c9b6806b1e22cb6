package inputs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Step is one point of a Schedule: from Year on, the value is Value.
type Step struct {
	Year  int
	Value float64
}

// Schedule is a step function of the calendar year, used for levers that
// follow a path over time, such as the NHS Pension Scheme employer rate.
// Steps are kept sorted by year; before the first step the first value holds.
type Schedule []Step

// At returns the value in force in year.
func (s Schedule) At(year int) float64 {
	if len(s) == 0 {
		return 0
	}
	v := s[0].Value
	for _, st := range s {
		if st.Year > year {
			break
		}
		v = st.Value
	}
	return v
}

// Constant returns a schedule holding v in every year.
func Constant(v float64) Schedule { return Schedule{{Year: 0, Value: v}} }

// Clone returns a copy of s that shares no memory with it.
func (s Schedule) Clone() Schedule { return slices.Clone(s) }

// Normalize sorts the steps by year and reports a year given twice.
func (s Schedule) Normalize() (Schedule, error) {
	out := slices.Clone(s)
	slices.SortStableFunc(out, func(a, b Step) int { return a.Year - b.Year })
	for i := 1; i < len(out); i++ {
		if out[i].Year == out[i-1].Year {
			return nil, fmt.Errorf("year %d is given twice", out[i].Year)
		}
	}
	return out, nil
}

// String formats s as "2010:0.14 2015:0.143", the form ParseSchedule reads.
func (s Schedule) String() string {
	var b strings.Builder
	for i, st := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(st.Year))
		b.WriteByte(':')
		b.WriteString(strconv.FormatFloat(st.Value, 'g', -1, 64))
	}
	return b.String()
}

// ParseSchedule reads a schedule written as "YEAR:VALUE" pairs separated by
// spaces or commas, or a single number meaning a constant.
func ParseSchedule(text string) (Schedule, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fmt.Errorf("empty schedule")
	}
	if v, err := strconv.ParseFloat(text, 64); err == nil {
		return Constant(v), nil
	}
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	var s Schedule
	for _, f := range fields {
		ys, vs, ok := strings.Cut(f, ":")
		if !ok {
			return nil, fmt.Errorf("%q is not YEAR:VALUE", f)
		}
		y, err := strconv.Atoi(strings.TrimSpace(ys))
		if err != nil {
			return nil, fmt.Errorf("%q: year %q is not a whole number", f, ys)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(vs), 64)
		if err != nil {
			return nil, fmt.Errorf("%q: value %q is not a number", f, vs)
		}
		s = append(s, Step{Year: y, Value: v})
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("empty schedule")
	}
	return s.Normalize()
}

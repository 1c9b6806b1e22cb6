package inputs

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Kind is the type of a lever's value.
type Kind int

// The kinds of lever value.
const (
	KindFloat Kind = iota
	KindInt
	KindBool
	KindEnum
	KindSchedule
)

// String returns the name of the kind as a scenario author would read it.
func (k Kind) String() string {
	switch k {
	case KindFloat:
		return "number"
	case KindInt:
		return "whole number"
	case KindBool:
		return "true/false"
	case KindEnum:
		return "choice"
	case KindSchedule:
		return "year:value schedule"
	}
	return "unknown"
}

// Lever is the one definition of a scenario parameter: its dotted name, type,
// unit, default, valid range or allowed values, description and the source of
// its default. Defaults, validation and documentation all come from it.
type Lever struct {
	Name    string // "section.key", as written in scenario files
	Kind    Kind
	Unit    string
	Default any     // float64, int, bool, string or Schedule
	Min     float64 // inclusive bounds for numbers and schedule values
	Max     float64
	Allowed []string // for KindEnum
	Desc    string
	Source  string
	ptr     func(*Params) any
}

// Section returns the part of the name before the dot.
func (l *Lever) Section() string { s, _, _ := strings.Cut(l.Name, "."); return s }

// Key returns the part of the name after the dot.
func (l *Lever) Key() string { _, k, _ := strings.Cut(l.Name, "."); return k }

// Get returns the lever's value in p as float64, int, bool, string or Schedule.
func (l *Lever) Get(p *Params) any {
	switch v := l.ptr(p).(type) {
	case *float64:
		return *v
	case *int:
		return *v
	case *bool:
		return *v
	case *PensionAccess:
		return string(*v)
	case *Schedule:
		return v.Clone()
	}
	panic("inputs: lever " + l.Name + " has an unsupported field type")
}

// Set checks v against the lever's type and range and stores it in p.
// Numbers may be given as any Go integer or float type; an int lever
// accepts a float only when it is whole.
func (l *Lever) Set(p *Params, v any) error {
	v, err := l.Check(v)
	if err != nil {
		return err
	}
	switch f := l.ptr(p).(type) {
	case *float64:
		*f = v.(float64)
	case *int:
		*f = v.(int)
	case *bool:
		*f = v.(bool)
	case *PensionAccess:
		*f = PensionAccess(v.(string))
	case *Schedule:
		*f = v.(Schedule)
	}
	return nil
}

// Check converts v to the lever's type and checks its range, returning the
// converted value or an error that says what was expected.
func (l *Lever) Check(v any) (any, error) {
	switch l.Kind {
	case KindFloat:
		f, ok := AsFloat(v)
		if !ok {
			return nil, fmt.Errorf("%s: got %s, expected a number in [%s, %s]", l.Name, Describe(v), FormatNumber(l.Min), FormatNumber(l.Max))
		}
		if math.IsNaN(f) || f < l.Min || f > l.Max {
			return nil, fmt.Errorf("%s: %s is out of range, expected a number in [%s, %s]%s", l.Name, FormatNumber(f), FormatNumber(l.Min), FormatNumber(l.Max), l.unitSuffix())
		}
		return f, nil
	case KindInt:
		f, ok := AsFloat(v)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<40 {
			return nil, fmt.Errorf("%s: got %s, expected a whole number in [%s, %s]", l.Name, Describe(v), FormatNumber(l.Min), FormatNumber(l.Max))
		}
		if f < l.Min || f > l.Max {
			return nil, fmt.Errorf("%s: %s is out of range, expected a whole number in [%s, %s]%s", l.Name, FormatNumber(f), FormatNumber(l.Min), FormatNumber(l.Max), l.unitSuffix())
		}
		return int(f), nil
	case KindBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("%s: got %s, expected true or false", l.Name, Describe(v))
	case KindEnum:
		s, ok := v.(string)
		if !ok {
			if pa, isPA := v.(PensionAccess); isPA {
				s, ok = string(pa), true
			}
		}
		if !ok {
			return nil, fmt.Errorf("%s: got %s, expected one of %s", l.Name, Describe(v), strings.Join(l.Allowed, ", "))
		}
		s = strings.TrimSpace(s)
		if !slices.Contains(l.Allowed, s) {
			return nil, fmt.Errorf("%s: %q is not allowed, expected one of %s%s", l.Name, s, strings.Join(l.Allowed, ", "), DidYouMean(s, l.Allowed))
		}
		return s, nil
	case KindSchedule:
		var s Schedule
		switch x := v.(type) {
		case Schedule:
			s = x.Clone()
		case string:
			ps, err := ParseSchedule(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w; expected YEAR:VALUE pairs such as \"2010:0.14 2015:0.143\"", l.Name, err)
			}
			s = ps
		default:
			f, ok := AsFloat(v)
			if !ok {
				return nil, fmt.Errorf("%s: got %s, expected a number or a YEAR:VALUE schedule", l.Name, Describe(v))
			}
			s = Constant(f)
		}
		ns, err := s.Normalize()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Name, err)
		}
		for _, st := range ns {
			if math.IsNaN(st.Value) || st.Value < l.Min || st.Value > l.Max {
				return nil, fmt.Errorf("%s: value %s in %d is out of range, expected values in [%s, %s]%s", l.Name, FormatNumber(st.Value), st.Year, FormatNumber(l.Min), FormatNumber(l.Max), l.unitSuffix())
			}
		}
		return ns, nil
	}
	return nil, fmt.Errorf("%s: unsupported kind", l.Name)
}

// Parse reads a value of the lever from text, as given in --set or an
// environment variable.
func (l *Lever) Parse(text string) (any, error) {
	text = strings.TrimSpace(text)
	switch l.Kind {
	case KindFloat, KindInt:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return l.Check(text)
		}
		return l.Check(f)
	case KindBool:
		switch strings.ToLower(text) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return l.Check(text)
	case KindEnum, KindSchedule:
		return l.Check(text)
	}
	return nil, fmt.Errorf("%s: unsupported kind", l.Name)
}

// Format writes a value of the lever as text that Parse reads back.
func (l *Lever) Format(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	case Schedule:
		return x.String()
	}
	return fmt.Sprint(v)
}

// Range describes the valid values for people: "[0, 1]" or "none|closed|open".
func (l *Lever) Range() string {
	switch l.Kind {
	case KindBool:
		return "true|false"
	case KindEnum:
		return strings.Join(l.Allowed, "|")
	}
	return "[" + FormatNumber(l.Min) + ", " + FormatNumber(l.Max) + "]"
}

func (l *Lever) unitSuffix() string {
	if l.Unit == "" {
		return ""
	}
	return " (" + l.Unit + ")"
}

// AsFloat returns v as a float64 if it is a Go integer or float of any
// size, as a parsed file gives numbers.
func AsFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// Describe names a parsed value as a problem's message shows it: text in
// quotes, a number as written, "a list", "a section" or "nothing".
func Describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("%q (text)", x)
	case bool:
		return fmt.Sprintf("%v (true/false)", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a section"
	}
	if f, ok := AsFloat(v); ok {
		return FormatNumber(f)
	}
	return fmt.Sprintf("%v", v)
}

// FormatNumber formats f in the shortest form that reads back exactly.
func FormatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func floatLever(name, unit string, def, lo, hi float64, desc, src string, f func(*Params) *float64) Lever {
	return Lever{Name: name, Kind: KindFloat, Unit: unit, Default: def, Min: lo, Max: hi, Desc: desc, Source: src,
		ptr: func(p *Params) any { return f(p) }}
}

func intLever(name, unit string, def, lo, hi int, desc, src string, f func(*Params) *int) Lever {
	return Lever{Name: name, Kind: KindInt, Unit: unit, Default: def, Min: float64(lo), Max: float64(hi), Desc: desc, Source: src,
		ptr: func(p *Params) any { return f(p) }}
}

func boolLever(name string, def bool, desc, src string, f func(*Params) *bool) Lever {
	return Lever{Name: name, Kind: KindBool, Default: def, Desc: desc, Source: src,
		ptr: func(p *Params) any { return f(p) }}
}

func scheduleLever(name, unit string, def Schedule, lo, hi float64, desc, src string, f func(*Params) *Schedule) Lever {
	return Lever{Name: name, Kind: KindSchedule, Unit: unit, Default: def, Min: lo, Max: hi, Desc: desc, Source: src,
		ptr: func(p *Params) any { return f(p) }}
}

func mechanism(key, section, desc string, f func(*Params) *bool) Lever {
	return boolLever("mechanisms."+key, true, desc, "MODEL.md "+section, f)
}

package outputs

import (
	"errors"
	"fmt"
	"math"
	"mutualsim/inputs"
	"strconv"
	"strings"
)

// Type is the type of a table column's values.
type Type int

// The column types. In Parquet an Int is an INT64, a Float a DOUBLE, a String
// a BYTE_ARRAY annotated as UTF-8 text (logical type STRING) and a Bool a
// BOOLEAN.
const (
	TypeInt Type = iota + 1
	TypeFloat
	TypeString
	TypeBool
)

// String returns the type's name: int, float, string or bool.
func (t Type) String() string {
	switch t {
	case TypeInt:
		return "int"
	case TypeFloat:
		return "float"
	case TypeString:
		return "string"
	case TypeBool:
		return "bool"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

func (t Type) valid() bool { return t >= TypeInt && t <= TypeBool }

// Field describes one column of a table: its name, unit and meaning for the
// data dictionary, the type of its values, and whether a value may be
// missing (Nullable). A missing value is an empty CSV field and a null in
// Parquet.
type Field struct {
	Name     string
	Unit     string
	Meaning  string
	Type     Type
	Nullable bool
}

// Value is one cell of a table: an int, a float, a string, a bool, or null.
// The zero Value is null. Values are comparable with ==.
type Value struct {
	typ Type // 0 for null
	i   int64
	f   float64
	s   string
}

// Int returns an int value.
func Int(v int64) Value { return Value{typ: TypeInt, i: v} }

// Float returns a float value; NaN and ±Inf, which mark a measure that is
// undefined, become null, and −0 becomes 0.
func Float(v float64) Value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Null()
	}
	if v == 0 {
		// −0 is written as 0: its sign says nothing, and a checkpoint
		// (encoding/gob) does not keep it.
		v = 0
	}
	return Value{typ: TypeFloat, f: v}
}

// String returns a string value.
func String(s string) Value { return Value{typ: TypeString, s: s} }

// Bool returns a bool value.
func Bool(b bool) Value {
	if b {
		return Value{typ: TypeBool, i: 1}
	}
	return Value{typ: TypeBool}
}

// Null returns the missing value.
func Null() Value { return Value{} }

// IsNull reports whether v is missing.
func (v Value) IsNull() bool { return v.typ == 0 }

// Type returns v's type, or 0 if v is null.
func (v Value) Type() Type { return v.typ }

// AsInt returns an int value's number, and 0 for any other value.
func (v Value) AsInt() int64 {
	if v.typ != TypeInt {
		return 0
	}
	return v.i
}

// AsFloat returns a float value's number, and NaN for any other value.
func (v Value) AsFloat() float64 {
	if v.typ != TypeFloat {
		return math.NaN()
	}
	return v.f
}

// Number returns an int or float value's number as a float64, and NaN for
// any other value, null included.
func (v Value) Number() float64 {
	switch v.typ {
	case TypeFloat:
		return v.f
	case TypeInt:
		return float64(v.i)
	}
	return math.NaN()
}

// AsString returns a string value's text, and "" for any other value.
func (v Value) AsString() string { return v.s }

// AsBool returns a bool value's truth, and false for any other value.
func (v Value) AsBool() bool { return v.typ == TypeBool && v.i != 0 }

// Text returns v as a CSV field: an int in decimal, a float with
// FormatFloat, a bool as true or false, a string as it is, and null as an
// empty field.
func (v Value) Text() string {
	switch v.typ {
	case TypeInt:
		return strconv.FormatInt(v.i, 10)
	case TypeFloat:
		return FormatFloat(v.f)
	case TypeString:
		return v.s
	case TypeBool:
		return FormatBool(v.i != 0)
	}
	return ""
}

// parseValue reads a CSV field of the given field's type. An empty field is
// null in a nullable column and the empty string in a string column.
func parseValue(fd Field, s string) (Value, error) {
	if s == "" {
		switch {
		case fd.Nullable:
			return Null(), nil
		case fd.Type == TypeString:
			return String(""), nil
		}
		return Value{}, fmt.Errorf("column %s: empty field in a column that cannot be empty", fd.Name)
	}
	switch fd.Type {
	case TypeInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return Value{}, fmt.Errorf("column %s: %q is not a whole number: %w", fd.Name, s, err)
		}
		return Int(n), nil
	case TypeFloat:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return Value{}, fmt.Errorf("column %s: %q is not a number: %w", fd.Name, s, err)
		}
		return Float(x), nil
	case TypeBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return Value{}, fmt.Errorf("column %s: %q is not true or false: %w", fd.Name, s, err)
		}
		return Bool(b), nil
	case TypeString:
		return String(s), nil
	}
	return Value{}, fmt.Errorf("column %s: unknown type %v", fd.Name, fd.Type)
}

// Format is the file format of a table: CSV or Parquet. The data
// dictionary (columns.csv) and the manifests are CSV and JSON whatever the
// format. Format implements flag.Value and pflag.Value, so it can be a
// command-line flag.
type Format string

// The table formats.
const (
	CSV     Format = "csv"
	Parquet Format = "parquet"
)

// Formats lists the table formats.
func Formats() []Format { return []Format{CSV, Parquet} }

// ParseFormat returns the format named s (csv or parquet, in any case). An
// unknown name is an error that names it, lists the formats and suggests the
// closest.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	var names []string
	for _, f := range Formats() {
		if name == string(f) {
			return f, nil
		}
		names = append(names, string(f))
	}
	msg := fmt.Sprintf("unknown format %q, expected %s", s, strings.Join(names, "|"))
	if c := inputs.Closest(name, names); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return "", errors.New(msg)
}

// Ext returns the file name extension of the format, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// File returns the file name of a table called base in the format, such as
// timeseries.parquet.
func (f Format) File(base string) string { return base + f.Ext() }

// String returns the format's name.
func (f Format) String() string { return string(f) }

// Set sets f to the format named s, for a command-line flag.
func (f *Format) Set(s string) error {
	g, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = g
	return nil
}

// Type returns the name of the flag's value in help text.
func (f Format) Type() string { return "format" }

func (f Format) valid() bool { return f == CSV || f == Parquet }

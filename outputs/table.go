package outputs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// Parquet buffering. A Parquet table writes a row group to its file every
// rowGroupRows rows, so that a table of any length needs memory for at most
// one row group; the boundaries depend only on the rows, so the same rows
// always give the same file. Each column buffers a page of up to
// pageBufferSize bytes before encoding it: a quarter of the library's
// default, which halves the memory a run needs for files within 0.3% of
// the size.
const (
	rowGroupRows   = 1 << 16
	pageBufferSize = 64 << 10
)

// TableWriter streams the rows of one table into a temporary file in the
// table's folder. Commit renames it into place; Abort, or an interruption,
// leaves no file that looks whole.
type TableWriter struct {
	path   string
	format Format
	fields []Field
	tmp    *tempFile
	rows   int64
	err    error // the first write error; the file is then unusable
	done   bool

	// CSV
	csv   *csv.Writer
	cells []string

	// Parquet
	pq        *parquet.GenericWriter[any]
	prow      parquet.Row
	prows     []parquet.Row // prow, as WriteRows takes it
	pending   int           // rows since the last row group
	groupRows int           // rows of a row group: rowGroupRows, less in tests
}

// CreateTable starts the table dir/base.csv or dir/base.parquet with the
// given columns, in order, writing to a temporary file in dir. A CSV table
// starts with a header line of the column names. Column names must be
// distinct and made of ASCII letters, digits and underscores.
func CreateTable(dir, base string, f Format, fields []Field) (*TableWriter, error) {
	if !f.valid() {
		_, err := ParseFormat(string(f))
		return nil, fmt.Errorf("create table %s: %w", base, err)
	}
	if base == "" || strings.ContainsAny(base, `/\`) {
		return nil, fmt.Errorf("create table %q: the name must be a plain file name without extension", base)
	}
	path := filepath.Join(dir, f.File(base))
	if err := checkFields(fields); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	tw := &TableWriter{path: path, format: f, fields: slices.Clone(fields)}
	var schema *parquet.Schema
	if f == Parquet {
		var err error
		if schema, err = parquetSchema(base, fields); err != nil {
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
	}
	t, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	tw.tmp = t
	switch f {
	case CSV:
		tw.csv = csv.NewWriter(t.w)
		tw.cells = make([]string, len(fields))
		for i, fd := range fields {
			tw.cells[i] = fd.Name
		}
		if err := tw.csv.Write(tw.cells); err != nil {
			t.abort()
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	case Parquet:
		// Zstandard compression, which DuckDB, pandas (pyarrow) and R's
		// arrow all read, and version 1 data pages, which every reader
		// reads.
		cfg, err := parquet.NewWriterConfig(schema, parquet.Compression(&parquet.Zstd),
			parquet.DataPageVersion(1), parquet.WriteBufferSize(0), parquet.PageBufferSize(pageBufferSize))
		if err != nil {
			t.abort()
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
		tw.pq = parquet.NewGenericWriter[any](t.w, cfg)
		tw.prow = make(parquet.Row, len(fields))
		tw.prows = []parquet.Row{tw.prow}
		tw.groupRows = rowGroupRows
	}
	return tw, nil
}

// Path returns the table's final path.
func (tw *TableWriter) Path() string { return tw.path }

// Fields returns the table's columns.
func (tw *TableWriter) Fields() []Field { return slices.Clone(tw.fields) }

// Rows returns the number of rows written so far.
func (tw *TableWriter) Rows() int64 { return tw.rows }

// Write appends a row: one value per column, of the column's type, or null
// in a nullable column. A row that does not fit the columns is an error and
// is not written; the table stays usable. An error writing the file makes
// every later call fail.
func (tw *TableWriter) Write(row []Value) error {
	switch {
	case tw.done:
		return fmt.Errorf("write %s: the table was already committed or aborted", tw.path)
	case tw.err != nil:
		return tw.err
	}
	if err := tw.check(row); err != nil {
		return fmt.Errorf("write %s: row %d: %w", tw.path, tw.rows+1, err)
	}
	var err error
	switch tw.format {
	case CSV:
		for i, v := range row {
			tw.cells[i] = v.Text()
		}
		err = tw.csv.Write(tw.cells)
	case Parquet:
		err = tw.writeParquet(row)
	}
	if err != nil {
		tw.err = fmt.Errorf("write %s: %w", tw.path, err)
		return tw.err
	}
	tw.rows++
	return nil
}

// check reports whether row fits the columns.
func (tw *TableWriter) check(row []Value) error {
	if len(row) != len(tw.fields) {
		return fmt.Errorf("%d values for %d columns", len(row), len(tw.fields))
	}
	for i, v := range row {
		fd := tw.fields[i]
		switch {
		case v.IsNull() && !fd.Nullable:
			return fmt.Errorf("column %s: null in a column that cannot be empty", fd.Name)
		case !v.IsNull() && v.typ != fd.Type:
			return fmt.Errorf("column %s: %s value %q in a %s column", fd.Name, v.typ, v.Text(), fd.Type)
		}
	}
	return nil
}

func (tw *TableWriter) writeParquet(row []Value) error {
	for i, v := range row {
		def := 0
		if tw.fields[i].Nullable {
			def = 1
		}
		var pv parquet.Value
		switch v.typ {
		case 0:
			def = 0
		case TypeInt:
			pv = parquet.Int64Value(v.i)
		case TypeFloat:
			pv = parquet.DoubleValue(v.f)
		case TypeString:
			pv = parquet.ByteArrayValue([]byte(v.s))
		case TypeBool:
			pv = parquet.BooleanValue(v.i != 0)
		}
		tw.prow[i] = pv.Level(0, def, i)
	}
	if _, err := tw.pq.WriteRows(tw.prows); err != nil {
		return err
	}
	if tw.pending++; tw.pending >= tw.groupRows {
		tw.pending = 0
		return tw.pq.Flush()
	}
	return nil
}

// Commit finishes the file (for Parquet, the last row group and the
// footer), flushes and syncs it, and renames it into place. After an error
// the temporary file is removed and any earlier file at the path is
// untouched.
func (tw *TableWriter) Commit() error {
	if tw.done {
		return fmt.Errorf("commit %s: the table was already committed or aborted", tw.path)
	}
	if tw.err != nil {
		tw.Abort()
		return tw.err
	}
	var err error
	switch tw.format {
	case CSV:
		tw.csv.Flush()
		err = tw.csv.Error()
	case Parquet:
		err = tw.pq.Close()
	}
	if err != nil {
		tw.Abort()
		return fmt.Errorf("write %s: %w", tw.path, err)
	}
	tw.done = true
	if err := tw.tmp.commit(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(tw.path))
}

// Abort removes the temporary file; the path keeps whatever complete file it
// had before. Abort after Commit does nothing.
func (tw *TableWriter) Abort() {
	if tw.done {
		return
	}
	tw.done = true
	tw.tmp.abort()
}

// checkFields reports whether fields can be the columns of a table.
func checkFields(fields []Field) error {
	if len(fields) == 0 {
		return errors.New("a table needs at least one column")
	}
	seen := map[string]bool{}
	for i, fd := range fields {
		if !validName(fd.Name) {
			return fmt.Errorf("column %d: name %q is not made of ASCII letters, digits and underscores", i+1, fd.Name)
		}
		if seen[fd.Name] {
			return fmt.Errorf("column %d: name %q is used twice", i+1, fd.Name)
		}
		seen[fd.Name] = true
		if !fd.Type.valid() {
			return fmt.Errorf("column %s: unknown type %v", fd.Name, fd.Type)
		}
	}
	return nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// parquetSchema returns the Parquet schema of a table. The library orders
// the fields of a parquet.Group by name, so the schema is made from a Go
// struct type whose fields are the columns in order, each tagged with the
// column's name: a struct schema keeps its fields' order. Strings are
// dictionary-encoded; a nullable column is OPTIONAL, any other REQUIRED.
func parquetSchema(name string, fields []Field) (schema *parquet.Schema, err error) {
	defer func() {
		// The library panics on a struct it cannot map; checkFields and
		// the types below rule that out, but a panic must not escape.
		if r := recover(); r != nil {
			schema, err = nil, fmt.Errorf("parquet schema: %v", r)
		}
	}()
	sf := make([]reflect.StructField, len(fields))
	for i, fd := range fields {
		tag := fd.Name
		var t reflect.Type
		switch fd.Type {
		case TypeInt:
			t = reflect.TypeFor[int64]()
		case TypeFloat:
			t = reflect.TypeFor[float64]()
		case TypeString:
			t = reflect.TypeFor[string]()
			tag += ",dict"
		case TypeBool:
			t = reflect.TypeFor[bool]()
		default:
			return nil, fmt.Errorf("column %s: unknown type %v", fd.Name, fd.Type)
		}
		if fd.Nullable {
			tag += ",optional"
		}
		sf[i] = reflect.StructField{Name: fmt.Sprintf("C%d", i), Type: t, Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	model := parquet.SchemaOf(reflect.New(reflect.StructOf(sf)).Interface())
	schema = parquet.NewSchema(name, model)
	got := schema.Fields()
	if len(got) != len(fields) {
		return nil, fmt.Errorf("parquet schema has %d columns, want %d", len(got), len(fields))
	}
	for i, f := range got {
		if f.Name() != fields[i].Name {
			return nil, fmt.Errorf("parquet schema column %d is %s, want %s", i+1, f.Name(), fields[i].Name)
		}
	}
	return schema, nil
}

// WriteRows writes a whole table base into dir in format f: every row,
// then the commit; on an error nothing is left in place.
func WriteRows(dir, base string, f Format, fields []Field, rows [][]Value) error {
	tw, err := CreateTable(dir, base, f, fields)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if err := tw.Write(row); err != nil {
			tw.Abort()
			return err
		}
	}
	return tw.Commit()
}

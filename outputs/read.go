package outputs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"mutualsim/internal/regfile"
)

// ReadTable reads a whole table back from a .csv or .parquet file: its
// columns and its rows. A Parquet file carries its column types. A CSV file
// does not: if its header is that of a table mutualsim writes (a run
// folder's tables, a batch's summary or the data dictionary) its fields are
// parsed with that table's declared types, and otherwise each column's type
// is inferred from its fields (see inferFields). Columns of a known table
// get their units and meanings from the data dictionary. CSV floats carry
// the 8 significant digits FormatFloat wrote.
func ReadTable(path string) ([]Field, [][]Value, error) {
	return ReadTableFS(RegularFS(filepath.Dir(path)), filepath.Base(path), path)
}

// ReadTableFS reads the table name of fsys as ReadTable does; path names it
// in errors.
func ReadTableFS(fsys fs.FS, name, path string) ([]Field, [][]Value, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("read table: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read table: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("read table: %s is not a regular file", path)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case CSV.Ext():
		return readCSVTable(path, f)
	case Parquet.Ext():
		ra, ok := f.(io.ReaderAt)
		if !ok {
			return nil, nil, fmt.Errorf("read %s: the file cannot be read at random", path)
		}
		return readParquetTable(path, ra, st.Size())
	}
	return nil, nil, fmt.Errorf("read %s: not a .csv or .parquet file", path)
}

// RegularFS is the folder dir as an fs.FS whose files open only if they are
// regular files (regfile.Open): a link to a device or a named pipe among a
// folder's tables is refused, not read without end.
func RegularFS(dir string) fs.FS { return regularFS(dir) }

type regularFS string

func (d regularFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return regfile.Open(filepath.Join(string(d), filepath.FromSlash(name)))
}

func readCSVTable(path string, f io.Reader) ([]Field, [][]Value, error) {
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("no header line")
		}
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	header = slices.Clone(header)
	var recs [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, err)
		}
		recs = append(recs, slices.Clone(rec))
	}
	fields := knownFields(header)
	if fields == nil {
		fields = inferFields(header, recs)
	}
	rows := make([][]Value, len(recs))
	for li, rec := range recs {
		row := make([]Value, len(fields))
		for i, fd := range fields {
			if row[i], err = parseValue(fd, rec[i]); err != nil {
				return nil, nil, fmt.Errorf("read %s: line %d: %w", path, li+2, err)
			}
		}
		rows[li] = row
	}
	return fields, rows, nil
}

// inferFields returns the columns of a CSV table that is no table
// mutualsim writes: a column is an int if every non-empty field is a whole
// number, else a float if every one is a number, else a bool if every one is
// true or false, else a string; it is nullable if a field is empty.
func inferFields(header []string, recs [][]string) []Field {
	fields := make([]Field, len(header))
	for i, name := range header {
		fields[i] = Field{Name: name, Type: TypeString}
		isInt, isFloat, isBool, seen := true, true, true, false
		for _, rec := range recs {
			s := rec[i]
			if s == "" {
				fields[i].Nullable = true
				continue
			}
			seen = true
			if _, err := strconv.ParseInt(s, 10, 64); err != nil {
				isInt = false
			}
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				isFloat = false
			}
			if s != "true" && s != "false" {
				isBool = false
			}
		}
		switch {
		case !seen:
		case isInt:
			fields[i].Type = TypeInt
		case isFloat:
			fields[i].Type = TypeFloat
		case isBool:
			fields[i].Type = TypeBool
		}
	}
	return fields
}

func readParquetTable(path string, f io.ReaderAt, size int64) (fields []Field, rows [][]Value, err error) {
	defer func() {
		// A damaged file must give an error, whatever the library does
		// with it.
		if r := recover(); r != nil {
			fields, rows, err = nil, nil, fmt.Errorf("read %s: damaged Parquet file: %v", path, r)
		}
	}()
	pf, err := parquet.OpenFile(f, size)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	fields, err = parquetFields(pf.Schema())
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	rows = make([][]Value, 0, pf.NumRows())
	buf := make([]parquet.Row, 256)
	for _, rg := range pf.RowGroups() {
		if rows, err = appendParquetRows(rows, rg, fields, buf); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	return fields, rows, nil
}

// parquetFields returns the columns of a flat Parquet schema, with units and
// meanings from the data dictionary if the columns are a known table's.
func parquetFields(schema *parquet.Schema) ([]Field, error) {
	var fields []Field
	var names []string
	for _, f := range schema.Fields() {
		if !f.Leaf() || f.Repeated() {
			return nil, fmt.Errorf("column %s is nested or repeated; only flat tables can be read", f.Name())
		}
		fd := Field{Name: f.Name(), Nullable: f.Optional()}
		switch f.Type().Kind() {
		case parquet.Int32, parquet.Int64:
			fd.Type = TypeInt
		case parquet.Float, parquet.Double:
			fd.Type = TypeFloat
		case parquet.ByteArray:
			fd.Type = TypeString
		case parquet.Boolean:
			fd.Type = TypeBool
		default:
			return nil, fmt.Errorf("column %s has type %v, which is not an int, a float, a string or a bool", f.Name(), f.Type())
		}
		fields = append(fields, fd)
		names = append(names, fd.Name)
	}
	if len(fields) == 0 {
		return nil, errors.New("no column")
	}
	if known := knownFields(names); known != nil {
		for i := range fields {
			fields[i].Unit, fields[i].Meaning = known[i].Unit, known[i].Meaning
		}
	}
	return fields, nil
}

func appendParquetRows(rows [][]Value, rg parquet.RowGroup, fields []Field, buf []parquet.Row) ([][]Value, error) {
	r := rg.Rows()
	defer r.Close()
	for {
		n, err := r.ReadRows(buf)
		for _, pr := range buf[:n] {
			row := make([]Value, len(fields))
			for _, pv := range pr {
				c := pv.Column()
				if c < 0 || c >= len(fields) {
					return nil, fmt.Errorf("value for column %d of %d", c+1, len(fields))
				}
				row[c] = fromParquet(pv, fields[c].Type)
			}
			rows = append(rows, row)
		}
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func fromParquet(v parquet.Value, t Type) Value {
	if v.IsNull() {
		return Null()
	}
	switch t {
	case TypeInt:
		if v.Kind() == parquet.Int32 {
			return Int(int64(v.Int32()))
		}
		return Int(v.Int64())
	case TypeFloat:
		if v.Kind() == parquet.Float {
			return Float(float64(v.Float()))
		}
		return Float(v.Double())
	case TypeString:
		return String(string(v.ByteArray()))
	case TypeBool:
		return Bool(v.Boolean())
	}
	return Null()
}

// knownFields returns the columns of the table mutualsim writes with the
// given column names, in order, or nil if there is none.
func knownFields(names []string) []Field {
	for _, t := range knownTables() {
		if slices.EqualFunc(t.fields, names, func(f Field, n string) bool { return f.Name == n }) {
			return t.fields
		}
	}
	return nil
}

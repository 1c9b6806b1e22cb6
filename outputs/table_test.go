package outputs

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"mutualsim/inputs"
	"mutualsim/sim"
)

// smallRun is a small run whose tables all have rows: 2 replications of 3
// years at the small scale, with spin-outs switched on.
func smallRun(t *testing.T) *sim.Result {
	t.Helper()
	s := inputs.Default()
	s.Scale, s.Replications, s.Years, s.Seed = "small", 2, 3, 7
	s.Params.Support.RightToProvide = true
	s.Params.Support.SpinoutRate = 0.2
	res, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// writeRun writes res into a new folder in format f and returns the folder.
func writeRun(t *testing.T, res *sim.Result, f Format) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), string(f))
	m := NewManifest(res.Scenario, 2)
	m.Started, m.Finished = "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"
	if err := WriteRun(dir, f, res, m); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Format
		err  string // a part of the error, "" for none
	}{
		{"csv", CSV, ""},
		{"parquet", Parquet, ""},
		{"Parquet", Parquet, ""},
		{" CSV ", CSV, ""},
		{"parqet", "", `unknown format "parqet", expected csv|parquet (did you mean "parquet"?)`},
		{"cvs", "", `unknown format "cvs", expected csv|parquet (did you mean "csv"?)`},
		{"xlsx", "", `unknown format "xlsx", expected csv|parquet`},
		{"", "", `unknown format "", expected csv|parquet`},
	} {
		got, err := ParseFormat(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseFormat(%q) error %v; want one containing %q", tc.in, err, tc.err)
		case tc.err != "" && strings.Contains(tc.err, "did you mean") != strings.Contains(err.Error(), "did you mean"):
			t.Errorf("ParseFormat(%q) error %v suggests wrongly", tc.in, err)
		}
	}
	var f Format
	if err := f.Set("parquet"); err != nil || f != Parquet || f.String() != "parquet" || f.File("bids") != "bids.parquet" {
		t.Errorf("Set: %q %v", f, err)
	}
	if err := f.Set("pq"); err == nil || f != Parquet {
		t.Errorf("a bad Set changed the format to %q (%v)", f, err)
	}
}

func TestValue(t *testing.T) {
	for _, tc := range []struct {
		v    Value
		typ  Type
		text string
	}{
		{Int(-42), TypeInt, "-42"},
		{Int(math.MaxInt64), TypeInt, "9223372036854775807"},
		{Float(0.5), TypeFloat, "0.5"},
		{Float(3), TypeFloat, "3"},
		{Float(1.0 / 3), TypeFloat, "0.33333333"},
		{Float(math.NaN()), 0, ""},
		{Float(math.Inf(-1)), 0, ""},
		{String("a, \"b\""), TypeString, "a, \"b\""},
		{String(""), TypeString, ""},
		{Bool(true), TypeBool, "true"},
		{Bool(false), TypeBool, "false"},
		{Null(), 0, ""},
		{Value{}, 0, ""},
	} {
		if tc.v.Type() != tc.typ || tc.v.Text() != tc.text || tc.v.IsNull() != (tc.typ == 0) {
			t.Errorf("%#v: type %v text %q null %v; want %v %q", tc.v, tc.v.Type(), tc.v.Text(), tc.v.IsNull(), tc.typ, tc.text)
		}
	}
	if Int(7).AsInt() != 7 || Float(2.5).AsFloat() != 2.5 || String("x").AsString() != "x" || !Bool(true).AsBool() ||
		!math.IsNaN(Null().AsFloat()) || Null().AsInt() != 0 || Int(1).AsBool() {
		t.Error("accessors")
	}
}

// mixedFields and mixedRows are a table with every type, nulls, and text
// that CSV must quote.
func mixedFields() []Field {
	return []Field{
		{Name: "id", Type: TypeInt},
		{Name: "x", Type: TypeFloat, Nullable: true},
		{Name: "label", Type: TypeString},
		{Name: "note", Type: TypeString, Nullable: true},
		{Name: "ok", Type: TypeBool},
		{Name: "n", Type: TypeInt, Nullable: true},
	}
}

func mixedRows(n int) [][]Value {
	var rows [][]Value
	labels := []string{"plain", "with, comma", "with \"quotes\"", "£m – ünïcode", "line\nbreak"}
	for i := range n {
		x, note, nn := Float(float64(i)/7-1), String("note"), Int(int64(-i))
		if i%3 == 0 {
			x = Float(math.NaN())
		}
		if i%4 == 1 {
			note, nn = Null(), Null()
		}
		rows = append(rows, []Value{Int(int64(i)), x, String(labels[i%len(labels)]), note, Bool(i%2 == 0), nn})
	}
	return rows
}

func writeTable(t *testing.T, dir, base string, f Format, fields []Field, rows [][]Value, groupRows int) string {
	t.Helper()
	tw, err := CreateTable(dir, base, f, fields)
	if err != nil {
		t.Fatal(err)
	}
	if groupRows > 0 {
		tw.groupRows = groupRows
	}
	for _, r := range rows {
		if err := tw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Commit(); err != nil {
		t.Fatal(err)
	}
	return tw.Path()
}

// TestTableRoundTrip writes a table in each format and reads it back.
func TestTableRoundTrip(t *testing.T) {
	rows := mixedRows(25)
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			path := writeTable(t, dir, "mixed", f, mixedFields(), rows, 10)
			if filepath.Base(path) != "mixed."+string(f) {
				t.Errorf("path %s", path)
			}
			fields, got, err := ReadTable(path)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fields, mixedFields()) {
				t.Errorf("fields %+v, want %+v", fields, mixedFields())
			}
			if len(got) != len(rows) {
				t.Fatalf("%d rows, want %d", len(got), len(rows))
			}
			for i := range rows {
				for j := range rows[i] {
					want, g := rows[i][j], got[i][j]
					if f == CSV && want.Type() == TypeFloat {
						// CSV carries 8 significant digits.
						if g.Text() != want.Text() {
							t.Errorf("row %d col %d: %q, want %q", i, j, g.Text(), want.Text())
						}
						continue
					}
					if g != want {
						t.Errorf("row %d col %d: %#v, want %#v", i, j, g, want)
					}
				}
			}
			if f == Parquet {
				pf := openParquet(t, path)
				if n := len(pf.RowGroups()); n != 3 {
					t.Errorf("%d row groups for 25 rows at 10 a group, want 3", n)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("files left: %v", entries)
			}
		})
	}
}

func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

func TestTableErrors(t *testing.T) {
	dir := t.TempDir()
	ok := []Field{{Name: "a", Type: TypeInt}, {Name: "b", Type: TypeString, Nullable: true}}
	for _, tc := range []struct {
		name   string
		base   string
		format Format
		fields []Field
		want   string
	}{
		{"format", "t", "xlsx", ok, `unknown format "xlsx"`},
		{"empty format", "t", "", ok, `unknown format ""`},
		{"no columns", "t", CSV, nil, "at least one column"},
		{"bad name", "t", Parquet, []Field{{Name: "a,b", Type: TypeInt}}, `name "a,b"`},
		{"empty name", "t", Parquet, []Field{{Name: "", Type: TypeInt}}, `name ""`},
		{"twice", "t", CSV, []Field{{Name: "a", Type: TypeInt}, {Name: "a", Type: TypeBool}}, `"a" is used twice`},
		{"type", "t", Parquet, []Field{{Name: "a"}}, "unknown type"},
		{"base", "sub/t", CSV, ok, "plain file name"},
		{"folder", "t", CSV, ok, "missing"},
	} {
		d := dir
		if tc.name == "folder" {
			d = filepath.Join(dir, "missing")
		}
		if _, err := CreateTable(d, tc.base, tc.format, tc.fields); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	for _, f := range Formats() {
		tw, err := CreateTable(dir, "t", f, ok)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			row  []Value
			want string
		}{
			{[]Value{Int(1)}, "1 values for 2 columns"},
			{[]Value{Null(), Null()}, "column a: null in a column that cannot be empty"},
			{[]Value{Float(1), Null()}, `column a: float value "1" in a int column`},
			{[]Value{Int(1), Bool(true)}, "column b: bool value"},
		} {
			if err := tw.Write(tc.row); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: Write(%v) error %v, want one containing %q", f, tc.row, err, tc.want)
			}
		}
		// A bad row is not written and leaves the table usable.
		if err := tw.Write([]Value{Int(1), Null()}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if tw.Rows() != 1 {
			t.Errorf("%s: %d rows", f, tw.Rows())
		}
		tw.Abort()
		if err := tw.Write([]Value{Int(1), Null()}); err == nil {
			t.Errorf("%s: write after Abort succeeded", f)
		}
		if err := tw.Commit(); err == nil {
			t.Errorf("%s: commit after Abort succeeded", f)
		}
		tw.Abort() // twice is harmless
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("aborted tables left %v", entries)
	}
}

// TestAbortKeepsOldFile checks that an aborted table leaves the complete
// file it replaces.
func TestAbortKeepsOldFile(t *testing.T) {
	for _, f := range Formats() {
		dir := t.TempDir()
		path := writeTable(t, dir, "m", f, mixedFields(), mixedRows(5), 0)
		before, _ := os.ReadFile(path)
		tw, err := CreateTable(dir, "m", f, mixedFields())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range mixedRows(50) {
			tw.Write(r)
		}
		tw.Abort()
		after, _ := os.ReadFile(path)
		entries, _ := os.ReadDir(dir)
		if !bytes.Equal(before, after) || len(entries) != 1 {
			t.Errorf("%s: abort changed the old file or left %v", f, entries)
		}
	}
}

// TestParquetSameBytes writes the same rows twice, and the same run twice,
// and requires identical files.
func TestParquetSameBytes(t *testing.T) {
	a := writeTable(t, t.TempDir(), "m", Parquet, mixedFields(), mixedRows(40), 16)
	b := writeTable(t, t.TempDir(), "m", Parquet, mixedFields(), mixedRows(40), 16)
	if x, y := readFile(t, a), readFile(t, b); !bytes.Equal(x, y) {
		t.Error("the same rows gave different Parquet files")
	}
	res := smallRun(t)
	d1, d2 := writeRun(t, res, Parquet), writeRun(t, res, Parquet)
	for _, name := range RunFiles(Parquet) {
		if !bytes.Equal(readFile(t, filepath.Join(d1, name)), readFile(t, filepath.Join(d2, name))) {
			t.Errorf("%s differs between two writes of the same run", name)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readCSVRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestParquetMatchesCSV writes a run in both formats and checks, table by
// table, that the Parquet file holds exactly the cells of the CSV file,
// with the declared schema.
func TestParquetMatchesCSV(t *testing.T) {
	res := smallRun(t)
	csvDir, pqDir := writeRun(t, res, CSV), writeRun(t, res, Parquet)
	for _, tbl := range runTables() {
		t.Run(tbl.base, func(t *testing.T) {
			csvPath, pqPath := filepath.Join(csvDir, CSV.File(tbl.base)), filepath.Join(pqDir, Parquet.File(tbl.base))
			pqFields, pqRows, err := ReadTable(pqPath)
			if err != nil {
				t.Fatal(err)
			}
			csvFields, csvRows, err := ReadTable(csvPath)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(pqFields, tbl.fields) || !slices.Equal(csvFields, tbl.fields) {
				t.Fatalf("columns:\nparquet %+v\ncsv     %+v\nwant    %+v", pqFields, csvFields, tbl.fields)
			}
			checkParquetSchema(t, pqPath, tbl.fields)
			raw := readCSVRecords(t, csvPath)
			if !slices.Equal(raw[0], names(tbl.fields)) {
				t.Errorf("CSV header %v", raw[0])
			}
			raw = raw[1:]
			if len(pqRows) != len(raw) || len(csvRows) != len(raw) || len(raw) == 0 {
				t.Fatalf("parquet %d rows, csv %d (typed %d)", len(pqRows), len(raw), len(csvRows))
			}
			nulls := 0
			for i := range raw {
				for j, fd := range tbl.fields {
					p, c, text := pqRows[i][j], csvRows[i][j], raw[i][j]
					if p.IsNull() {
						nulls++
					}
					if (fd.Type != TypeString || fd.Nullable) && p.IsNull() != (text == "") {
						t.Errorf("row %d %s: parquet null %v, CSV %q", i, fd.Name, p.IsNull(), text)
					}
					if p.Text() != text {
						t.Errorf("row %d %s: parquet %q, CSV %q", i, fd.Name, p.Text(), text)
					}
					if fd.Type == TypeFloat && !p.IsNull() {
						// The CSV value is the Parquet value to 8 significant digits.
						if d := math.Abs(p.AsFloat() - c.AsFloat()); d > 1e-7*math.Abs(p.AsFloat()) {
							t.Errorf("row %d %s: parquet %v, CSV %v", i, fd.Name, p.AsFloat(), c.AsFloat())
						}
					} else if p != c {
						t.Errorf("row %d %s: parquet %#v, CSV %#v", i, fd.Name, p, c)
					}
				}
			}
			t.Logf("%d rows, %d nulls", len(raw), nulls)
		})
	}
	// The data dictionary and the manifest name the Parquet files.
	for _, c := range readCSVRecords(t, filepath.Join(pqDir, "columns.csv"))[1:] {
		if !strings.HasSuffix(c[0], ".parquet") {
			t.Errorf("columns.csv names %s", c[0])
		}
	}
	var m Manifest
	if err := json.Unmarshal(readFile(t, filepath.Join(pqDir, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != Parquet || !slices.Equal(m.Files, RunFiles(Parquet)) {
		t.Errorf("manifest format %q files %v", m.Format, m.Files)
	}
}

func names(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// checkParquetSchema checks a Parquet file's columns as parquet-go reads
// them: names in order, INT64, DOUBLE, STRING (UTF-8 byte array) and
// BOOLEAN, OPTIONAL exactly when nullable, and Zstandard compression.
func checkParquetSchema(t *testing.T, path string, fields []Field) {
	t.Helper()
	pf := openParquet(t, path)
	got := pf.Schema().Fields()
	if len(got) != len(fields) {
		t.Fatalf("%d columns, want %d", len(got), len(fields))
	}
	kinds := map[Type]parquet.Kind{TypeInt: parquet.Int64, TypeFloat: parquet.Double, TypeString: parquet.ByteArray, TypeBool: parquet.Boolean}
	for i, f := range got {
		fd := fields[i]
		var isString bool
		if lt := f.Type().LogicalType(); lt != nil {
			_, isString = lt.Value.(*format.StringType)
		}
		if f.Name() != fd.Name || f.Type().Kind() != kinds[fd.Type] || f.Optional() != fd.Nullable || f.Required() == fd.Nullable ||
			isString != (fd.Type == TypeString) {
			t.Errorf("column %d: %s %v optional %v; want %s %v nullable %v", i, f.Name(), f.Type(), f.Optional(), fd.Name, fd.Type, fd.Nullable)
		}
	}
	for _, rg := range pf.Metadata().RowGroups {
		for _, cc := range rg.Columns {
			if c := cc.MetaData.Codec.String(); c != "ZSTD" {
				t.Errorf("column %v compressed with %s", cc.MetaData.PathInSchema, c)
			}
		}
	}
}

// TestFormatSwitch writes a run folder in one format over a folder of the
// other, and checks that no stale table is left beside the fresh ones.
func TestFormatSwitch(t *testing.T) {
	res := smallRun(t)
	dir := t.TempDir()
	m := NewManifest(res.Scenario, 2)
	for _, f := range []Format{CSV, Parquet, CSV} {
		if err := WriteRun(dir, f, res, m); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		want := RunFiles(f)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("after writing %s the folder holds %v, want %v", f, got, want)
		}
	}
}

func TestWriteBatchFormats(t *testing.T) {
	res := smallRun(t)
	dir := t.TempDir()
	a, b := *res.Scenario, *res.Scenario
	a.Name, b.Name = "one", "two"
	stats := Summarise(res)
	results := []ScenarioStats{{&a, stats}, {&b, stats}}
	for _, f := range []Format{CSV, Parquet} {
		if err := WriteBatch(dir, results, 2, time.Now(), f); err != nil {
			t.Fatal(err)
		}
		other := Formats()[0]
		if f == other {
			other = Formats()[1]
		}
		if _, err := os.Stat(filepath.Join(dir, other.File("summary"))); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s batch kept summary%s", f, other.Ext())
		}
		fields, rows, err := ReadTable(filepath.Join(dir, f.File("summary")))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fields, batchSummaryFields()) || len(rows) != 2*len(stats) || rows[0][0] != String("one") || rows[len(rows)-1][0] != String("two") {
			t.Errorf("%s: fields %v, %d rows", f, fields, len(rows))
		}
		var m BatchManifest
		if err := json.Unmarshal(readFile(t, filepath.Join(dir, "manifest.json")), &m); err != nil {
			t.Fatal(err)
		}
		if m.Format != f || !slices.Equal(m.Files, []string{f.File("summary"), "manifest.json"}) {
			t.Errorf("batch manifest format %q files %v", m.Format, m.Files)
		}
	}
}

func TestReadTableErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeTable(t, dir, "m", Parquet, mixedFields(), mixedRows(30), 0)
	b := readFile(t, good)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		path string
		want string
	}{
		{write("x.txt", "a\n1\n"), "not a .csv or .parquet file"},
		{filepath.Join(dir, "none.csv"), "no such file"},
		{write("empty.csv", ""), "no header line"},
		{write("ragged.csv", "a,b\n1\n"), "wrong number of fields"},
		{write("bad.csv", "file,name,unit,meaning\n"), ""},
		{write("badint.csv", strings.Join(names(summaryFields()), ",")+"\nx,m,1,1,1,1,2\n"), `column year: "x" is not a whole number`},
		{write("short.parquet", string(b[:len(b)/2])), "short.parquet"},
		{write("junk.parquet", strings.Repeat("junk", 100)), "junk.parquet"},
	} {
		_, _, err := ReadTable(tc.path)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.path, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one containing %q", filepath.Base(tc.path), err, tc.want)
		}
	}
}

// TestReadTableInfers reads a CSV file that is no table mutualsim writes.
func TestReadTableInfers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "other.csv")
	os.WriteFile(p, []byte("i,f,b,s,e\n1,1.5,true,x,\n-2,3,false,,\n"), 0o644)
	fields, rows, err := ReadTable(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{{Name: "i", Type: TypeInt}, {Name: "f", Type: TypeFloat}, {Name: "b", Type: TypeBool},
		{Name: "s", Type: TypeString, Nullable: true}, {Name: "e", Type: TypeString, Nullable: true}}
	if !slices.Equal(fields, want) || len(rows) != 2 || rows[1][0] != Int(-2) || rows[1][1] != Float(3) || !rows[1][3].IsNull() {
		t.Errorf("fields %+v rows %v", fields, rows)
	}
}

// TestKnownTablesHaveParquetSchemas builds the Parquet schema of every
// table mutualsim writes.
func TestKnownTablesHaveParquetSchemas(t *testing.T) {
	for _, tbl := range knownTables() {
		if err := checkFields(tbl.fields); err != nil {
			t.Errorf("%s: %v", tbl.base, err)
		}
		if _, err := parquetSchema(tbl.base, tbl.fields); err != nil {
			t.Errorf("%s: %v", tbl.base, err)
		}
	}
}

package interop

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"mutualsim/outputs"
)

// duckType returns the DuckDB type of a column type, as DuckDB reads it
// from a Parquet file and as the CSV files are read with.
func duckType(t outputs.Type) string {
	switch t {
	case outputs.TypeInt:
		return "BIGINT"
	case outputs.TypeFloat:
		return "DOUBLE"
	case outputs.TypeString:
		return "VARCHAR"
	case outputs.TypeBool:
		return "BOOLEAN"
	}
	return "unknown type " + t.String()
}

// table is one table written in both formats.
type table struct {
	name    string // for messages
	csv, pq string // paths
	fields  []outputs.Field
}

// sweepDesign is a small Morris sweep over a number, a whole number and a
// choice, so that its tables hold every column type.
const sweepDesign = `method: morris
points: 3
replications: 2
scale: small
years: 4
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0.0, 1.0]
  pension.access: [none, closed, open]
  support.right_to_provide: [false, true]
outcomes: [hhi_regional, mutuals_alive, mean_bidders]
outcome_years: [2011, 2013]
`

// TestDuckDBReadsParquetAndCSV builds the real program, runs a small
// scenario and a small batch in both formats, and reads every table with
// DuckDB: the Parquet and CSV files have the same column names, the Parquet
// columns have the declared types and repetitions, and the two files hold
// the same rows.
func TestDuckDBReadsParquetAndCSV(t *testing.T) {
	bin := buildProgram(t)
	dir := t.TempDir()
	small := []string{"--scale", "small", "--reps", "2", "--years", "3", "--seed", "7", "--quiet"}
	for _, f := range outputs.Formats() {
		run(t, bin, append([]string{"run", "--scenario", "right-to-provide", "--format", string(f), "--out", filepath.Join(dir, "run-"+string(f))}, small...)...)
		run(t, bin, append([]string{"batch", "baseline", "pension-open-access", "--format", string(f), "--out", filepath.Join(dir, "batch-"+string(f))}, small...)...)
	}

	var tables []table
	byFile := map[string][]outputs.Field{}
	var bases []string
	for _, c := range outputs.Columns(outputs.CSV) {
		base := strings.TrimSuffix(c.File, ".csv")
		if byFile[base] == nil {
			bases = append(bases, base)
		}
		byFile[base] = append(byFile[base], c.Field)
	}
	for _, folder := range []string{"run", filepath.Join("batch", "baseline"), filepath.Join("batch", "pension-open-access")} {
		for _, base := range bases {
			tables = append(tables, table{
				name:   filepath.Join(folder, base),
				csv:    filepath.Join(dir, folderIn(folder, outputs.CSV), outputs.CSV.File(base)),
				pq:     filepath.Join(dir, folderIn(folder, outputs.Parquet), outputs.Parquet.File(base)),
				fields: byFile[base],
			})
		}
	}
	// A Morris sweep's tables; their columns depend on the design, so the
	// declared fields are those the Parquet file carries.
	design := filepath.Join(dir, "design.yaml")
	if err := os.WriteFile(design, []byte(sweepDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range outputs.Formats() {
		run(t, bin, "sweep", design, "--format", string(f), "--quiet", "--out", filepath.Join(dir, "sweep-"+string(f)))
	}
	for _, base := range []string{"runs", "points", "morris", "comparison"} {
		if base == "comparison" {
			for _, f := range outputs.Formats() {
				run(t, bin, append([]string{"compare", "baseline", "no-competition", "--at", "2011,2012", "--format", string(f), "--out", filepath.Join(dir, "compare-"+string(f))}, small...)...)
			}
		}
		folder := "sweep"
		if base == "comparison" {
			folder = "compare"
		}
		pq := filepath.Join(dir, folder+"-parquet", outputs.Parquet.File(base))
		fields, _, err := outputs.ReadTable(pq)
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, table{name: folder + "/" + base, csv: filepath.Join(dir, folder+"-csv", outputs.CSV.File(base)), pq: pq, fields: fields})
	}
	batchSummary := append([]outputs.Field{{Name: "scenario", Type: outputs.TypeString}}, byFile["summary"]...)
	tables = append(tables, table{name: "batch/summary", csv: filepath.Join(dir, "batch-csv", "summary.csv"),
		pq: filepath.Join(dir, "batch-parquet", "summary.parquet"), fields: batchSummary})

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version string
	if err := db.QueryRow("SELECT version()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Logf("DuckDB %s", version)
	for _, tb := range tables {
		t.Run(tb.name, func(t *testing.T) { compareTable(t, db, tb) })
	}
}

// folderIn returns the folder of the run or batch written in format f.
func folderIn(folder string, f outputs.Format) string {
	head, rest, _ := strings.Cut(folder, string(filepath.Separator))
	return filepath.Join(head+"-"+string(f), rest)
}

func compareTable(t *testing.T, db *sql.DB, tb table) {
	pq, auto := "read_parquet("+quote(tb.pq)+")", "read_csv("+quote(tb.csv)+", header = true)"
	// The CSV file is read with the declared types, as its text carries
	// none; left to guess, DuckDB reads a float column of whole numbers as
	// BIGINT and a column that is empty throughout as VARCHAR.
	var types []string
	for _, f := range tb.fields {
		types = append(types, quote(f.Name)+": "+quote(duckType(f.Type)))
	}
	typed := "read_csv(" + quote(tb.csv) + ", header = true, columns = {" + strings.Join(types, ", ") + "})"

	// Column names and types as DuckDB sees them.
	pqNames, pqTypes := describe(t, db, pq)
	csvNames, _ := describe(t, db, auto)
	var wantNames, wantTypes []string
	for _, f := range tb.fields {
		wantNames = append(wantNames, f.Name)
		wantTypes = append(wantTypes, duckType(f.Type))
	}
	if !slices.Equal(pqNames, wantNames) || !slices.Equal(csvNames, wantNames) {
		t.Errorf("column names:\nparquet %v\ncsv     %v\nwant    %v", pqNames, csvNames, wantNames)
	}
	if !slices.Equal(pqTypes, wantTypes) {
		t.Errorf("parquet column types %v, want %v", pqTypes, wantTypes)
	}

	// Repetition (REQUIRED or OPTIONAL) and compression of the Parquet columns.
	rows, err := db.Query("SELECT name, repetition_type FROM parquet_schema(" + quote(tb.pq) + ") WHERE num_children IS NULL")
	if err != nil {
		t.Fatal(err)
	}
	var reps []string
	for rows.Next() {
		var name, rep string
		if err := rows.Scan(&name, &rep); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, name+" "+rep)
	}
	rows.Close()
	var wantReps []string
	for _, f := range tb.fields {
		rep := "REQUIRED"
		if f.Nullable {
			rep = "OPTIONAL"
		}
		wantReps = append(wantReps, f.Name+" "+rep)
	}
	if !slices.Equal(reps, wantReps) {
		t.Errorf("parquet repetitions %v, want %v", reps, wantReps)
	}
	var codecs string
	if err := db.QueryRow("SELECT string_agg(DISTINCT compression, ',') FROM parquet_metadata(" + quote(tb.pq) + ")").Scan(&codecs); err != nil {
		t.Fatal(err)
	}
	if codecs != "ZSTD" {
		t.Errorf("parquet compression %s, want ZSTD", codecs)
	}

	// Row counts.
	nPQ, nCSV := count(t, db, "SELECT count(*) FROM "+pq), count(t, db, "SELECT count(*) FROM "+typed)
	if nPQ != nCSV || nPQ == 0 {
		t.Errorf("parquet %d rows, csv %d", nPQ, nCSV)
	}

	// The same rows, both ways. A float is compared at the 8 significant
	// digits the CSV file carries: both sides are written with %.8g and read
	// back as DOUBLE.
	var cols []string
	for _, f := range tb.fields {
		c := ident(f.Name)
		if f.Type == outputs.TypeFloat {
			c = "CAST(printf('%.8g', " + c + ") AS DOUBLE) AS " + c
		}
		cols = append(cols, c)
	}
	list := strings.Join(cols, ", ")
	for _, q := range []struct{ name, a, b string }{{"parquet EXCEPT ALL csv", pq, typed}, {"csv EXCEPT ALL parquet", typed, pq}} {
		query := fmt.Sprintf("(SELECT %s FROM %s) EXCEPT ALL (SELECT %s FROM %s)", list, q.a, list, q.b)
		if n := count(t, db, "SELECT count(*) FROM ("+query+")"); n != 0 {
			t.Errorf("%s: %d rows, want none; the first: %s", q.name, n, firstRow(t, db, query))
		}
	}
}

// describe returns the column names and types of a query's result.
func describe(t *testing.T, db *sql.DB, from string) (names, types []string) {
	t.Helper()
	rows, err := db.Query("DESCRIBE SELECT * FROM " + from)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		names = append(names, fmt.Sprint(vals[0]))
		types = append(types, fmt.Sprint(vals[1]))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names, types
}

func count(t *testing.T, db *sql.DB, query string) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%.200s…: %v", query, err)
	}
	return n
}

func firstRow(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	var s string
	if err := db.QueryRow("SELECT CAST(q AS VARCHAR) FROM (" + query + ") q LIMIT 1").Scan(&s); err != nil {
		return err.Error()
	}
	return s
}

// quote writes s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident writes s as an SQL identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// buildProgram builds mutualsim from the main module into a temporary folder.
func buildProgram(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mutualsim")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/mutualsim")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, bin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = cleanEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mutualsim %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// cleanEnv is the environment without MUTUALSIM_ variables, which would
// change the scenario.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MUTUALSIM_") {
			env = append(env, kv)
		}
	}
	return env
}

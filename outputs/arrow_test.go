package outputs

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	pq "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// TestArrowReadsParquet reads a run folder's Parquet files with Apache
// Arrow's Go implementation, an independent reader from the project behind
// pyarrow (pandas) and R's arrow package, and checks the Parquet schema it
// sees (physical and logical types, repetition, compression), the Arrow
// schema it makes (names, order, types, nullability), and every value
// against ReadTable's.
func TestArrowReadsParquet(t *testing.T) {
	dir := writeRun(t, smallRun(t), Parquet)
	physical := map[Type]pq.Type{TypeInt: pq.Types.Int64, TypeFloat: pq.Types.Double, TypeString: pq.Types.ByteArray, TypeBool: pq.Types.Boolean}
	arrowType := map[Type]arrow.DataType{TypeInt: arrow.PrimitiveTypes.Int64, TypeFloat: arrow.PrimitiveTypes.Float64,
		TypeString: arrow.BinaryTypes.String, TypeBool: arrow.FixedWidthTypes.Boolean}
	for _, tbl := range runTables() {
		t.Run(tbl.base, func(t *testing.T) {
			path := filepath.Join(dir, Parquet.File(tbl.base))
			_, want, err := ReadTable(path)
			if err != nil {
				t.Fatal(err)
			}
			mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
			defer mem.AssertSize(t, 0)
			rdr, err := file.OpenParquetFile(path, false)
			if err != nil {
				t.Fatal(err)
			}
			defer rdr.Close()

			md := rdr.MetaData()
			if md.NumColumns() != len(tbl.fields) || md.NumRows != int64(len(want)) {
				t.Fatalf("%d columns and %d rows, want %d and %d", md.NumColumns(), md.NumRows, len(tbl.fields), len(want))
			}
			for j, fd := range tbl.fields {
				col := md.Schema.Column(j)
				rep := pq.Repetitions.Required
				if fd.Nullable {
					rep = pq.Repetitions.Optional
				}
				_, isString := col.LogicalType().(schema.StringLogicalType)
				if col.Name() != fd.Name || col.PhysicalType() != physical[fd.Type] || col.SchemaNode().RepetitionType() != rep ||
					isString != (fd.Type == TypeString) {
					t.Errorf("column %d: %s %v %v %v; want %s %v nullable %v", j, col.Name(), col.PhysicalType(), col.LogicalType(),
						col.SchemaNode().RepetitionType(), fd.Name, fd.Type, fd.Nullable)
				}
			}
			for g := range md.NumRowGroups() {
				for j := range tbl.fields {
					cc, err := md.RowGroup(g).ColumnChunk(j)
					if err != nil {
						t.Fatal(err)
					}
					if cc.Compression() != compress.Codecs.Zstd {
						t.Errorf("row group %d column %d: compression %v", g, j, cc.Compression())
					}
				}
			}

			fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64}, mem)
			if err != nil {
				t.Fatal(err)
			}
			tb, err := fr.ReadTable(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer tb.Release()
			sc := tb.Schema()
			if tb.NumRows() != int64(len(want)) || sc.NumFields() != len(tbl.fields) {
				t.Fatalf("arrow table %d rows × %d columns, want %d × %d", tb.NumRows(), sc.NumFields(), len(want), len(tbl.fields))
			}
			for j, fd := range tbl.fields {
				af := sc.Field(j)
				if af.Name != fd.Name || !arrow.TypeEqual(af.Type, arrowType[fd.Type]) || af.Nullable != fd.Nullable {
					t.Errorf("arrow field %d: %s %v nullable %v; want %s %v nullable %v", j, af.Name, af.Type, af.Nullable, fd.Name, arrowType[fd.Type], fd.Nullable)
					continue
				}
				i := 0
				for _, chunk := range tb.Column(j).Data().Chunks() {
					for k := range chunk.Len() {
						if got, w := arrowValue(chunk, k), want[i][j]; got != w {
							t.Errorf("row %d %s: arrow %#v, ReadTable %#v", i, fd.Name, got, w)
						}
						i++
					}
				}
				if i != len(want) {
					t.Errorf("%s: %d values, want %d", fd.Name, i, len(want))
				}
			}
		})
	}
}

// arrowValue returns the k-th value of an Arrow array as a Value.
func arrowValue(a arrow.Array, k int) Value {
	if a.IsNull(k) {
		return Null()
	}
	switch a := a.(type) {
	case *array.Int64:
		return Int(a.Value(k))
	case *array.Float64:
		return Float(a.Value(k))
	case *array.String:
		return String(a.Value(k))
	case *array.Boolean:
		return Bool(a.Value(k))
	}
	return String(fmt.Sprintf("unexpected %T", a))
}

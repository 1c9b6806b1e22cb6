package fmath

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestModelUsesPortableMath fails if the code that makes the model's
// results and files calls a math function whose last bits depend on the
// architecture, or a gonum package that computes with them, instead of
// this package. Tests and charts (drawn by gonum/plot) are left out.
func TestModelUsesPortableMath(t *testing.T) {
	portable := map[string]bool{ // exact on every architecture
		"Abs": true, "Ceil": true, "Copysign": true, "Floor": true, "Frexp": true, "Inf": true,
		"IsInf": true, "IsNaN": true, "Ldexp": true, "Max": true, "Min": true, "Mod": true,
		"NaN": true, "Round": true, "RoundToEven": true, "Signbit": true, "Sqrt": true, "Trunc": true,
		"Float64bits": true, "Float64frombits": true, "Float32bits": true, "Float32frombits": true,
		"Nextafter": true, "Modf": true,
	}
	banned := []string{"gonum.org/v1/gonum/stat", "gonum.org/v1/gonum/mathext", "gonum.org/v1/gonum/integrate", "gonum.org/v1/gonum/floats"}
	root := filepath.Join("..", "..")
	n := 0
	for _, pkg := range []string{"agents", "sim", "inputs", "outputs", "sweep", "sensitivity", "validation", "report", "targets", "estimate", "scenarios", "discover", "calibrate", "cmd/mutualsim"} {
		files, err := filepath.Glob(filepath.Join(root, pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", pkg, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			n++
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, b := range banned {
					if p == b || strings.HasPrefix(p, b+"/") {
						t.Errorf("%s imports %s: use mutualsim/internal/fmath", fset.Position(imp.Pos()), p)
					}
				}
			}
			ast.Inspect(f, func(node ast.Node) bool {
				sel, ok := node.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "math" && !portable[sel.Sel.Name] && !isConstant(sel.Sel.Name) {
					t.Errorf("%s: math.%s differs across architectures: use fmath", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
			checkFastNarrowed(t, fset, f)
		}
	}
	if n < 50 {
		t.Errorf("read %d files, expected the model's packages", n)
	}
}

// isConstant reports whether name is one of package math's constants
// (exact values, not functions).
func isConstant(name string) bool {
	switch name {
	case "Pi", "E", "Sqrt2", "SqrtE", "SqrtPi", "SqrtPhi", "Phi", "Ln2", "Log2E", "Ln10", "Log10E",
		"MaxFloat64", "SmallestNonzeroFloat64", "MaxFloat32", "SmallestNonzeroFloat32",
		"MaxInt", "MinInt", "MaxInt8", "MaxInt16", "MaxInt32", "MaxInt64", "MinInt8", "MinInt16", "MinInt32", "MinInt64",
		"MaxUint", "MaxUint8", "MaxUint16", "MaxUint32", "MaxUint64":
		return true
	}
	return false
}

// checkFastNarrowed fails a function of f that calls a Fast function
// without a Narrow function: only Narrow32 or NarrowRound make a fast
// result the model's.
func checkFastNarrowed(t *testing.T, fset *token.FileSet, f *ast.File) {
	t.Helper()
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		var fast []*ast.SelectorExpr
		narrowed := false
		ast.Inspect(fd.Body, func(node ast.Node) bool {
			if sel, ok := node.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "fmath" {
					switch {
					case strings.HasPrefix(sel.Sel.Name, "Fast"):
						fast = append(fast, sel)
					case strings.HasPrefix(sel.Sel.Name, "Narrow"):
						narrowed = true
					}
				}
			}
			return true
		})
		if !narrowed {
			for _, sel := range fast {
				t.Errorf("%s: fmath.%s in %s, which calls no fmath.Narrow function: its result would differ across architectures", fset.Position(sel.Pos()), sel.Sel.Name, fd.Name.Name)
			}
		}
	}
}

package sim

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mutualsim/inputs"
)

// technical are constants of sim and agents that are not numbers of the
// model: formats, versions, numerical methods, unit conversions.
var technical = map[string]bool{
	"sim.Version": true, "sim.CheckpointFormat": true, "sim.zigguratR": true, "sim.zigguratV": true,
	"sim.thousand": true, "sim.trailerSize": true, "agents.tailCut": true, "agents.quadPanels": true, "agents.BytesPerStaff": true,
	"sim.quitGrid": true, "sim.quitMargin": true, "sim.maxBracketedK": true,
}

// numericFiles hold numerical methods (random streams, the normal
// ziggurat, the checkpoint encoding, the auction's quadrature, the
// bracketed quit decision), whose literals are not numbers of the model.
var numericFiles = map[string]bool{"sim/checkpoint.go": true, "sim/rng.go": true, "sim/normal.go": true, "agents/auction.go": true,
	"sim/quitrule.go": true}

// definitions are literals allowed in a file, where they define a measure
// or hold a table that Constants lists through its methods.
var definitions = map[string][]string{
	"sim/concentration.go": {"4", "100"}, // CR4; shares in percent for the HHI
	"sim/metrics.go":       {"10000"},    // the HHI's upper bound
	"agents/service.go":    {"0.35", "0.15", "0.12", "0.18", "0.08"},
	"agents/workforce.go":  {"0.72", "0.20", "0.08", "31", "19", "45"},
}

// sources parses the non-test Go files of sim and agents.
func sources(t *testing.T) map[string]*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	out := map[string]*ast.File{}
	for _, dir := range []string{".", filepath.Join("..", "agents")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		pkg := "sim"
		if dir != "." {
			pkg = "agents"
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(fset, f, b, 0)
			if err != nil {
				t.Fatal(err)
			}
			out[pkg+"/"+filepath.Base(f)] = af
		}
	}
	return out
}

// TestConstantsListed checks that every number of the model in sim and
// agents is named and listed: every untyped numeric constant is in
// Constants (or is technical, or another constant's alias), typed and
// implicitly repeated numbers included; every name in Constants is
// declared; no function declares a constant of its own; and no code
// outside a constant declaration writes a number other than 0, 1 and 2
// (-1 is 1 negated), apart from the numerical methods and the definitions
// of measures. 2 stays where it is arithmetic (a mean of two, a majority,
// a log-normal's σ²/2); where it was a number of the model it is named.
func TestConstantsListed(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range Constants() {
		if listed[c.Name] {
			t.Errorf("%s is listed twice", c.Name)
		}
		listed[c.Name] = true
		if c.Unit == "" || c.Meaning == "" || c.Source == "" {
			t.Errorf("%s: unit, meaning or source missing: %+v", c.Name, c)
		}
	}
	declared := map[string]bool{}
	for file, af := range sources(t) {
		pkg, _, _ := strings.Cut(file, "/")
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			var last ast.Expr // a spec without values repeats the last one's
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				if len(vs.Values) > 0 {
					last = nil
				}
				for i, n := range vs.Names {
					name := pkg + "." + n.Name
					declared[name] = true
					v := last
					if i < len(vs.Values) {
						v = vs.Values[i]
						last = v
					}
					if technical[name] || v == nil || !numericConstant(vs.Type, v) {
						continue
					}
					if !listed[name] {
						t.Errorf("%s (%s) is a number of the model that Constants does not list", name, file)
					}
				}
			}
		}
		if numericFiles[file] {
			continue
		}
		allowed := definitions[file]
		ast.Inspect(af, func(n ast.Node) bool {
			if fd, ok := n.(*ast.FuncDecl); ok && fd.Body != nil {
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
						t.Errorf("%s: %s declares a constant inside a function: declare it at package level and list it in Constants", file, fd.Name.Name)
					}
					return true
				})
			}
			if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				return false
			}
			bl, ok := n.(*ast.BasicLit)
			if !ok || (bl.Kind != token.INT && bl.Kind != token.FLOAT) {
				return true
			}
			switch bl.Value {
			case "0", "1", "2", "0.0", "1.0":
				return true
			}
			if !slices.Contains(allowed, bl.Value) {
				t.Errorf("%s: the number %s is written out: name it (a constant listed in Constants, or a lever)", file, bl.Value)
			}
			return true
		})
	}
	for name := range listed {
		if base, _, isMethod := strings.Cut(name, "("); !isMethod && !declared[base] {
			t.Errorf("Constants lists %s, which is not declared", name)
		}
	}
}

// numericConstant reports whether a constant declared with type typ (nil
// for none) and value v is a number that Constants must list: not a
// string, not an enumeration (iota, or a type of the package's own), and
// not another constant under a second name.
func numericConstant(typ, v ast.Expr) bool {
	if typ != nil {
		id, ok := typ.(*ast.Ident)
		if !ok || !slices.Contains([]string{"float64", "float32", "int", "int32", "int64", "uint8", "uint32", "uint64"}, id.Name) {
			return false // an enumeration of a named type
		}
	}
	switch v := v.(type) {
	case *ast.BasicLit:
		return v.Kind == token.INT || v.Kind == token.FLOAT
	case *ast.Ident, *ast.SelectorExpr:
		return false // iota, or another constant under a second name
	}
	return !strings.Contains(exprString(v), "iota")
}

// exprString renders a constant expression's identifiers, enough to see
// iota in it.
func exprString(e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			b.WriteString(id.Name + " ")
		}
		return true
	})
	return b.String()
}

// TestODDListsConstants fails when docs/ODD.md's table of constants
// differs from Constants: run "go run ./cmd/mutualsim doc levers --update
// docs/ODD.md".
func TestODDListsConstants(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "ODD.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := inputs.UpdateConstantDocs(string(b), Constants())
	if err != nil {
		t.Fatal(err)
	}
	if want != string(b) {
		t.Error(`docs/ODD.md's table of constants is out of date: run go run ./cmd/mutualsim doc levers --update docs/ODD.md`)
	}
}

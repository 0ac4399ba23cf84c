package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Every language has exactly English's keys, none empty, each with the same
// fmt verbs as in English (a %d lost in translation would print %!d).
func TestCatalogsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	en := catalogs["en"]
	if len(en) < 100 {
		t.Fatalf("English catalog has %d keys", len(en))
	}
	for _, lang := range Languages {
		cat := catalogs[lang]
		for k, msg := range en {
			tr, ok := cat[k]
			if !ok || strings.TrimSpace(tr) == "" {
				t.Errorf("%s: missing %q", lang, k)
				continue
			}
			if a, b := verbs.FindAllString(msg, -1), verbs.FindAllString(tr, -1); !slices.Equal(a, b) {
				t.Errorf("%s: %q has verbs %v, English %v", lang, k, b, a)
			}
		}
		for k := range cat {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %q is not in English", lang, k)
			}
		}
	}
}

// usedInTemplate finds the literal keys of {{t LANG "key"}} in a template.
var usedInTemplate = regexp.MustCompile(`\bt (?:\.Lang|\$\.Lang|\$\.D\.Lang|\$l|\$code) "([^"]+)"`)

// usedPluralInTemplate finds the literal keys of {{tn LANG "key" N ...}}: the
// catalogs hold KEY.one and KEY.other.
var usedPluralInTemplate = regexp.MustCompile(`\btn (?:\.Lang|\$\.Lang|\$l) "([^"]+)"`)

// Every key that a template or the Go code of the module names literally is
// in the catalogs: the pages' templates (web, signin, ui), and in Go the
// calls translate(lang, "key"), ui.T(lang, "key"), AddErr(field, "key") and
// the TitleKey, BodyKey and NoteKey given to the shared pages.
func TestEveryUsedKeyExists(t *testing.T) {
	root := ".."
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal("module root not found:", err)
	}
	seen := 0
	check := func(where, key string) {
		seen++
		if !Has(key) {
			t.Errorf("%s uses unknown key %q", where, key)
		}
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "mail" || strings.HasPrefix(d.Name(), ".")) && path != root:
			return filepath.SkipDir // mail's templates hold their own words
		case strings.HasSuffix(path, ".html") && strings.Contains(path, "templates"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range usedInTemplate.FindAllSubmatch(b, -1) {
				check(path, string(m[1]))
			}
			for _, m := range usedPluralInTemplate.FindAllSubmatch(b, -1) {
				check(path, string(m[1])+".one")
				check(path, string(m[1])+".other")
			}
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			return goKeys(path, check)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 300 {
		t.Fatalf("only %d key uses found: is the scan still looking in the right places?", seen)
	}
}

// goKeys reports the literal catalog keys of one Go file to check.
func goKeys(path string, check func(where, key string)) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return err
	}
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	keyField := func(e ast.Expr) bool {
		var name string
		switch x := e.(type) {
		case *ast.Ident:
			name = x.Name
		case *ast.SelectorExpr:
			name = x.Sel.Name
		}
		return name == "TitleKey" || name == "BodyKey" || name == "NoteKey"
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			var name string
			switch fn := x.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if (name == "translate" || name == "T" || name == "AddErr") && len(x.Args) > 1 {
				if k, ok := lit(x.Args[1]); ok {
					check(fset.Position(x.Pos()).String(), k)
				}
			}
			if (name == "TN" || name == "translateN") && len(x.Args) > 1 {
				if k, ok := lit(x.Args[1]); ok {
					check(fset.Position(x.Pos()).String(), k+".one")
					check(fset.Position(x.Pos()).String(), k+".other")
				}
			}
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if k, ok := lit(x.Rhs[min(i, len(x.Rhs)-1)]); ok && keyField(l) && len(x.Rhs) == len(x.Lhs) {
					check(fset.Position(x.Pos()).String(), k)
				}
			}
		case *ast.KeyValueExpr:
			if k, ok := lit(x.Value); ok && keyField(x.Key) {
				check(fset.Position(x.Pos()).String(), k)
			}
		}
		return true
	})
	return nil
}

// A reference count of revive's `exported` items using the Go standard parser (go/ast):
// exported funcs, methods on exported receivers, exported types, and the first name of each
// exported var/const spec; documented when the spec or its group has a doc comment.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func recvType(fn *ast.FuncDecl) string {
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch e := t.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			return id.Name
		}
	case *ast.IndexListExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return "invalid-type"
}

var genRe = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

func isGenerated(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if genRe.MatchString(c.Text) {
				return true
			}
		}
	}
	return false
}

func main() {
	root := os.Args[1]
	items, doc := 0, 0
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		if strings.Contains(p, "/testdata/") || strings.Contains(p, "/vendor/") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil || isGenerated(f) {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		miss := func(pos token.Pos) { fmt.Printf("MISSING %s:%d\n", rel, fset.Position(pos).Line) }
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !ast.IsExported(d.Name.Name) {
					continue
				}
				if d.Recv != nil && len(d.Recv.List) > 0 && !ast.IsExported(recvType(d)) {
					continue
				}
				items++
				if d.Doc != nil {
					doc++
				} else {
					miss(d.Pos())
				}
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !ast.IsExported(s.Name.Name) {
							continue
						}
						items++
						if s.Doc != nil || d.Doc != nil {
							doc++
						} else {
							miss(s.Pos())
						}
					case *ast.ValueSpec:
						if !ast.IsExported(s.Names[0].Name) {
							continue
						}
						items++
						if s.Doc != nil || d.Doc != nil {
							doc++
						} else {
							miss(s.Pos())
						}
					}
				}
			}
		}
		return nil
	})
	fmt.Println("items", items, "documented", doc)
}

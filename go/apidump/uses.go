package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"

	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// A use of an exported object of a dependency (a package outside the module and the standard
// library) in the module's code: what an upgrade of that dependency can break.
type use struct {
	Pkg    string `json:"pkg"`
	Symbol string `json:"symbol"` // apidiff's object path without pointer receivers: F, T, T.M, T.F
	File   string `json:"file"`   // relative to the dumped directory, with slashes
	Line   int    `json:"line"`
}

type usesOutput struct {
	SchemaVersion int      `json:"schemaVersion"`
	Module        string   `json:"module"`
	Uses          []use    `json:"uses"`
	Warnings      []string `json:"warnings"`
	// Type errors in the module's code (the uses beside them may be incomplete).
	Errors []string `json:"errors"`
}

// dumpUses type-checks every package under dir, function bodies included (main, internal and
// all), and lists each use of a dependency's exported object.
func dumpUses(l *loader, dir string) (*usesOutput, error) {
	out := &usesOutput{SchemaVersion: schemaVersion, Module: l.modPath, Uses: []use{}, Errors: []string{}}
	var dirs []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return nil
		}
		base := info.Name()
		if p != dir {
			if base == "testdata" || base == "vendor" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		dirs = append(dirs, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		r := rel(l.root, d)
		ip := l.modPath
		if r != "." {
			ip = path.Join(l.modPath, r)
		}
		_, files, err := l.parseDir(d)
		if errors.Is(err, errNoGoFiles) {
			continue
		}
		var excluded *errExcluded
		if errors.As(err, &excluded) {
			continue
		}
		if err != nil {
			out.Errors = append(out.Errors, err.Error())
			continue
		}
		l.prepareStandIns(files)
		info := &types.Info{
			Uses:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
		conf := types.Config{
			Importer:    l,
			FakeImportC: true,
			Error: func(err error) {
				if te, ok := err.(types.Error); ok && !te.Soft && len(out.Errors) < 20 {
					pos := te.Fset.Position(te.Pos)
					out.Errors = append(out.Errors, fmt.Sprintf("%s:%d:%d: %s", l.relPath(pos.Filename), pos.Line, pos.Column, te.Msg))
				}
			},
		}
		pkg, _ := conf.Check(ip, l.fset, files, info)
		fieldOwner := map[*ast.Ident]string{}
		for sel, s := range info.Selections {
			if s.Kind() == types.FieldVal {
				fieldOwner[sel.Sel] = namedOf(s.Recv())
			}
		}
		for id, obj := range info.Uses {
			p := obj.Pkg()
			if p == nil || p == pkg || !obj.Exported() || isStd(p.Path()) || l.isLocal(p.Path()) {
				continue
			}
			symbol := symbolOf(obj, fieldOwner[id])
			if symbol == "" {
				continue
			}
			pos := l.fset.Position(id.Pos())
			u := use{Pkg: p.Path(), Symbol: symbol, File: filepath.ToSlash(rel(l.dumpDir, pos.Filename)), Line: pos.Line}
			key := fmt.Sprintf("%s\x00%s\x00%s\x00%d", u.Pkg, u.Symbol, u.File, u.Line)
			if !seen[key] {
				seen[key] = true
				out.Uses = append(out.Uses, u)
			}
		}
	}
	sort.Slice(out.Uses, func(i, j int) bool {
		a, b := out.Uses[i], out.Uses[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		return a.Symbol < b.Symbol
	})
	out.Warnings = l.warnings
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	return out, nil
}

// symbolOf names obj as apidiff does: package-level objects by name, methods and fields by their
// type's name and theirs. Local objects (parameters of a dependency's func type) are skipped.
func symbolOf(obj types.Object, fieldOwner string) string {
	switch o := obj.(type) {
	case *types.Func:
		sig, _ := o.Type().(*types.Signature)
		if sig != nil && sig.Recv() != nil {
			owner := namedOf(sig.Recv().Type())
			if owner == "" {
				return ""
			}
			return owner + "." + o.Name()
		}
	case *types.Var:
		if o.IsField() {
			if fieldOwner == "" {
				return ""
			}
			return fieldOwner + "." + o.Name()
		}
	}
	if obj.Parent() != nil && obj.Parent() == obj.Pkg().Scope() {
		return obj.Name()
	}
	return ""
}

// namedOf is the name of the defined type behind t (through one pointer), or "".
func namedOf(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch n := t.(type) {
	case *types.Named:
		return n.Obj().Name()
	case interface{ Obj() *types.TypeName }:
		return n.Obj().Name()
	}
	return ""
}

func printUses(l *loader, dir string) {
	out, err := dumpUses(l, dir)
	if err != nil {
		fail(err.Error())
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err.Error())
	}
}

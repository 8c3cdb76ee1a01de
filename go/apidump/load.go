package main

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// loader type-checks the packages of one module from source. Standard-library imports come from
// the toolchain's export data (or its source), module-internal and vendored imports are checked
// from source, and anything else becomes a stand-in package holding the names the code uses.
type loader struct {
	fset     *token.FileSet
	root     string // module root (directory of go.mod), or the dumped directory
	dumpDir  string // the directory the user asked for; file names are relative to it
	modPath  string
	pkgs     map[string]*loadedPkg
	gc       types.Importer
	src      types.Importer
	fakes    map[string]*types.Package
	reqs     []requirement
	warnings []string
	needGo   string // the go directive of go.mod, when newer than this toolchain
	hasGoMod bool   // modPath comes from a go.mod (not a guess from -path or the folder name)
	// file:line -> the unresolved import used there (errors there come from its stand-in).
	standInLines map[string]string
	// Packages that could not be read; said, never dropped silently.
	unreadable []unreadable
}

type loadedPkg struct {
	pkg      *types.Package
	dir      string
	files    []*ast.File
	checking bool
	err      error
	foreign  bool
}

func newLoader(dir, importPath string) *loader {
	l := &loader{
		fset:    token.NewFileSet(),
		dumpDir: dir,
		pkgs:    map[string]*loadedPkg{},
		fakes:   map[string]*types.Package{},

		standInLines: map[string]string{},
	}
	l.src = importer.ForCompiler(l.fset, "source", nil)
	if root, mod, ok := findModule(dir); ok {
		l.root, l.modPath, l.hasGoMod = root, mod, true
		l.reqs = readRequirements(root)
		if v := goDirective(root); v != "" && newerThanToolchain(v, runtime.Version()) {
			l.needGo = v
		}
	} else {
		l.root = dir
		l.modPath = importPath
		if l.modPath == "" {
			l.modPath = filepath.Base(dir)
		}
	}
	l.gc = l.stdImporter(l.root)
	return l
}

// findModule walks up from dir to the nearest go.mod and reads its module path itself, so a
// go.mod written for a newer Go (go/toolchain lines this toolchain does not know) is no obstacle.
func findModule(dir string) (root, modPath string, ok bool) {
	for d := dir; ; {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			if mp := modulePath(string(data)); mp != "" {
				return d, mp, true
			}
			return "", "", false
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", false
		}
		d = parent
	}
}

func modulePath(gomod string) string {
	s := bufio.NewScanner(strings.NewReader(gomod))
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if !strings.HasPrefix(line, "module") {
			continue
		}
		rest := strings.TrimSpace(strings.TrimPrefix(line, "module"))
		if rest == line || rest == "" {
			continue
		}
		if unq, err := strconv.Unquote(rest); err == nil {
			return unq
		}
		return strings.Fields(rest)[0]
	}
	return ""
}

func isStd(p string) bool {
	first := p
	if i := strings.Index(p, "/"); i >= 0 {
		first = p[:i]
	}
	return !strings.Contains(first, ".")
}

func (l *loader) isLocal(p string) bool {
	return p == l.modPath || strings.HasPrefix(p, l.modPath+"/")
}

func (l *loader) localDir(p string) string {
	if p == l.modPath {
		return l.root
	}
	return filepath.Join(l.root, filepath.FromSlash(strings.TrimPrefix(p, l.modPath+"/")))
}

func (l *loader) vendorDir(p string) string {
	d := filepath.Join(l.root, "vendor", filepath.FromSlash(p))
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// foreignDir is the source of a dependency: vendored, or in the module cache or a local
// replacement named by go.mod. Empty when it cannot be found (then a stand-in is used).
func (l *loader) foreignDir(p string) string {
	if d := l.vendorDir(p); d != "" {
		return d
	}
	return l.requiredDir(p)
}

// Import satisfies types.Importer.
func (l *loader) Import(p string) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if lp, ok := l.pkgs[p]; ok {
		if lp.checking {
			return nil, fmt.Errorf("import cycle through %s", p)
		}
		if lp.pkg != nil {
			return lp.pkg, nil
		}
	}
	if fake, ok := l.fakes[p]; ok {
		return fake, nil
	}
	if l.isLocal(p) && hasGoFiles(l.localDir(p)) {
		lp, err := l.check(p, l.localDir(p), false)
		if err != nil {
			return nil, err
		}
		return lp.pkg, nil
	}
	if isStd(p) {
		if pkg, err := l.gc.Import(p); err == nil {
			return pkg, nil
		}
		if pkg, err := l.src.Import(p); err == nil {
			return pkg, nil
		}
	} else if d := l.foreignDir(p); d != "" {
		if lp, err := l.check(p, d, true); err == nil && lp.pkg != nil {
			return lp.pkg, nil
		}
	}
	return l.fake(p), nil
}

var errNoGoFiles = errors.New("no Go files")

func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			return true
		}
	}
	return false
}

// buildContext selects files as a cgo build would: files that import "C" are API too (they are
// type-checked with FakeImportC), whatever CGO_ENABLED says.
var buildContext = func() build.Context {
	ctx := build.Default
	ctx.CgoEnabled = true
	return ctx
}()

// unreadable is a package directory with Go files none of which could be read.
type unreadable struct {
	Path   string `json:"path"`
	Dir    string `json:"dir"`
	Reason string `json:"reason"`
}

// errExcluded: the directory has Go files, but build constraints exclude all of them here.
type errExcluded struct{ files []string }

func (e *errExcluded) Error() string {
	return fmt.Sprintf("its Go files (%s) are excluded by build constraints on %s/%s", strings.Join(e.files, ", "), buildContext.GOOS, buildContext.GOARCH)
}

// parseDir parses the non-test Go files of dir that build for this platform.
func (l *loader) parseDir(dir string) (string, []*ast.File, error) {
	bp, err := buildContext.ImportDir(dir, build.IgnoreVendor)
	if err != nil {
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			if excluded := excludedFiles(dir, bp); len(excluded) > 0 {
				return "", nil, &errExcluded{excluded}
			}
			return "", nil, errNoGoFiles
		}
		var multi *build.MultiplePackageError
		if errors.As(err, &multi) {
			return "", nil, fmt.Errorf("%s: files of several packages in one directory (%s)", l.relPath(dir), strings.Join(multi.Packages, ", "))
		}
		if bp == nil || len(bp.GoFiles) == 0 {
			return "", nil, fmt.Errorf("%s: %v", l.relPath(dir), err)
		}
	}
	names := append(append([]string{}, bp.GoFiles...), bp.CgoFiles...)
	sort.Strings(names)
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(l.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return "", nil, l.positioned(err)
		}
		files = append(files, f)
	}
	return bp.Name, files, nil
}

func (l *loader) positioned(err error) error {
	var list interface{ Len() int }
	if errors.As(err, &list) {
		return fmt.Errorf("%s", l.relPath(err.Error()))
	}
	return err
}

// relPath shortens absolute file names under the dumped directory in messages.
func (l *loader) relPath(s string) string {
	return strings.ReplaceAll(s, l.dumpDir+string(filepath.Separator), "")
}

// check type-checks the package at dir. Errors in the module's own declarations are fatal (they
// are reported with file:line); errors caused by stand-in imports are tolerated.
func (l *loader) check(p, dir string, foreign bool) (*loadedPkg, error) {
	lp := &loadedPkg{dir: dir, foreign: foreign, checking: true}
	l.pkgs[p] = lp
	defer func() { lp.checking = false }()
	name, files, err := l.parseDir(dir)
	if err != nil {
		lp.err = err
		delete(l.pkgs, p)
		return nil, err
	}
	lp.files = files
	tolerated := l.prepareStandIns(files)
	for k, v := range tolerated {
		l.standInLines[k] = v
	}
	var hard []string
	conf := types.Config{
		Importer:         l,
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				hard = append(hard, err.Error())
				return
			}
			pos := te.Fset.Position(te.Pos)
			if te.Soft || foreign || tolerated[lineKey(pos)] != "" {
				return
			}
			hard = append(hard, fmt.Sprintf("%s:%d:%d: %s", l.relPath(pos.Filename), pos.Line, pos.Column, te.Msg))
		},
	}
	pkg, _ := conf.Check(p, l.fset, files, nil)
	if pkg != nil && pkg.Name() == "" && name != "" {
		pkg.SetName(name)
	}
	lp.pkg = pkg
	if len(hard) > 0 {
		// The first real cause first: failed imports are usually consequences.
		sort.SliceStable(hard, func(i, j int) bool {
			return !strings.Contains(hard[i], "could not import") && strings.Contains(hard[j], "could not import")
		})
		if len(hard) > 10 {
			hard = append(hard[:10], fmt.Sprintf("(and %d more)", len(hard)-10))
		}
		lp.err = fmt.Errorf("package %s does not type-check:\n%s", p, strings.Join(hard, "\n"))
		return lp, lp.err
	}
	return lp, nil
}

func lineKey(pos token.Position) string { return pos.Filename + ":" + strconv.Itoa(pos.Line) }

// prepareStandIns finds the imports of files that cannot be resolved, declares the names the
// files select from them in stand-in packages, and returns the lines where such names are used
// (type errors there come from the stand-ins, not from the code).
func (l *loader) prepareStandIns(files []*ast.File) map[string]string {
	tolerated := map[string]string{}
	for _, f := range files {
		local := map[string]string{} // name used in this file -> import path
		var unnamed []string
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err != nil || !l.unresolvable(p) {
				continue
			}
			if spec.Name != nil {
				if spec.Name.Name != "_" && spec.Name.Name != "." {
					local[spec.Name.Name] = p
				}
				continue
			}
			local[guessName(p)] = p
			unnamed = append(unnamed, p)
		}
		if len(local) == 0 {
			continue
		}
		selected := map[string]map[string]bool{}
		bases := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if selected[id.Name] == nil {
					selected[id.Name] = map[string]bool{}
				}
				selected[id.Name][sel.Sel.Name] = true
				bases[id.Name] = true
				if p, isStandIn := local[id.Name]; isStandIn {
					tolerated[lineKey(l.fset.Position(sel.Pos()))] = p
				}
			}
			return true
		})
		// A package whose name differs from its path's last element: if exactly one stand-in
		// name is unused and exactly one selector base is unexplained, they are the same.
		if len(unnamed) > 0 {
			var unusedGuess, unknownBase []string
			for name, p := range local {
				if !bases[name] {
					for _, u := range unnamed {
						if u == p {
							unusedGuess = append(unusedGuess, name)
						}
					}
				}
			}
			declared := declaredNames(f)
			for b := range bases {
				if _, ok := local[b]; !ok && !declared[b] && !l.importedName(f, b) {
					unknownBase = append(unknownBase, b)
				}
			}
			if len(unusedGuess) == 1 && len(unknownBase) == 1 {
				p := local[unusedGuess[0]]
				delete(local, unusedGuess[0])
				local[unknownBase[0]] = p
				ast.Inspect(f, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && id.Name == unknownBase[0] {
							tolerated[lineKey(l.fset.Position(sel.Pos()))] = p
						}
					}
					return true
				})
			}
		}
		l.tolerateValueSpecs(f, local, tolerated)
		for name, p := range local {
			fake := l.fake(p)
			if fake.Name() == "" || !isExplicitlyNamed(f, p) {
				fake.SetName(name)
			}
			for sel := range selected[name] {
				if fake.Scope().Lookup(sel) == nil {
					obj := types.NewTypeName(token.NoPos, fake, sel, nil)
					types.NewNamed(obj, types.NewInterfaceType(nil, nil), nil)
					fake.Scope().Insert(obj)
				}
			}
		}
	}
	return tolerated
}

func isExplicitlyNamed(f *ast.File, p string) bool {
	for _, spec := range f.Imports {
		if spec.Name != nil && strings.Trim(spec.Path.Value, "\"`") == p {
			return true
		}
	}
	return false
}

// importedName reports whether name is the file-local name of a resolvable import.
func (l *loader) importedName(f *ast.File, name string) bool {
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if spec.Name != nil && spec.Name.Name == name {
			return true
		}
		if spec.Name == nil && !l.unresolvable(p) && guessName(p) == name {
			return true
		}
	}
	return false
}

func declaredNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		}
	}
	return names
}

// unresolvable reports whether p will be a stand-in package.
func (l *loader) unresolvable(p string) bool {
	if _, ok := l.fakes[p]; ok {
		return true
	}
	if p == "C" || p == "unsafe" || isStd(p) {
		return false
	}
	if l.isLocal(p) && hasGoFiles(l.localDir(p)) {
		return false
	}
	return l.foreignDir(p) == ""
}

// guessName is the package name Go code conventionally uses for import path p.
func guessName(p string) string {
	elems := strings.Split(p, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && isDigits(name[1:]) {
		name = elems[len(elems)-2]
	}
	name = strings.TrimPrefix(name, "go-")
	name = strings.TrimSuffix(name, "-go")
	name = strings.TrimSuffix(name, ".go")
	if i := strings.IndexAny(name, ".-"); i >= 0 {
		name = name[:i]
	}
	return name
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (l *loader) fake(p string) *types.Package {
	if fake, ok := l.fakes[p]; ok {
		return fake
	}
	fake := types.NewPackage(p, guessName(p))
	fake.MarkComplete()
	l.fakes[p] = fake
	l.warnings = append(l.warnings, fmt.Sprintf("import %q could not be resolved; its types are kept by name only", p))
	return fake
}

// dumpTree dumps every importable, non-internal package under dir.
func (l *loader) dumpTree(dir string) ([]*pkgOut, error) {
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
				return filepath.SkipDir // a nested module is its own contract
			}
		}
		dirs = append(dirs, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []*pkgOut
	for _, d := range dirs {
		r := rel(l.root, d)
		ip := l.modPath
		if r != "." {
			ip = path.Join(l.modPath, r)
		}
		if isInternal(ip) {
			continue
		}
		lp, ok := l.pkgs[ip]
		if !ok {
			var err error
			lp, err = l.check(ip, d, false)
			if errors.Is(err, errNoGoFiles) {
				continue
			}
			var excluded *errExcluded
			if errors.As(err, &excluded) {
				l.unreadable = append(l.unreadable, unreadable{Path: ip, Dir: rel(l.dumpDir, d), Reason: excluded.Error()})
				continue
			}
			if err != nil {
				return nil, l.explain(err)
			}
		} else if lp.err != nil {
			return nil, l.explain(lp.err)
		}
		if lp.pkg == nil || lp.pkg.Name() == "main" {
			continue
		}
		out = append(out, l.encodePackage(lp, rel(l.dumpDir, d)))
	}
	return out, nil
}

func isInternal(p string) bool {
	for _, e := range strings.Split(p, "/") {
		if e == "internal" {
			return true
		}
	}
	return false
}

// explain replaces errors of code written for a newer Go than this toolchain by what to do: the
// errors themselves (new syntax, new library API) are only symptoms of the old toolchain.
func (l *loader) explain(err error) error {
	if l.needGo == "" {
		return err
	}
	return fmt.Errorf("this module needs go >= %s; found %s (set up Go %s, e.g. actions/setup-go with go-version-file: go.mod)", l.needGo, runtime.Version(), l.needGo)
}

// excludedFiles lists the non-test Go files of dir that build constraints exclude on this
// platform, leaving out generator programs (`//go:build ignore`), which are never API.
func excludedFiles(dir string, bp *build.Package) []string {
	if bp == nil {
		return nil
	}
	var out []string
	for _, name := range bp.IgnoredGoFiles {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || ignoredProgram(data) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// ignoredProgram reports whether a file's build constraint is "ignore" (a go:generate helper).
func ignoredProgram(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			return false
		}
		if strings.HasPrefix(line, "//go:build") || strings.HasPrefix(line, "// +build") {
			for _, f := range strings.FieldsFunc(line, func(r rune) bool { return !(r == '_' || r == '!' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
				if f == "ignore" || f == "tools" {
					return true
				}
			}
		}
	}
	return false
}

// tolerateValueSpecs extends the tolerated lines to whole var/const declarations that use a
// stand-in: composite literals of its types elide element types on lines that name no import
// ([]grpc.MethodDesc{{MethodName: ...}} in generated gRPC code).
func (l *loader) tolerateValueSpecs(f *ast.File, local map[string]string, tolerated map[string]string) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || (gd.Tok != token.VAR && gd.Tok != token.CONST) {
			continue
		}
		for _, spec := range gd.Specs {
			standIn := ""
			ast.Inspect(spec, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && local[id.Name] != "" && standIn == "" {
						standIn = local[id.Name]
					}
				}
				return standIn == ""
			})
			if standIn == "" {
				continue
			}
			from, to := l.fset.Position(spec.Pos()), l.fset.Position(spec.End())
			for line := from.Line; line <= to.Line; line++ {
				key := from.Filename + ":" + strconv.Itoa(line)
				if tolerated[key] == "" {
					tolerated[key] = standIn
				}
			}
		}
	}
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// stdImporter returns the one importer used for the standard library (one, so its types are
// identical wherever they are used; on the loader's file set, so positions are meaningful).
// Go 1.19 and older ship compiled packages in GOROOT/pkg, which the gc importer reads. Newer
// Go ships none and the gc importer would run `go list -export` once per package; instead the
// export data of every standard package the module imports (with dependencies) is listed by one
// go command.
func (l *loader) stdImporter(root string) types.Importer {
	mode := os.Getenv("APIDUMP_STD_EXPORT") // "golist" or "default", for tests; empty = choose
	if mode == "default" || (mode == "" && hasCompiledStd()) {
		return importer.ForCompiler(l.fset, "gc", nil)
	}
	goCmd := goCommand()
	if goCmd == "" {
		return importer.ForCompiler(l.fset, "gc", nil)
	}
	exports := listExports(goCmd, stdImportsUnder(root))
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			for k, v := range listExports(goCmd, []string{path}) {
				exports[k] = v
			}
			file = exports[path]
		}
		if file == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	return importer.ForCompiler(l.fset, "gc", lookup)
}

func hasCompiledStd() bool {
	ctx := build.Default
	_, err := os.Stat(filepath.Join(ctx.GOROOT, "pkg", ctx.GOOS+"_"+ctx.GOARCH, "fmt.a"))
	return err == nil
}

func goCommand() string {
	exe := "go"
	if runtime.GOOS == "windows" {
		exe = "go.exe"
	}
	if build.Default.GOROOT != "" {
		p := filepath.Join(build.Default.GOROOT, "bin", exe)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return ""
}

// listExports maps import paths to export data files for paths and their dependencies.
func listExports(goCmd string, paths []string) map[string]string {
	out := map[string]string{}
	if len(paths) == 0 {
		return out
	}
	args := append([]string{"list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, paths...)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = filepath.Join(build.Default.GOROOT, "src")
	cmd.Env = append(os.Environ(), "GOROOT="+build.Default.GOROOT, "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil && stdout.Len() == 0 {
		return out
	}
	s := bufio.NewScanner(&stdout)
	for s.Scan() {
		if parts := strings.SplitN(s.Text(), "\t", 2); len(parts) == 2 && parts[1] != "" {
			out[parts[0]] = parts[1]
		}
	}
	return out
}

// stdImportsUnder lists the standard-library imports of the Go files under root (build tags
// are not applied: a superset is fine).
func stdImportsUnder(root string) []string {
	seen := map[string]bool{}
	fset := token.NewFileSet()
	_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		if info.IsDir() {
			base := info.Name()
			if p != root && (base == "testdata" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return nil
		}
		for _, spec := range f.Imports {
			if ip, err := strconv.Unquote(spec.Path.Value); err == nil && isStd(ip) && ip != "C" && ip != "unsafe" {
				seen[ip] = true
			}
		}
		return nil
	})
	var paths []string
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

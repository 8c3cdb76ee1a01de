package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
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
	cache := openExportCache()
	exports := cache.entries
	var missing []string
	for _, p := range stdImportsUnder(root) {
		if _, ok := exports[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		cache.add(listExports(goCmd, missing))
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			cache.add(listExports(goCmd, []string{path}))
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

// exportCache remembers where `go list -export` put the standard library's export data, per
// toolchain, in APIDUMP_CACHE (rollback-guard's cache dir): listing costs seconds per run, the
// files themselves stay in GOCACHE. Entries whose file is gone are dropped and listed again.
type exportCache struct {
	file    string
	entries map[string]string
}

func openExportCache() *exportCache {
	c := &exportCache{entries: map[string]string{}}
	dir := os.Getenv("APIDUMP_CACHE")
	if dir == "" {
		return c
	}
	key := runtime.Version() + "\x00" + build.Default.GOROOT + "\x00" + build.Default.GOOS + "/" + build.Default.GOARCH
	sum := sha256.Sum256([]byte(key))
	c.file = filepath.Join(dir, fmt.Sprintf("std-exports-%s-%x.json", runtime.Version(), sum[:6]))
	data, err := os.ReadFile(c.file)
	if err != nil {
		return c
	}
	var stored map[string]string
	if json.Unmarshal(data, &stored) != nil {
		return c
	}
	for p, f := range stored {
		if _, err := os.Stat(f); err == nil {
			c.entries[p] = f
		}
	}
	return c
}

// add merges newly listed entries and saves the cache (atomically: concurrent runs may race,
// and the last complete write wins, which only costs another listing).
func (c *exportCache) add(entries map[string]string) {
	if len(entries) == 0 {
		return
	}
	for p, f := range entries {
		c.entries[p] = f
	}
	if c.file == "" {
		return
	}
	data, err := json.Marshal(c.entries)
	if err != nil || os.MkdirAll(filepath.Dir(c.file), 0o755) != nil {
		return
	}
	tmp := fmt.Sprintf("%s.%d.tmp", c.file, os.Getpid())
	if os.WriteFile(tmp, data, 0o644) == nil {
		_ = os.Rename(tmp, c.file)
	}
}

// Command apidump prints the exported API of a Go module or package as JSON, for rollback-guard's
// Go contract check. It uses the standard library only and type-checks from source, so it needs
// neither the go command nor a go.mod it understands; imports it cannot resolve are replaced by
// stand-in packages that keep the qualified names.
//
// Usage: apidump [-path IMPORTPATH] DIR
package main

// No //go:debug line here: go.mod's "go 1.19" already keeps aliases unmaterialized on newer Go
// (the GODEBUG default follows the main module's go line), and a setting a future Go removes
// would make a //go:debug line a build error. unalias covers Go versions that always
// materialize aliases.

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
)

const schemaVersion = 1

type output struct {
	SchemaVersion int       `json:"schemaVersion"`
	Module        string    `json:"module"`
	ModuleRoot    string    `json:"moduleRoot"`
	GoVersion     string    `json:"goVersion"`
	Packages      []*pkgOut `json:"packages"`
	Warnings      []string  `json:"warnings"`
}

func main() {
	importPath := flag.String("path", "", "import path of DIR when no go.mod is found above it")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: apidump [-path IMPORTPATH] DIR")
		os.Exit(2)
	}
	dir, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fail(err.Error())
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fail(fmt.Sprintf("%s: not a directory", flag.Arg(0)))
	}
	// Walk the real directory: a symlinked checkout would otherwise look empty.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	l := newLoader(dir, *importPath)
	pkgs, err := l.dumpTree(dir)
	if err != nil {
		fail(err.Error())
	}
	out := output{
		SchemaVersion: schemaVersion,
		Module:        l.modPath,
		ModuleRoot:    rel(l.root, dir),
		GoVersion:     runtime.Version(),
		Packages:      pkgs,
		Warnings:      l.warnings,
	}
	if out.Packages == nil {
		out.Packages = []*pkgOut{}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	sort.Slice(out.Packages, func(i, j int) bool { return out.Packages[i].Path < out.Packages[j].Path })
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(2)
}

func rel(root, path string) string {
	r, err := filepath.Rel(root, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

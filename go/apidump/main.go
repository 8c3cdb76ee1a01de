// Command apidump prints the exported API of a Go module or package as JSON, for rollback-guard's
// Go contract check. It uses the standard library only and type-checks from source, so it needs
// neither the go command nor a go.mod it understands; imports it cannot resolve are replaced by
// stand-in packages that keep the qualified names.
//
// Usage: apidump [-path IMPORTPATH] [-uses] DIR
package main

// No //go:debug line here: Go 1.21 rejects settings it does not know, and a setting a future Go
// removes would make it a build error. Aliases are materialized (gotypesalias=1) by setting
// GODEBUG at start instead, which every Go ignores when it does not know the setting: generic
// aliases (Go 1.24) cannot be type-checked otherwise.

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

const schemaVersion = 1

type output struct {
	SchemaVersion int    `json:"schemaVersion"`
	Module        string `json:"module"`
	// Whether Module is read from a go.mod (else it is -path or the folder's name).
	GoMod      bool      `json:"goMod"`
	ModuleRoot string    `json:"moduleRoot"`
	GoVersion  string    `json:"goVersion"`
	Packages   []*pkgOut `json:"packages"`
	Warnings   []string  `json:"warnings"`
	// Package directories that could not be read, and why (the diff says so; never "removed").
	Unreadable []unreadable `json:"unreadable"`
}

func main() {
	materializeAliases()
	importPath := flag.String("path", "", "import path of DIR when no go.mod is found above it")
	uses := flag.Bool("uses", false, "list the module's uses of its dependencies' exported objects instead")
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
	if *uses {
		printUses(l, dir)
		return
	}
	pkgs, err := l.dumpTree(dir)
	if err != nil {
		fail(err.Error())
	}
	out := output{
		SchemaVersion: schemaVersion,
		Module:        l.modPath,
		GoMod:         l.hasGoMod,
		ModuleRoot:    rel(l.root, dir),
		GoVersion:     runtime.Version(),
		Packages:      pkgs,
		Warnings:      l.warnings,
		Unreadable:    l.unreadable,
	}
	if out.Unreadable == nil {
		out.Unreadable = []unreadable{}
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

// materializeAliases turns gotypesalias on unless the user's GODEBUG says otherwise; go/types
// reads the setting on every Check, and os.Setenv updates it.
func materializeAliases() {
	current := os.Getenv("GODEBUG")
	if strings.Contains(current, "gotypesalias=") {
		return
	}
	if current != "" {
		current += ","
	}
	_ = os.Setenv("GODEBUG", current+"gotypesalias=1")
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

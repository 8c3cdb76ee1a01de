package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// A requirement of the main module, where its source can be found without the go command:
// the module cache (filled by `go mod download` or an earlier build) or a local replacement.
type requirement struct {
	path    string
	version string
	dir     string // a replacement directory, absolute
}

// readRequirements reads the require and replace directives of go.mod. Only what is needed to
// find sources: no validation, unknown directives ignored.
func readRequirements(root string) []requirement {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil
	}
	var reqs []requirement
	replaced := map[string]requirement{}
	verb := ""
	s := bufio.NewScanner(strings.NewReader(string(data)))
	for s.Scan() {
		line := s.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		f := fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == ")" {
			verb = ""
			continue
		}
		if len(f) == 2 && f[1] == "(" {
			verb = f[0]
			continue
		}
		v := verb
		if v == "" {
			v, f = f[0], f[1:]
		}
		switch v {
		case "require":
			if len(f) == 2 {
				reqs = append(reqs, requirement{path: f[0], version: f[1]})
			}
		case "replace":
			arrow := -1
			for i, w := range f {
				if w == "=>" {
					arrow = i
				}
			}
			if arrow < 1 || arrow+1 >= len(f) {
				continue
			}
			target := requirement{path: f[arrow+1]}
			if arrow+2 < len(f) {
				target.version = f[arrow+2]
			} else if isDirectoryPath(target.path) {
				target.dir = filepath.Join(root, filepath.FromSlash(target.path))
				if filepath.IsAbs(target.path) {
					target.dir = target.path
				}
			}
			replaced[f[0]] = target
		}
	}
	for i, r := range reqs {
		if t, ok := replaced[r.path]; ok {
			if t.dir != "" {
				reqs[i].dir = t.dir
			} else {
				// Imports keep the required path; the source comes from the replacement.
				reqs[i] = requirement{path: r.path, version: t.version, dir: moduleCacheDir(t.path, t.version)}
			}
		}
	}
	return reqs
}

func fields(line string) []string {
	var out []string
	for _, w := range strings.Fields(line) {
		if unq, err := strconv.Unquote(w); err == nil {
			w = unq
		}
		out = append(out, w)
	}
	return out
}

func isDirectoryPath(p string) bool {
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") ||
		filepath.IsAbs(p) || strings.HasPrefix(p, `.\`) || strings.HasPrefix(p, `..\`)
}

// moduleCacheRoot is GOMODCACHE, or GOPATH/pkg/mod, as the go command would use.
func moduleCacheRoot() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		gopath = filepath.Join(home, "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
}

// moduleCacheDir is where `go mod download` extracts path@version ("!" marks upper case).
func moduleCacheDir(path, version string) string {
	root := moduleCacheRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, filepath.FromSlash(escapeModulePath(path))+"@"+escapeModulePath(version))
}

func escapeModulePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// requiredDir finds the source directory of import path p among the requirements.
func (l *loader) requiredDir(p string) string {
	best := -1
	for i, r := range l.reqs {
		if (p == r.path || strings.HasPrefix(p, r.path+"/")) && (best < 0 || len(r.path) > len(l.reqs[best].path)) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	r := l.reqs[best]
	dir := r.dir
	if dir == "" {
		dir = moduleCacheDir(r.path, r.version)
	}
	if dir == "" {
		return ""
	}
	dir = filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(p, r.path), "/")))
	if hasGoFiles(dir) {
		return dir
	}
	return ""
}

// goDirective is the version on go.mod's go line ("1.22.1"), empty when there is none.
func goDirective(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	s := bufio.NewScanner(strings.NewReader(string(data)))
	for s.Scan() {
		f := fields(s.Text())
		if len(f) >= 2 && f[0] == "go" {
			return f[1]
		}
	}
	return ""
}

// newerThanToolchain compares a go directive ("1.22", "1.22.1", "1.23rc1") with
// runtime.Version() ("go1.22.12"); an unreadable version is never newer.
func newerThanToolchain(directive, goVersion string) bool {
	want, ok1 := goVersionParts(directive)
	have, ok2 := goVersionParts(strings.TrimPrefix(goVersion, "go"))
	if !ok1 || !ok2 {
		return false
	}
	for i := range want {
		if want[i] != have[i] {
			return want[i] > have[i]
		}
	}
	return false
}

// goVersionParts reads major.minor.patch; a pre-release ("1.23rc1") counts as below its .0.
func goVersionParts(v string) ([4]int, bool) {
	var out [4]int
	out[3] = 1
	if i := strings.IndexAny(v, "abcdefghijklmnopqrstuvwxyz"); i >= 0 {
		v, out[3] = v[:i], 0
	}
	parts := strings.Split(v, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

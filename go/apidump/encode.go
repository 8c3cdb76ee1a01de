package main

import (
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type pkgOut struct {
	Path    string               `json:"path"`
	Name    string               `json:"name"`
	Dir     string               `json:"dir"`
	Objects []objOut             `json:"objects"`
	Named   map[string]*namedOut `json:"named"`
	Types   []*node              `json:"types"`
}

type objOut struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"` // const, var, func, type
	Type      int    `json:"type"`
	Alias     bool   `json:"alias,omitempty"`
	Value     string `json:"value,omitempty"`
	Exact     string `json:"exact,omitempty"`
	ValueKind string `json:"valueKind,omitempty"`
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
}

type namedOut struct {
	Pkg        string      `json:"pkg"`
	Name       string      `json:"name"`
	Exported   bool        `json:"exported"`
	Local      bool        `json:"local"`
	TypeParams []int       `json:"typeParams,omitempty"`
	Underlying *int        `json:"underlying"`
	Methods    []methodOut `json:"methods"`
	PtrMethods []methodOut `json:"ptrMethods"`
	Implements []string    `json:"implements,omitempty"`
	File       string      `json:"file,omitempty"`
	Line       int         `json:"line,omitempty"`
}

type methodOut struct {
	Name     string `json:"name"`
	Exported bool   `json:"exported"`
	Pkg      string `json:"pkg,omitempty"`
	Sig      int    `json:"sig"`
	Recv     string `json:"recv,omitempty"` // key of the receiver's named type
	Ptr      bool   `json:"ptr,omitempty"`
	Display  string `json:"display"` // apidiff's object string: T.M, (*T).M
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}

type fieldOut struct {
	Name     string `json:"name"`
	Type     int    `json:"type"`
	Embedded bool   `json:"embedded,omitempty"`
	Exported bool   `json:"exported"`
	Tag      string `json:"tag,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}

type termOut struct {
	Tilde bool `json:"tilde,omitempty"`
	Type  int  `json:"type"`
}

// node is one type; children are indexes into the package's type table. S is the type as
// apidiff prints it: relative to the dumped package, parameter names dropped from a signature.
type node struct {
	K          string      `json:"k"`
	S          string      `json:"s"`
	Name       string      `json:"name,omitempty"`
	Kind       string      `json:"kind,omitempty"`
	Key        string      `json:"key,omitempty"`
	Inst       string      `json:"inst,omitempty"` // named-table key of an instantiated generic type
	Args       []int       `json:"args,omitempty"`
	Elem       *int        `json:"elem,omitempty"`
	MapKey     *int        `json:"mapKey,omitempty"`
	Len        *int64      `json:"len,omitempty"`
	Dir        int         `json:"dir,omitempty"`
	Params     []int       `json:"params,omitempty"`
	Results    []int       `json:"results,omitempty"`
	Variadic   bool        `json:"variadic,omitempty"`
	TypeParams []int       `json:"typeParams,omitempty"`
	Fields     []fieldOut  `json:"fields,omitempty"`
	Methods    []methodOut `json:"methods,omitempty"`
	Embeddeds  []int       `json:"embeddeds,omitempty"`
	Terms      []termOut   `json:"terms,omitempty"`
	Comparable bool        `json:"comparable,omitempty"`
	Index      *int        `json:"index,omitempty"`
	Constraint *int        `json:"constraint,omitempty"`
}

type encoder struct {
	l     *loader
	pkg   *types.Package
	out   *pkgOut
	ids   map[types.Type]int
	queue []*types.Named
}

func (l *loader) encodePackage(lp *loadedPkg, dir string) *pkgOut {
	e := &encoder{l: l, pkg: lp.pkg, ids: map[types.Type]int{}}
	e.out = &pkgOut{Path: lp.pkg.Path(), Name: lp.pkg.Name(), Dir: dir, Named: map[string]*namedOut{}, Objects: []objOut{}}
	scope := lp.pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			if named, ok := unalias(tn.Type()).(*types.Named); ok {
				e.enqueue(named)
			}
		}
		if !obj.Exported() {
			continue
		}
		o := objOut{Name: name, Type: e.typ(obj.Type())}
		o.File, o.Line = e.pos(obj.Pos())
		if b, ok := obj.Type().(*types.Basic); ok && b.Kind() == types.Invalid {
			// A type the checker could not work out because an import is unresolved.
			if p := l.standInLines[lineKey(l.fset.Position(obj.Pos()))]; p != "" {
				o.Type = len(e.out.Types)
				e.out.Types = append(e.out.Types, &node{K: "invalid", S: "unknown type from " + p})
			}
		}
		switch obj := obj.(type) {
		case *types.Const:
			o.Kind = "const"
			o.Value = obj.Val().String()
			o.Exact = obj.Val().ExactString()
			o.ValueKind = obj.Val().Kind().String()
		case *types.Var:
			o.Kind = "var"
		case *types.Func:
			o.Kind = "func"
		case *types.TypeName:
			o.Kind = "type"
			o.Alias = obj.IsAlias()
		default:
			continue
		}
		e.out.Objects = append(e.out.Objects, o)
	}
	for len(e.queue) > 0 {
		named := e.queue[0]
		e.queue = e.queue[1:]
		e.encodeNamed(named)
	}
	e.implementations()
	return e.out
}

func within(file, dir string) bool {
	return filepath.IsAbs(file) && strings.HasPrefix(file, dir+string(filepath.Separator))
}

func (e *encoder) pos(p token.Pos) (string, int) {
	if !p.IsValid() {
		return "", 0
	}
	pos := e.l.fset.Position(p)
	// Only the module's own files: positions in dependencies mean nothing to a reviewer.
	if !within(pos.Filename, e.l.root) && !within(pos.Filename, e.l.dumpDir) {
		return "", 0
	}
	return rel(e.l.dumpDir, pos.Filename), pos.Line
}

// namedKey identifies a defined type across the dump: package path and name (plus position for
// a type declared inside a function).
func namedKey(tn *types.TypeName) string {
	if tn.Pkg() == nil {
		return tn.Name()
	}
	key := tn.Pkg().Path() + "." + tn.Name()
	if tn.Parent() != nil && tn.Parent() != tn.Pkg().Scope() {
		key += "#" + strconv.Itoa(int(tn.Pos()))
	}
	return key
}

// instanceKey identifies an instantiated generic type: its origin's key and its type arguments.
func instanceKey(t *types.Named) string {
	key := namedKey(t.Obj())
	if t.TypeArgs().Len() == 0 {
		return key
	}
	key += "["
	for i := 0; i < t.TypeArgs().Len(); i++ {
		if i > 0 {
			key += ", "
		}
		key += types.TypeString(t.TypeArgs().At(i), nil)
	}
	return key + "]"
}

func (e *encoder) enqueue(t *types.Named) {
	key := instanceKey(t)
	if _, ok := e.out.Named[key]; ok {
		return
	}
	e.out.Named[key] = nil
	e.queue = append(e.queue, t)
}

func (e *encoder) local(tn *types.TypeName) bool { return tn.Pkg() == e.pkg }

func (e *encoder) encodeNamed(named *types.Named) {
	tn := named.Obj()
	n := &namedOut{Name: tn.Name(), Exported: tn.Exported(), Local: e.local(tn), Methods: []methodOut{}, PtrMethods: []methodOut{}}
	if tn.Pkg() != nil {
		n.Pkg = tn.Pkg().Path()
	}
	n.File, n.Line = e.pos(tn.Pos())
	e.out.Named[instanceKey(named)] = n
	for i := 0; i < named.TypeParams().Len(); i++ {
		n.TypeParams = append(n.TypeParams, e.typ(named.TypeParams().At(i)))
	}
	// Foreign types are compared by name; their underlying type is kept for the fields of
	// embedded structs and for apidiff's messages, their methods are not.
	under := named.Underlying()
	id := e.typ(under)
	n.Underlying = &id
	if n.Local {
		n.Methods = e.methodSet(named)
		if _, isIface := under.(*types.Interface); !isIface {
			n.PtrMethods = e.methodSet(types.NewPointer(named))
		}
	}
}

func (e *encoder) methodSet(t types.Type) []methodOut {
	out := []methodOut{}
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		f, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !f.Exported() {
			continue
		}
		out = append(out, e.method(f))
	}
	return out
}

func (e *encoder) method(f *types.Func) methodOut {
	m := methodOut{Name: f.Name(), Exported: f.Exported(), Sig: e.typ(f.Type()), Display: objectString(f)}
	if f.Pkg() != nil {
		m.Pkg = f.Pkg().Path()
	}
	if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
		rt := unalias(sig.Recv().Type())
		if p, ok := rt.(*types.Pointer); ok {
			m.Ptr = true
			rt = unalias(p.Elem())
		}
		if n, ok := rt.(*types.Named); ok {
			m.Recv = namedKey(n.Obj())
		}
	}
	m.File, m.Line = e.pos(f.Pos())
	return m
}

// objectString names a method as apidiff does: its receiver relative to the method's package.
func objectString(f *types.Func) string {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return f.Name()
	}
	tn := types.TypeString(sig.Recv().Type(), types.RelativeTo(f.Pkg()))
	if len(tn) > 0 && tn[0] == '*' {
		tn = "(" + tn + ")"
	}
	return tn + "." + f.Name()
}

// typeString prints t as apidiff does in "changed from X to Y".
func (e *encoder) typeString(t types.Type) (s string) {
	defer func() {
		if recover() != nil {
			s = types.TypeString(t, types.RelativeTo(e.pkg))
		}
	}()
	if sig, ok := t.(*types.Signature); ok {
		t = types.NewSignature(sig.Recv(), dename(sig.Params()), dename(sig.Results()), sig.Variadic())
	}
	return types.TypeString(t, types.RelativeTo(e.pkg))
}

func dename(p *types.Tuple) *types.Tuple {
	var vars []*types.Var
	for i := 0; i < p.Len(); i++ {
		v := p.At(i)
		vars = append(vars, types.NewVar(v.Pos(), v.Pkg(), "", v.Type()))
	}
	return types.NewTuple(vars...)
}

func (e *encoder) typ(t types.Type) int {
	t = unalias(t)
	if id, ok := e.ids[t]; ok {
		return id
	}
	n := &node{S: e.typeString(t)}
	id := len(e.out.Types)
	e.out.Types = append(e.out.Types, n)
	e.ids[t] = id
	ref := func(t types.Type) *int { i := e.typ(t); return &i }
	switch t := t.(type) {
	case *types.Basic:
		n.K = "basic"
		n.Name = t.Name()
		n.Kind = basicKinds[t.Kind()]
	case *types.Named:
		n.K = "named"
		n.Key = namedKey(t.Obj())
		n.Name = t.Obj().Name()
		e.enqueue(t)
		if t.TypeArgs().Len() > 0 {
			n.Inst = instanceKey(t)
			e.enqueue(t.Origin())
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			n.Args = append(n.Args, e.typ(t.TypeArgs().At(i)))
		}
	case *types.Pointer:
		n.K = "pointer"
		n.Elem = ref(t.Elem())
	case *types.Slice:
		n.K = "slice"
		n.Elem = ref(t.Elem())
	case *types.Array:
		n.K = "array"
		l := t.Len()
		n.Len = &l
		n.Elem = ref(t.Elem())
	case *types.Map:
		n.K = "map"
		n.MapKey = ref(t.Key())
		n.Elem = ref(t.Elem())
	case *types.Chan:
		n.K = "chan"
		n.Dir = int(t.Dir())
		n.Elem = ref(t.Elem())
	case *types.Signature:
		n.K = "signature"
		for i := 0; i < t.TypeParams().Len(); i++ {
			n.TypeParams = append(n.TypeParams, e.typ(t.TypeParams().At(i)))
		}
		for i := 0; i < t.Params().Len(); i++ {
			n.Params = append(n.Params, e.typ(t.Params().At(i).Type()))
		}
		for i := 0; i < t.Results().Len(); i++ {
			n.Results = append(n.Results, e.typ(t.Results().At(i).Type()))
		}
		n.Variadic = t.Variadic()
	case *types.Struct:
		n.K = "struct"
		n.Fields = []fieldOut{}
		for i := 0; i < t.NumFields(); i++ {
			f := t.Field(i)
			fo := fieldOut{Name: f.Name(), Type: e.typ(f.Type()), Embedded: f.Anonymous(), Exported: f.Exported(), Tag: t.Tag(i)}
			fo.File, fo.Line = e.pos(f.Pos())
			n.Fields = append(n.Fields, fo)
		}
		n.Comparable = comparable(t)
	case *types.Interface:
		n.K = "interface"
		n.Methods = []methodOut{}
		for i := 0; i < t.NumMethods(); i++ {
			n.Methods = append(n.Methods, e.method(t.Method(i)))
		}
		for i := 0; i < t.NumEmbeddeds(); i++ {
			n.Embeddeds = append(n.Embeddeds, e.typ(t.EmbeddedType(i)))
		}
		n.Comparable = comparable(t)
	case *types.TypeParam:
		n.K = "typeparam"
		n.Name = t.Obj().Name()
		idx := t.Index()
		n.Index = &idx
		if t.Constraint() != nil {
			n.Constraint = ref(t.Constraint())
		}
	case *types.Union:
		n.K = "union"
		for i := 0; i < t.Len(); i++ {
			n.Terms = append(n.Terms, termOut{Tilde: t.Term(i).Tilde(), Type: e.typ(t.Term(i).Type())})
		}
	case *types.Tuple:
		n.K = "tuple"
		for i := 0; i < t.Len(); i++ {
			n.Params = append(n.Params, e.typ(t.At(i).Type()))
		}
	default:
		n.K = "invalid"
	}
	return id
}

func comparable(t types.Type) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = true
		}
	}()
	return types.Comparable(t)
}

// implementations records, for each type of the package, the package's interfaces its values
// implement: apidiff checks that a type keeps implementing them.
func (e *encoder) implementations() {
	var ifaces, all []string
	for key, n := range e.out.Named {
		if n == nil || !n.Local || strings.Contains(key, "[") {
			continue
		}
		all = append(all, key)
		if _, ok := e.lookup(key).Underlying().(*types.Interface); ok {
			ifaces = append(ifaces, key)
		}
	}
	sort.Strings(all)
	sort.Strings(ifaces)
	for _, tk := range all {
		t := e.lookup(tk)
		if t.TypeParams().Len() > 0 {
			continue
		}
		for _, ik := range ifaces {
			if ik == tk {
				continue
			}
			it := e.lookup(ik)
			if it.TypeParams().Len() > 0 {
				continue
			}
			if implements(t, it.Underlying().(*types.Interface)) {
				e.out.Named[tk].Implements = append(e.out.Named[tk].Implements, ik)
			}
		}
	}
}

func implements(t types.Type, iface *types.Interface) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return types.Implements(t, iface)
}

func (e *encoder) lookup(key string) *types.Named {
	n := e.out.Named[key]
	obj := e.pkg.Scope().Lookup(n.Name)
	if tn, ok := obj.(*types.TypeName); ok {
		if named, ok := unalias(tn.Type()).(*types.Named); ok && namedKey(tn) == key {
			return named
		}
	}
	return types.NewNamed(types.NewTypeName(token.NoPos, e.pkg, n.Name, nil), types.NewStruct(nil, nil), nil)
}

var basicKinds = map[types.BasicKind]string{
	types.Invalid: "invalid", types.Bool: "bool", types.Int: "int", types.Int8: "int8", types.Int16: "int16",
	types.Int32: "int32", types.Int64: "int64", types.Uint: "uint", types.Uint8: "uint8", types.Uint16: "uint16",
	types.Uint32: "uint32", types.Uint64: "uint64", types.Uintptr: "uintptr", types.Float32: "float32",
	types.Float64: "float64", types.Complex64: "complex64", types.Complex128: "complex128", types.String: "string",
	types.UnsafePointer: "unsafe.Pointer", types.UntypedBool: "untyped bool", types.UntypedInt: "untyped int",
	types.UntypedRune: "untyped rune", types.UntypedFloat: "untyped float", types.UntypedComplex: "untyped complex",
	types.UntypedString: "untyped string", types.UntypedNil: "untyped nil",
}

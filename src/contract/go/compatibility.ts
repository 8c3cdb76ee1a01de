import type { FieldDump, MethodDump, NamedDump } from './dump.js'
import { type Obj } from './messageset.js'
import {
  Correspondence,
  identicalNodes,
  type Basic,
  type Chan,
  type Iface,
  type Pkg,
  type Struct
} from './correspondence.js'

/** apidiff's compatibility.go: what may change in a defined type that corresponds. */
export abstract class Compatibility extends Correspondence {
  protected underlyingOfNew(id: number): number | null {
    const n = this.node(this.neu, id)
    if (n.k !== 'named') return id
    return this.named(this.neu, n.inst ?? n.key)?.underlying ?? null
  }

  protected checkCompatibleDefined(otnKey: string, old: NamedDump, newT: number): void {
    const newU = this.underlyingOfNew(newT)
    if (old.underlying === null || newU === null) return
    const n = this.node(this.neu, newT)
    const newNamed = n.k === 'named' ? this.named(this.neu, n.inst ?? n.key) : undefined
    const otn = this.typeNameObj(this.old, otnKey, newNamed)
    this.checkCompatible(otnKey, otn, old.underlying, newU)
    const ou = this.node(this.old, old.underlying)
    const nu = this.node(this.neu, newU)
    if (ou.k !== nu.k) return
    if (ou.k === 'interface') return
    const newPtrMethods = newNamed?.ptrMethods ?? []
    // apidiff (golang/exp b88d891f on) reports a promoted method that left both method sets
    // once, from *T.
    const newPtrNames = new Set(newPtrMethods.map((m) => m.name))
    const leftPtrSet = new Set(
      old.ptrMethods.filter((m) => !newPtrNames.has(m.name)).map((m) => m.name)
    )
    this.checkMethodSet(otnKey, old.name, old.methods, newNamed?.methods ?? [], true, leftPtrSet)
    this.checkMethodSet(otnKey, `*${old.name}`, old.ptrMethods, newPtrMethods, true)
  }

  protected checkCompatible(otnKey: string, otn: Obj, oldT: number, newT: number): void {
    const o = this.node(this.old, oldT)
    const n = this.node(this.neu, newT)
    switch (o.k) {
      case 'interface':
        if (n.k === 'interface') return this.checkCompatibleInterface(otnKey, otn, o, n)
        break
      case 'struct':
        if (n.k === 'struct') return this.checkCompatibleStruct(otn, o, n)
        break
      case 'chan':
        if (n.k === 'chan') return this.checkCompatibleChan(otn, o, n)
        break
      case 'basic':
        if (n.k === 'basic') return this.checkCompatibleBasic(otn, o, n, oldT, newT)
        break
      default:
        return this.checkCorrespondence(otn, '', oldT, newT)
    }
    this.typeChanged(otn, '', oldT, newT)
  }

  protected checkCompatibleChan(otn: Obj, o: Chan, n: Chan): void {
    this.checkCorrespondence(otn, ', element type', o.elem, n.elem)
    const od = o.dir ?? 0
    const nd = n.dir ?? 0
    if (od !== nd) {
      if (nd === 0) this.compatible(otn, '', 'chan-direction-removed', 'removed direction')
      else this.incompatible(otn, '', 'chan-direction-changed', 'changed direction')
    }
  }

  protected checkCompatibleBasic(otn: Obj, o: Basic, n: Basic, oldT: number, newT: number): void {
    if (o.kind === n.kind) return
    if (compatibleBasics.has(`${o.kind}>${n.kind}`)) {
      this.compatible(otn, '', 'numeric-type-widened', `changed from ${o.name} to ${n.name}`)
    } else {
      this.typeChanged(otn, '', oldT, newT)
    }
  }

  protected checkCompatibleInterface(otnKey: string, otn: Obj, o: Iface, n: Iface): void {
    const name = this.named(this.old, otnKey)?.name ?? otn.display
    if (o.methods.some((m) => !m.exported)) {
      this.checkMethodSet(otnKey, name, exported(o.methods), exported(n.methods), true)
    } else {
      this.checkMethodSet(otnKey, name, exported(o.methods), exported(n.methods), false)
      const u = n.methods.find((m) => !m.exported)
      if (u) {
        this.incompatible(
          otn,
          u.name,
          'interface-unexported-method-added',
          'added unexported method',
          {
            side: 'new',
            file: u.file,
            line: u.line
          }
        )
      }
    }
  }

  protected checkCompatibleStruct(obj: Obj, o: Struct, n: Struct): void {
    this.checkCompatibleObjectSets(obj, exportedFields(o), exportedFields(n))
    this.checkCompatibleObjectSets(
      obj,
      this.exportedSelectableFields(this.old, o),
      this.exportedSelectableFields(this.neu, n)
    )
    if (o.comparable && !n.comparable) {
      this.incompatible(obj, '', 'struct-no-longer-comparable', 'old is comparable, new is not')
    }
  }

  /** Exported fields including those of embedded structs, breadth-first (shallower shadows deeper). */
  protected exportedSelectableFields(pkg: Pkg, s: Struct): Map<string, FieldDump> {
    const m = new Map<string, FieldDump>()
    const seen: Struct[] = []
    let cur: Struct[] = [s]
    while (cur.length > 0) {
      const next: Struct[] = []
      seen.push(...cur)
      for (const [name, f] of unambiguousFields(cur)) {
        if (f.exported && !m.has(name)) m.set(name, f)
        if (!f.embedded) continue
        let t = this.underlying(pkg, f.type)
        if (t !== null) {
          const tn = this.node(pkg, t)
          if (tn.k === 'pointer') t = this.underlying(pkg, tn.elem)
        }
        if (t === null) continue
        const st = this.node(pkg, t)
        if (st.k === 'struct' && !seen.some((x) => x === st || identicalNodes(pkg, x, pkg, st))) {
          next.push(st)
        }
      }
      cur = next
    }
    return m
  }

  protected underlying(pkg: Pkg, id: number): number | null {
    const n = this.node(pkg, id)
    if (n.k !== 'named') return id
    return this.named(pkg, n.inst ?? n.key)?.underlying ?? null
  }

  protected checkCompatibleObjectSets(
    obj: Obj,
    olds: Map<string, FieldDump>,
    news: Map<string, FieldDump>
  ): void {
    for (const [name, oldf] of olds) {
      const newf = news.get(name)
      if (!newf) {
        this.incompatible(obj, name, 'field-removed', 'removed', {
          side: 'old',
          file: oldf.file,
          line: oldf.line
        })
      } else {
        // Same message key (the object's name), but the field's own lines on both sides.
        const field: Obj = {
          display: obj.display,
          position: { side: 'old', file: oldf.file, line: oldf.line }
        }
        this.checkCorrespondence(field, name, oldf.type, newf.type, {
          side: 'new',
          file: newf.file,
          line: newf.line
        })
      }
    }
    for (const [name, newf] of news) {
      if (!olds.has(name)) {
        this.compatible(obj, name, 'field-added', 'added', {
          side: 'new',
          file: newf.file,
          line: newf.line
        })
      }
    }
  }

  protected checkMethodSet(
    otnKey: string,
    msname: string,
    oldMethods: MethodDump[],
    newMethods: MethodDump[],
    additionsCompatible: boolean,
    reportedFromPointerSet: ReadonlySet<string> = new Set()
  ): void {
    const newByName = new Map(newMethods.map((m) => [m.name, m]))
    const oldByName = new Map(oldMethods.map((m) => [m.name, m]))
    for (const oldMethod of oldMethods) {
      const newMethod = newByName.get(oldMethod.name)
      if (!newMethod) {
        // A method promoted from an embedded type is reported per method set it left, but only
        // once (from *T) when it left both T's and *T's. apidiff skips it in T's method set
        // whatever *T's says, and so never reports a promoted method that left only T's (a value
        // method that became a pointer method of an embedded type) nor one that left an
        // interface through an embedded interface: when that embedded type is unexported, the
        // break is reported nowhere else. Those are kept here.
        const promoted = oldMethod.recv !== undefined && oldMethod.recv !== otnKey
        if (promoted && reportedFromPointerSet.has(oldMethod.name)) continue
        const part = promoted ? `, method set of ${msname}` : ''
        this.incompatible(this.methodObj(this.old, oldMethod), part, 'method-removed', 'removed')
      } else {
        // A value method that became a pointer method is reported on the new method, so both
        // the value and the pointer method set findings survive.
        const obj =
          !oldMethod.ptr && newMethod.ptr
            ? this.methodObj(this.neu, newMethod)
            : this.methodObj(this.old, oldMethod)
        this.checkCorrespondence(obj, '', oldMethod.sig, newMethod.sig, {
          side: 'new',
          file: newMethod.file,
          line: newMethod.line
        })
      }
    }
    for (const newMethod of newMethods) {
      if (oldByName.has(newMethod.name)) continue
      const obj = this.methodObj(this.neu, newMethod)
      if (additionsCompatible) this.compatible(obj, '', 'method-added', 'added')
      else this.incompatible(obj, '', 'interface-method-added', 'added')
    }
  }
}

const compatibleBasics = new Set(
  [
    ['uint8', 'uint16'],
    ['uint8', 'uint32'],
    ['uint8', 'uint'],
    ['uint8', 'uint64'],
    ['uint16', 'uint32'],
    ['uint16', 'uint'],
    ['uint16', 'uint64'],
    ['uint32', 'uint'],
    ['uint32', 'uint64'],
    ['uint', 'uint64'],
    ['int8', 'int16'],
    ['int8', 'int32'],
    ['int8', 'int'],
    ['int8', 'int64'],
    ['int16', 'int32'],
    ['int16', 'int'],
    ['int16', 'int64'],
    ['int32', 'int'],
    ['int32', 'int64'],
    ['int', 'int64'],
    ['float32', 'float64'],
    ['complex64', 'complex128']
  ].map(([a, b]) => `${a}>${b}`)
)

function exported(methods: MethodDump[]): MethodDump[] {
  return methods.filter((m) => m.exported)
}

function exportedFields(s: Struct): Map<string, FieldDump> {
  return new Map(s.fields.filter((f) => f.exported).map((f) => [f.name, f]))
}

/** Among structs at one depth, the fields whose names appear exactly once. */
function unambiguousFields(structs: Struct[]): Map<string, FieldDump> {
  const fields = new Map<string, FieldDump>()
  const seen = new Set<string>()
  for (const s of structs) {
    for (const f of s.fields) {
      if (seen.has(f.name)) fields.delete(f.name)
      else {
        seen.add(f.name)
        fields.set(f.name, f)
      }
    }
  }
  return fields
}

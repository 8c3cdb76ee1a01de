import type { FieldDump, MethodDump, NamedDump, ObjectDump, PackageDump, TypeNode } from './dump.js'
import type { GoRuleId } from './rules.js'

/**
 * apidiff's comparison of two versions of one package (golang.org/x/exp/apidiff), over the dumps
 * instead of go/types objects. The structure follows apidiff's so the two can be read side by
 * side: correspondence of defined types, compatibility of each pair, method sets, satisfaction.
 */

export type Side = 'old' | 'new'

export interface Position {
  side: Side
  file?: string
  line?: number
}

/** One apidiff message: `${object}${part}: ${message}`. */
export interface ApiMessage {
  id: GoRuleId
  compatible: boolean
  /** apidiff's object path: `T`, `T.M`, `(*T).M`, `S.F`. */
  symbol: string
  text: string
  /** Head side, or base side for something removed. */
  position: Position
  /** Where the changed object was in the base, when `position` is on the head side. */
  basePosition?: Position
  /** Tells apart findings of one kind on one symbol (the interface no longer implemented). */
  detail?: string
}

interface Obj {
  display: string
  position: Position
  /** The same object on the other side, when it is there (a change rather than a removal). */
  counterpart?: Position
}

const removals: ReadonlySet<GoRuleId> = new Set([
  'object-removed',
  'method-removed',
  'field-removed'
])

interface Pkg {
  dump: PackageDump
  side: Side
}

type Basic = Extract<TypeNode, { k: 'basic' }>
type Named = Extract<TypeNode, { k: 'named' }>
type Iface = Extract<TypeNode, { k: 'interface' }>
type Struct = Extract<TypeNode, { k: 'struct' }>
type Chan = Extract<TypeNode, { k: 'chan' }>

interface IfacePair {
  x: number
  y: number
  prev: IfacePair | null
}

class MessageSet {
  private readonly entries = new Map<string, Map<string, ApiMessage>>()

  add(
    obj: Obj,
    part: string,
    id: GoRuleId,
    compatible: boolean,
    text: string,
    at?: Position,
    detail?: string
  ): void {
    let parts = this.entries.get(obj.display)
    if (!parts) {
      parts = new Map()
      this.entries.set(obj.display, parts)
    }
    const symbol = part.startsWith(',') ? obj.display + part : dotjoin(obj.display, part)
    const position = at ?? (!removals.has(id) && obj.counterpart ? obj.counterpart : obj.position)
    const message: ApiMessage = { id, compatible, symbol, text, position }
    if (obj.position.side === 'old' && position.side === 'new') message.basePosition = obj.position
    if (detail) message.detail = detail
    // apidiff keeps one message per object and part; a type that stopped implementing two
    // interfaces keeps one of them at random (Go map order). Both are kept here.
    parts.set(detail ? `${part}\u0000${detail}` : part, message)
  }

  collect(): ApiMessage[] {
    const all = [...this.entries.values()].flatMap((parts) => [...parts.values()])
    return all.sort((a, b) => compareStrings(messageOf(a), messageOf(b)))
  }
}

/** The message exactly as apidiff prints it. */
export function messageOf(m: ApiMessage): string {
  return `${m.symbol}: ${m.text}`
}

function dotjoin(a: string, b: string): string {
  if (a === '') return b
  if (b === '') return a
  return `${a}.${b}`
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
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

/** Compares two versions of a package the way apidiff.Changes does. */
export function diffPackage(oldPkg: PackageDump, newPkg: PackageDump): ApiMessage[] {
  // Type tables are copied: origins of generic types may be added while comparing.
  const d = new Differ(
    { dump: { ...oldPkg, types: [...oldPkg.types] }, side: 'old' },
    { dump: { ...newPkg, types: [...newPkg.types] }, side: 'new' }
  )
  d.checkPackage()
  return [...d.incompatibles.collect(), ...d.compatibles.collect()]
}

class Differ {
  /** Old defined type (by key) -> the new type it corresponds to. */
  private readonly correspondMap = new Map<string, number>()
  readonly incompatibles = new MessageSet()
  readonly compatibles = new MessageSet()

  constructor(
    private readonly old: Pkg,
    private readonly neu: Pkg
  ) {}

  private incompatible(obj: Obj, part: string, id: GoRuleId, text: string, at?: Position): void {
    this.incompatibles.add(obj, part, id, false, text, at)
  }

  private compatible(obj: Obj, part: string, id: GoRuleId, text: string, at?: Position): void {
    this.compatibles.add(obj, part, id, true, text, at)
  }

  private node(pkg: Pkg, id: number): TypeNode {
    const n = pkg.dump.types[id]
    if (!n) throw new Error(`type ${id} missing from the dump of ${pkg.dump.path}`)
    return n
  }

  private named(pkg: Pkg, key: string): NamedDump | undefined {
    return pkg.dump.named[key] ?? undefined
  }

  private objectOf(pkg: Pkg, o: ObjectDump, counterpart?: ObjectDump): Obj {
    const obj: Obj = { display: o.name, position: { side: pkg.side, file: o.file, line: o.line } }
    if (counterpart) {
      obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line }
    }
    return obj
  }

  private typeNameObj(pkg: Pkg, key: string, counterpart?: NamedDump): Obj {
    const n = this.named(pkg, key)
    const name = n?.name ?? key.slice(key.lastIndexOf('.') + 1)
    const obj: Obj = { display: name, position: { side: pkg.side, file: n?.file, line: n?.line } }
    if (counterpart?.local) {
      obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line }
    }
    return obj
  }

  private methodObj(pkg: Pkg, m: MethodDump): Obj {
    return { display: m.display, position: { side: pkg.side, file: m.file, line: m.line } }
  }

  checkPackage(): void {
    const newObjects = new Map(this.neu.dump.objects.map((o) => [o.name, o]))
    const oldNames = new Set(this.old.dump.objects.map((o) => o.name))
    // Types with the same name correspond first, before aliases could pair them otherwise
    // ("T: changed from T to T"); aliases of instances would pair A[int] with A[T].
    for (const oldObj of [...this.old.dump.objects].sort((a, b) =>
      compareStrings(a.name, b.name)
    )) {
      if (oldObj.kind !== 'type') continue
      const t = this.node(this.old, oldObj.type)
      if (t.k !== 'named' || !/^\p{Lu}/u.test(t.name) || (oldObj.alias && t.args?.length)) continue
      const newObj = newObjects.get(t.name)
      if (newObj) this.checkObjects(oldObj, newObj)
    }
    for (const oldObj of [...this.old.dump.objects].sort((a, b) =>
      compareStrings(a.name, b.name)
    )) {
      const newObj = newObjects.get(oldObj.name)
      if (!newObj) {
        this.incompatible(this.objectOf(this.old, oldObj), '', 'object-removed', 'removed')
        continue
      }
      this.checkObjects(oldObj, newObj)
    }
    for (const newObj of this.neu.dump.objects) {
      if (!oldNames.has(newObj.name)) {
        this.compatible(this.objectOf(this.neu, newObj), '', 'object-added', 'added')
      }
    }
    this.checkSatisfaction()
  }

  /** Every old type that implemented an old interface must implement its new counterpart. */
  private checkSatisfaction(): void {
    for (const [otn1, nt1] of this.correspondMap) {
      const oldIface = this.named(this.old, otn1)
      if (!oldIface || oldIface.underlying === null) continue
      if (this.node(this.old, oldIface.underlying).k !== 'interface') continue
      const newIface = this.newInterfaceOf(nt1)
      if (!newIface) continue
      for (const [otn2, nt2] of this.correspondMap) {
        if (otn1 === otn2) continue
        const implementer = this.named(this.old, otn2)
        if (!implementer?.local || !implementer.implements?.includes(otn1)) continue
        if (!this.newImplements(nt2, newIface)) {
          const n2 = this.node(this.neu, nt2)
          const counterpart = n2.k === 'named' ? this.named(this.neu, n2.key) : undefined
          this.incompatibles.add(
            this.typeNameObj(this.old, otn2, counterpart),
            '',
            'no-longer-implements',
            false,
            `no longer implements ${oldIface.name}`,
            undefined,
            oldIface.name
          )
        }
      }
    }
  }

  private newInterfaceOf(id: number): { key: string; iface: Iface } | undefined {
    const n = this.node(this.neu, id)
    if (n.k !== 'named') return undefined
    const named = this.named(this.neu, n.inst ?? n.key)
    if (!named || named.underlying === null) return undefined
    const u = this.node(this.neu, named.underlying)
    return u.k === 'interface' ? { key: n.key, iface: u } : undefined
  }

  private newImplements(id: number, target: { key: string; iface: Iface }): boolean {
    const n = this.node(this.neu, id)
    if (n.k === 'named') {
      if (n.key === target.key) return true
      const named = this.named(this.neu, n.key)
      if (!named?.local) return true
      if ((named.typeParams?.length ?? 0) > 0) return true
      return named.implements?.includes(target.key) ?? false
    }
    return target.iface.methods.length === 0
  }

  private checkObjects(oldObj: ObjectDump, newObj: ObjectDump): void {
    const obj = this.objectOf(this.old, oldObj, newObj)
    switch (oldObj.kind) {
      case 'const':
        if (newObj.kind === 'const') return this.constChanges(obj, oldObj, newObj)
        break
      case 'var':
        if (newObj.kind === 'var')
          return this.checkCorrespondence(obj, '', oldObj.type, newObj.type)
        break
      case 'func':
        if (newObj.kind === 'func') {
          this.checkTypeParameters(obj, oldObj, newObj)
          return this.checkCorrespondence(obj, '', oldObj.type, newObj.type)
        }
        if (newObj.kind === 'var') {
          this.compatible(obj, '', 'func-became-var', 'changed from func to var')
          return this.checkCorrespondence(obj, '', oldObj.type, newObj.type)
        }
        break
      case 'type':
        if (newObj.kind === 'type')
          return this.checkCorrespondence(obj, '', oldObj.type, newObj.type)
        break
    }
    this.incompatible(
      obj,
      '',
      'object-kind-changed',
      `changed from ${oldObj.kind} to ${newObj.kind}`,
      this.objectOf(this.neu, newObj).position
    )
  }

  /**
   * Not in apidiff (it compares generic signatures without their type parameters): a generic
   * function whose type parameters or constraints changed may no longer accept its callers'
   * type arguments. A person should look, since loosening a constraint is compatible.
   */
  private checkTypeParameters(obj: Obj, oldObj: ObjectDump, newObj: ObjectDump): void {
    const list = (pkg: Pkg, id: number) => {
      const sig = this.node(pkg, id)
      if (sig.k !== 'signature' || !sig.typeParams?.length) return ''
      const params = sig.typeParams.map((t) => {
        const tp = this.node(pkg, t)
        if (tp.k !== 'typeparam') return tp.s
        return `${tp.name} ${tp.constraint === undefined ? 'any' : this.node(pkg, tp.constraint).s}`
      })
      return `[${params.join(', ')}]`
    }
    const from = list(this.old, oldObj.type)
    const to = list(this.neu, newObj.type)
    if (from === to || from === '' || to === '') return
    this.incompatible(
      obj,
      ', type parameters',
      'type-parameters-changed',
      `changed from ${from} to ${to}`,
      this.objectOf(this.neu, newObj).position
    )
  }

  private constChanges(obj: Obj, oldObj: ObjectDump, newObj: ObjectDump): void {
    if (!this.correspond(oldObj.type, newObj.type)) {
      this.typeChanged(obj, '', oldObj.type, newObj.type)
      return
    }
    if (oldObj.exact !== newObj.exact) {
      this.incompatible(
        obj,
        '',
        'const-value-changed',
        `value changed from ${oldObj.value ?? ''} to ${newObj.value ?? ''}`,
        this.objectOf(this.neu, newObj).position
      )
    }
  }

  private checkCorrespondence(
    obj: Obj,
    part: string,
    oldT: number,
    newT: number,
    at?: Position
  ): void {
    if (!this.correspond(oldT, newT)) this.typeChanged(obj, part, oldT, newT, at)
  }

  private typeChanged(obj: Obj, part: string, oldT: number, newT: number, at?: Position): void {
    const olds = this.node(this.old, oldT).s
    const news = this.node(this.neu, newT).s
    this.incompatible(obj, part, 'type-changed', `changed from ${olds} to ${news}`, at)
  }

  private correspond(oldT: number, newT: number): boolean {
    return this.corr(oldT, newT, null)
  }

  /** Whether old and new are identical except for defined types, which must correspond. */
  private corr(oldT: number, newT: number, p: IfacePair | null): boolean {
    const o = this.node(this.old, oldT)
    const n = this.node(this.neu, newT)
    switch (o.k) {
      case 'basic':
        return n.k === 'basic' && o.kind === n.kind
      case 'array':
        return n.k === 'array' && this.corr(o.elem, n.elem, p) && o.len === n.len
      case 'slice':
        return n.k === 'slice' && this.corr(o.elem, n.elem, p)
      case 'map':
        return n.k === 'map' && this.corr(o.mapKey, n.mapKey, p) && this.corr(o.elem, n.elem, p)
      case 'chan':
        return n.k === 'chan' && this.corr(o.elem, n.elem, p) && (o.dir ?? 0) === (n.dir ?? 0)
      case 'pointer':
        return n.k === 'pointer' && this.corr(o.elem, n.elem, p)
      case 'signature': {
        if (n.k !== 'signature') return false
        const pe = this.corrTuple(o.params ?? [], n.params ?? [], p)
        const re = this.corrTuple(o.results ?? [], n.results ?? [], p)
        return Boolean(o.variadic) === Boolean(n.variadic) && pe && re
      }
      case 'tuple':
        return n.k === 'tuple' && this.corrTuple(o.params ?? [], n.params ?? [], p)
      case 'struct': {
        if (n.k !== 'struct') return false
        for (let i = 0; i < o.fields.length; i++) {
          const of = o.fields[i]!
          const nf = n.fields[i]
          if (!nf) return false
          if (
            Boolean(of.embedded) !== Boolean(nf.embedded) ||
            (of.tag ?? '') !== (nf.tag ?? '') ||
            !this.corr(of.type, nf.type, p) ||
            !this.corrFieldNames(of, nf)
          ) {
            return false
          }
        }
        return o.fields.length === n.fields.length
      }
      case 'interface': {
        if (n.k !== 'interface') return false
        const q: IfacePair = { x: oldT, y: newT, prev: p }
        for (let r = p; r !== null; r = r.prev) {
          if ((r.x === q.x && r.y === q.y) || (r.x === q.y && r.y === q.x)) return true
        }
        const oldms = this.sortedMethods(o)
        const newms = this.sortedMethods(n)
        for (let i = 0; i < oldms.length; i++) {
          const om = oldms[i]!
          const nm = newms[i]
          if (!nm) return false
          if (this.methodID(om) !== this.methodID(nm) || !this.corr(om.sig, nm.sig, q)) return false
        }
        return o.methods.length === n.methods.length
      }
      case 'named':
        if (n.k === 'named' || n.k === 'basic') return this.establishCorrespondence(o, newT)
        return false
      case 'typeparam':
        return n.k === 'typeparam' && o.index === n.index
      case 'invalid':
        // "unknown type from <import>" on both sides: nothing to compare (the dump warns).
        return n.k === 'invalid' && o.s === n.s
      default:
        return false
    }
  }

  private corrTuple(oldTs: number[], newTs: number[], p: IfacePair | null): boolean {
    for (let i = 0; i < oldTs.length; i++) {
      const nt = newTs[i]
      if (nt === undefined || !this.corr(oldTs[i]!, nt, p)) return false
    }
    return oldTs.length === newTs.length
  }

  /** Field names match; unexported embedded fields only need their types to correspond. */
  private corrFieldNames(of: FieldDump, nf: FieldDump): boolean {
    if (of.embedded && nf.embedded && !of.exported && !nf.exported) {
      const on = this.node(this.old, of.type)
      if (on.k === 'named') {
        const nn = this.node(this.neu, nf.type)
        return nn.k === 'named' && this.establishCorrespondence(on, nf.type)
      }
    }
    return of.name === nf.name
  }

  private sortedMethods(iface: Iface): MethodDump[] {
    return [...iface.methods].sort((a, b) => compareStrings(this.methodID(a), this.methodID(b)))
  }

  /** Unexported methods of the two compared packages match by name; others by package and name. */
  private methodID(m: MethodDump): string {
    if (m.pkg === this.old.dump.path || m.pkg === this.neu.dump.path) return m.name
    return m.exported ? m.name : `${m.pkg ?? '_'}.${m.name}`
  }

  /**
   * apidiff (2024 on): types of other packages correspond only when their package paths and
   * names match; an instance corresponds when its origin and its type arguments do.
   */
  private establishCorrespondence(old: Named, newT: number): boolean {
    const mapKey = old.inst ?? old.key
    const c = this.correspondMap.get(mapKey)
    if (c !== undefined) return identical(this.neu, c, this.neu, newT)
    const n = this.node(this.neu, newT)
    const oldOrigin = this.named(this.old, old.key)
    switch (n.k) {
      case 'named': {
        const oldPkg = oldOrigin?.pkg ?? packageOfKey(old.key)
        const newPkg = this.named(this.neu, n.key)?.pkg ?? packageOfKey(n.key)
        if (oldPkg !== this.old.dump.path || newPkg !== this.neu.dump.path) {
          return old.name === n.name && oldPkg === newPkg
        }
        if (old.args?.length) {
          if (!n.args?.length) return false
          const newOrigin = this.originNode(this.neu, n)
          if (
            !this.establishCorrespondence({ ...old, inst: undefined, args: undefined }, newOrigin)
          )
            return false
          if (!this.typeListsCorrespond(old.args, n.args)) return false
        } else if (
          !this.typeParamListsCorrespond(
            oldOrigin?.typeParams ?? [],
            n.args?.length ? [] : (this.named(this.neu, n.key)?.typeParams ?? [])
          )
        ) {
          return false
        }
        break
      }
      case 'basic':
        if ((oldOrigin?.pkg ?? packageOfKey(old.key)) !== this.old.dump.path) return false
        break
      default:
        return false
    }
    this.correspondMap.set(mapKey, newT)
    const oldNamed = this.named(this.old, mapKey)
    if (oldNamed) this.checkCompatibleDefined(mapKey, oldNamed, newT)
    return true
  }

  /** The node of a generic type's origin, added to the (copied) table when the API never names it. */
  private originNode(pkg: Pkg, instance: Named): number {
    const found = pkg.dump.types.findIndex(
      (t) => t.k === 'named' && t.key === instance.key && !t.args?.length
    )
    if (found >= 0) return found
    pkg.dump.types.push({ k: 'named', s: instance.name, key: instance.key, name: instance.name })
    return pkg.dump.types.length - 1
  }

  private typeListsCorrespond(olds: number[], news: number[]): boolean {
    if (olds.length !== news.length) return false
    return olds.every((o, i) => this.correspond(o, news[i]!))
  }

  /** Same length, and the constraints of the type parameters correspond. */
  private typeParamListsCorrespond(olds: number[], news: number[]): boolean {
    if (olds.length !== news.length) return false
    return olds.every((o, i) => {
      const on = this.node(this.old, o)
      const nn = this.node(this.neu, news[i]!)
      if (on.k !== 'typeparam' || nn.k !== 'typeparam') return false
      if (on.constraint === undefined || nn.constraint === undefined) {
        return on.constraint === nn.constraint
      }
      return this.correspond(on.constraint, nn.constraint)
    })
  }

  private underlyingOfNew(id: number): number | null {
    const n = this.node(this.neu, id)
    if (n.k !== 'named') return id
    return this.named(this.neu, n.inst ?? n.key)?.underlying ?? null
  }

  private checkCompatibleDefined(otnKey: string, old: NamedDump, newT: number): void {
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
    this.checkMethodSet(otnKey, old.name, old.methods, newNamed?.methods ?? [], true)
    this.checkMethodSet(otnKey, `*${old.name}`, old.ptrMethods, newNamed?.ptrMethods ?? [], true)
  }

  private checkCompatible(otnKey: string, otn: Obj, oldT: number, newT: number): void {
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

  private checkCompatibleChan(otn: Obj, o: Chan, n: Chan): void {
    this.checkCorrespondence(otn, ', element type', o.elem, n.elem)
    const od = o.dir ?? 0
    const nd = n.dir ?? 0
    if (od !== nd) {
      if (nd === 0) this.compatible(otn, '', 'chan-direction-removed', 'removed direction')
      else this.incompatible(otn, '', 'chan-direction-changed', 'changed direction')
    }
  }

  private checkCompatibleBasic(otn: Obj, o: Basic, n: Basic, oldT: number, newT: number): void {
    if (o.kind === n.kind) return
    if (compatibleBasics.has(`${o.kind}>${n.kind}`)) {
      this.compatible(otn, '', 'numeric-type-widened', `changed from ${o.name} to ${n.name}`)
    } else {
      this.typeChanged(otn, '', oldT, newT)
    }
  }

  private checkCompatibleInterface(otnKey: string, otn: Obj, o: Iface, n: Iface): void {
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

  private checkCompatibleStruct(obj: Obj, o: Struct, n: Struct): void {
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
  private exportedSelectableFields(pkg: Pkg, s: Struct): Map<string, FieldDump> {
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

  private underlying(pkg: Pkg, id: number): number | null {
    const n = this.node(pkg, id)
    if (n.k !== 'named') return id
    return this.named(pkg, n.inst ?? n.key)?.underlying ?? null
  }

  private checkCompatibleObjectSets(
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

  private checkMethodSet(
    otnKey: string,
    msname: string,
    oldMethods: MethodDump[],
    newMethods: MethodDump[],
    additionsCompatible: boolean
  ): void {
    const newByName = new Map(newMethods.map((m) => [m.name, m]))
    const oldByName = new Map(oldMethods.map((m) => [m.name, m]))
    for (const oldMethod of oldMethods) {
      const newMethod = newByName.get(oldMethod.name)
      if (!newMethod) {
        // A method promoted from an embedded type is reported once per method set it left.
        const part =
          oldMethod.recv !== undefined && oldMethod.recv !== otnKey
            ? `, method set of ${msname}`
            : ''
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

function packageOfKey(key: string): string {
  const i = key.lastIndexOf('.')
  return i < 0 ? '' : key.slice(0, i)
}

function identicalNodes(pa: Pkg, a: TypeNode, pb: Pkg, b: TypeNode): boolean {
  const ia = pa.dump.types.indexOf(a)
  const ib = pb.dump.types.indexOf(b)
  return identical(pa, ia, pb, ib)
}

/**
 * go/types.Identical over dump nodes. Types declared in the compared packages are never
 * identical across the two versions (they are different declarations); others are by name.
 */
function identical(pa: Pkg, a: number, pb: Pkg, b: number, seen: Set<string> = new Set()): boolean {
  if (pa === pb && a === b) return true
  const x = pa.dump.types[a]
  const y = pb.dump.types[b]
  if (!x || !y || x.k !== y.k) return false
  const same = (i: number, j: number) => identical(pa, i, pb, j, seen)
  const sameList = (xs: number[] = [], ys: number[] = []) =>
    xs.length === ys.length && xs.every((t, i) => same(t, ys[i]!))
  switch (x.k) {
    case 'basic':
      return x.kind === (y as Basic).kind
    case 'named': {
      const yn = y as Named
      if (x.key !== yn.key) return false
      if (pa !== pb) {
        const xpkg = pa.dump.named[x.key]?.pkg ?? packageOfKey(x.key)
        if (xpkg === pa.dump.path || xpkg === pb.dump.path) return false
      }
      return sameList(x.args, yn.args)
    }
    case 'pointer':
    case 'slice':
      return same(x.elem, (y as typeof x).elem)
    case 'array':
      return x.len === (y as typeof x).len && same(x.elem, (y as typeof x).elem)
    case 'map':
      return same(x.mapKey, (y as typeof x).mapKey) && same(x.elem, (y as typeof x).elem)
    case 'chan':
      return (x.dir ?? 0) === ((y as typeof x).dir ?? 0) && same(x.elem, (y as typeof x).elem)
    case 'signature': {
      const ys = y as typeof x
      return (
        Boolean(x.variadic) === Boolean(ys.variadic) &&
        (x.typeParams?.length ?? 0) === (ys.typeParams?.length ?? 0) &&
        sameList(x.params, ys.params) &&
        sameList(x.results, ys.results)
      )
    }
    case 'tuple':
      return sameList(x.params, (y as typeof x).params)
    case 'struct': {
      const ys = y as Struct
      return (
        x.fields.length === ys.fields.length &&
        x.fields.every((f, i) => {
          const g = ys.fields[i]!
          return (
            f.name === g.name &&
            Boolean(f.embedded) === Boolean(g.embedded) &&
            (f.tag ?? '') === (g.tag ?? '') &&
            same(f.type, g.type)
          )
        })
      )
    }
    case 'interface': {
      const key = `${pa.side}${a}:${pb.side}${b}`
      if (seen.has(key)) return true
      seen.add(key)
      const yi = y as Iface
      const id = (m: MethodDump) => (m.exported ? m.name : `${m.pkg ?? '_'}.${m.name}`)
      const xm = [...x.methods].sort((m, n) => compareStrings(id(m), id(n)))
      const ym = [...yi.methods].sort((m, n) => compareStrings(id(m), id(n)))
      const typeTerms = (p: Pkg, ids: number[] = []) =>
        ids.filter((t) => {
          const n = p.dump.types[t]
          return n !== undefined && (n.k !== 'named' || n.key === 'comparable')
        })
      const xt = typeTerms(pa, x.embeddeds)
      const yt = typeTerms(pb, yi.embeddeds)
      return (
        xm.length === ym.length &&
        xm.every((m, i) => id(m) === id(ym[i]!) && identical(pa, m.sig, pb, ym[i]!.sig, seen)) &&
        xt.length === yt.length &&
        xt.every((t, i) => identical(pa, t, pb, yt[i]!, seen))
      )
    }
    case 'typeparam':
      return false
    case 'invalid':
      return x.s === y.s
    case 'union': {
      const yu = y as typeof x
      const xs = x.terms ?? []
      const ys = yu.terms ?? []
      return (
        xs.length === ys.length &&
        xs.every((t, i) => Boolean(t.tilde) === Boolean(ys[i]!.tilde) && same(t.type, ys[i]!.type))
      )
    }
    default:
      return false
  }
}

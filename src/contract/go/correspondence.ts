import type { FieldDump, MethodDump, NamedDump, ObjectDump, PackageDump, TypeNode } from './dump.js'
import { compareStrings, MessageSet, type Obj, type Position, type Side } from './messageset.js'
import type { GoRuleId } from './rules.js'

export interface Pkg {
  dump: PackageDump
  side: Side
}

export type Basic = Extract<TypeNode, { k: 'basic' }>
export type Named = Extract<TypeNode, { k: 'named' }>
export type Iface = Extract<TypeNode, { k: 'interface' }>
export type Struct = Extract<TypeNode, { k: 'struct' }>
export type Chan = Extract<TypeNode, { k: 'chan' }>

interface IfacePair {
  x: number
  y: number
  prev: IfacePair | null
}

/**
 * apidiff's correspondence.go: whether old and new types are identical except for defined types,
 * which must correspond (established on first sight, checked for compatibility then). The
 * message helpers of apidiff.go's differ live here too, as every part of the differ uses them.
 */
export abstract class Correspondence {
  /** Old defined type (by key) -> the new type it corresponds to. */
  protected readonly correspondMap = new Map<string, number>()
  readonly incompatibles = new MessageSet()
  readonly compatibles = new MessageSet()

  constructor(
    protected readonly old: Pkg,
    protected readonly neu: Pkg
  ) {}

  protected incompatible(obj: Obj, part: string, id: GoRuleId, text: string, at?: Position): void {
    this.incompatibles.add(obj, part, id, false, text, at)
  }

  protected compatible(obj: Obj, part: string, id: GoRuleId, text: string, at?: Position): void {
    this.compatibles.add(obj, part, id, true, text, at)
  }

  protected node(pkg: Pkg, id: number): TypeNode {
    const n = pkg.dump.types[id]
    if (!n) throw new Error(`type ${id} missing from the dump of ${pkg.dump.path}`)
    return n
  }

  protected named(pkg: Pkg, key: string): NamedDump | undefined {
    return pkg.dump.named[key] ?? undefined
  }

  protected objectOf(pkg: Pkg, o: ObjectDump, counterpart?: ObjectDump): Obj {
    const obj: Obj = { display: o.name, position: { side: pkg.side, file: o.file, line: o.line } }
    if (counterpart) {
      obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line }
    }
    return obj
  }

  protected typeNameObj(pkg: Pkg, key: string, counterpart?: NamedDump): Obj {
    const n = this.named(pkg, key)
    const name = n?.name ?? key.slice(key.lastIndexOf('.') + 1)
    const obj: Obj = { display: name, position: { side: pkg.side, file: n?.file, line: n?.line } }
    if (counterpart?.local) {
      obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line }
    }
    return obj
  }

  protected methodObj(pkg: Pkg, m: MethodDump): Obj {
    return {
      display: packagePrefix(m.pkg ?? pkg.dump.path, pkg.dump.path) + m.display,
      position: { side: pkg.side, file: m.file, line: m.line }
    }
  }

  protected checkCorrespondence(
    obj: Obj,
    part: string,
    oldT: number,
    newT: number,
    at?: Position
  ): void {
    if (!this.correspond(oldT, newT)) this.typeChanged(obj, part, oldT, newT, at)
  }

  protected typeChanged(obj: Obj, part: string, oldT: number, newT: number, at?: Position): void {
    const olds = this.node(this.old, oldT).s
    const news = this.node(this.neu, newT).s
    this.incompatible(obj, part, 'type-changed', `changed from ${olds} to ${news}`, at)
  }

  protected correspond(oldT: number, newT: number): boolean {
    return this.corr(oldT, newT, null)
  }

  /** Whether old and new are identical except for defined types, which must correspond. */
  protected corr(oldT: number, newT: number, p: IfacePair | null): boolean {
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

  protected corrTuple(oldTs: number[], newTs: number[], p: IfacePair | null): boolean {
    for (let i = 0; i < oldTs.length; i++) {
      const nt = newTs[i]
      if (nt === undefined || !this.corr(oldTs[i]!, nt, p)) return false
    }
    return oldTs.length === newTs.length
  }

  /** Field names match; unexported embedded fields only need their types to correspond. */
  protected corrFieldNames(of: FieldDump, nf: FieldDump): boolean {
    if (of.embedded && nf.embedded && !of.exported && !nf.exported) {
      const on = this.node(this.old, of.type)
      if (on.k === 'named') {
        const nn = this.node(this.neu, nf.type)
        return nn.k === 'named' && this.establishCorrespondence(on, nf.type)
      }
    }
    return of.name === nf.name
  }

  protected sortedMethods(iface: Iface): MethodDump[] {
    return [...iface.methods].sort((a, b) => compareStrings(this.methodID(a), this.methodID(b)))
  }

  /** Unexported methods of the two compared packages match by name; others by package and name. */
  protected methodID(m: MethodDump): string {
    if (m.pkg === this.old.dump.path || m.pkg === this.neu.dump.path) return m.name
    return m.exported ? m.name : `${m.pkg ?? '_'}.${m.name}`
  }

  /**
   * apidiff (2024 on): types of other packages correspond only when their package paths and
   * names match; an instance corresponds when its origin and its type arguments do.
   */
  protected establishCorrespondence(old: Named, newT: number): boolean {
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
  protected originNode(pkg: Pkg, instance: Named): number {
    const found = pkg.dump.types.findIndex(
      (t) => t.k === 'named' && t.key === instance.key && !t.args?.length
    )
    if (found >= 0) return found
    pkg.dump.types.push({ k: 'named', s: instance.name, key: instance.key, name: instance.name })
    return pkg.dump.types.length - 1
  }

  protected typeListsCorrespond(olds: number[], news: number[]): boolean {
    if (olds.length !== news.length) return false
    return olds.every((o, i) => this.correspond(o, news[i]!))
  }

  /** Same length, and the constraints of the type parameters correspond. */
  protected typeParamListsCorrespond(olds: number[], news: number[]): boolean {
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

  /** Checks a new correspondence for compatibility (compatibility.ts). */
  protected abstract checkCompatibleDefined(otnKey: string, old: NamedDump, newT: number): void
}

export function packageOfKey(key: string): string {
  const i = key.lastIndexOf('.')
  return i < 0 ? '' : key.slice(0, i)
}

export function identicalNodes(pa: Pkg, a: TypeNode, pb: Pkg, b: TypeNode): boolean {
  const ia = pa.dump.types.indexOf(a)
  const ib = pb.dump.types.indexOf(b)
  return identical(pa, ia, pb, ib)
}

/**
 * go/types.Identical over dump nodes. Types declared in the compared packages are never
 * identical across the two versions (they are different declarations); others are by name.
 */
export function identical(
  pa: Pkg,
  a: number,
  pb: Pkg,
  b: number,
  seen: Set<string> = new Set()
): boolean {
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

/**
 * apidiff's objectString prefix: nothing for an object of the compared package (the root), `./sub.`
 * for one of a package below it, the full import path otherwise (a method promoted from an
 * embedded type of another package: `sync.(*RWMutex).RLock`, `io.Closer.Close`).
 */
function packagePrefix(objPkg: string, root: string): string {
  if (objPkg === root) return ''
  if (objPkg.startsWith(`${root}/`)) return `./${objPkg.slice(root.length + 1)}.`
  return `${objPkg}.`
}

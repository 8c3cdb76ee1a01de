import type { ObjectDump, PackageDump } from './dump.js'
import { Compatibility } from './compatibility.js'
import { type Iface, type Pkg } from './correspondence.js'
import { compareStrings, type ApiMessage, type Obj } from './messageset.js'

/**
 * apidiff's comparison of two versions of one package (golang.org/x/exp/apidiff at HEAD), over
 * the dumps instead of go/types objects. Split as upstream is: apidiff.ts (objects, package-wide
 * satisfaction), correspondence.ts, compatibility.ts, messageset.ts.
 */

export { messageOf, type ApiMessage, type Position, type Side } from './messageset.js'

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

class Differ extends Compatibility {
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
}

import { allEnums, allExtensions, allMessages } from './loader.js'
import type { Field, Message, ProtoEnum, ProtoFile, ProtoTree, Service } from './model.js'

/** Look-up tables over one loaded tree, built once per diff. */
export interface TreeIndex {
  tree: ProtoTree
  files: Map<string, ProtoFile>
  messages: Map<string, Message>
  enums: Map<string, ProtoEnum>
  services: Map<string, Service>
  /** extendee full name -> field number -> extension */
  extensions: Map<string, Map<number, Field>>
  packages: Map<string, ProtoFile[]>
}

export function indexTree(tree: ProtoTree): TreeIndex {
  const index: TreeIndex = {
    tree,
    files: new Map(),
    messages: new Map(),
    enums: new Map(),
    services: new Map(),
    extensions: new Map(),
    packages: new Map()
  }
  for (const f of tree.files) {
    index.files.set(f.path, f)
    const inPackage = index.packages.get(f.package)
    if (inPackage) inPackage.push(f)
    else index.packages.set(f.package, [f])
    for (const m of allMessages(f)) index.messages.set(m.fullName, m)
    for (const e of allEnums(f)) index.enums.set(e.fullName, e)
    for (const s of f.services) index.services.set(s.fullName, s)
    for (const x of allExtensions(f)) {
      const extendee = x.extendee ?? ''
      let byNumber = index.extensions.get(extendee)
      if (!byNumber) index.extensions.set(extendee, (byNumber = new Map()))
      byNumber.set(x.number, x)
    }
  }
  return index
}

/** Messages of a file by nested name (`Outer.Inner`), map entries and groups included, as buf counts them. */
export function nestedMessages(file: ProtoFile): Map<string, Message> {
  const out = new Map<string, Message>()
  for (const m of allMessages(file)) out.set(m.nestedName, m)
  return out
}

export function nestedEnums(file: ProtoFile): Map<string, ProtoEnum> {
  const out = new Map<string, ProtoEnum>()
  for (const e of allEnums(file)) out.set(e.nestedName, e)
  return out
}

export function nestedExtensions(file: ProtoFile): Map<string, Field> {
  const out = new Map<string, Field>()
  const pkg = file.package
  for (const x of allExtensions(file)) {
    out.set(
      pkg && x.fullName.startsWith(pkg + '.') ? x.fullName.slice(pkg.length + 1) : x.fullName,
      x
    )
  }
  return out
}

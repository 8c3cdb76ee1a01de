import {
  Composer,
  CST,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  visit,
  type Pair,
  type Scalar,
  type YAMLMap
} from 'yaml'
import type { ImagePin, PinEdit } from '../../revert/types.js'

export interface PinResult {
  /** The file with the edited values; every other byte is kept (comments, quotes, indentation). */
  text: string
  edits: PinEdit[]
  /** Why the file was left alone (it is not valid YAML). */
  error?: string
}

interface ImageRef {
  name: string
  tag: string | null
  digest: string | null
}

/** `docker.io/library/nginx`, `index.docker.io/nginx` and `nginx` are one image. */
export function normalizeImageName(name: string): string {
  let n = name.trim().toLowerCase()
  n = n.replace(/^(index\.)?docker\.io\//, '')
  n = n.replace(/^library\//, '')
  return n
}

/** Splits `name[:tag][@digest]` without judging it: values in YAML files are what they are. */
export function splitImageRef(ref: string): ImageRef | null {
  const text = ref.trim()
  if (text === '' || /\s/.test(text)) return null
  const at = text.indexOf('@')
  const namePart = at === -1 ? text : text.slice(0, at)
  const digest = at === -1 ? null : text.slice(at + 1)
  if (digest !== null && !/^sha256:[0-9a-f]{64}$/.test(digest)) return null
  const slash = namePart.lastIndexOf('/')
  const colon = namePart.lastIndexOf(':')
  const hasTag = colon > slash
  const name = hasTag ? namePart.slice(0, colon) : namePart
  if (!/^[a-z0-9][a-z0-9._/:-]*$/i.test(name)) return null
  return { name, tag: hasTag ? namePart.slice(colon + 1) : null, digest }
}

function pinFor(pins: readonly ImagePin[], name: string): ImagePin | undefined {
  const wanted = normalizeImageName(name)
  return pins.find((pin) => normalizeImageName(pin.name) === wanted)
}

/** A value names the bad release when it carries its digest, or, having no digest, its tag. */
function namesBadRelease(pin: ImagePin, tag: string | null, digest: string | null): boolean {
  if (digest) return pin.from.digest !== null && digest === pin.from.digest
  return tag !== null && pin.from.tag !== null && tag === pin.from.tag
}

function scalarText(node: unknown): string | null {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : null
}

function pairValue(map: YAMLMap, key: string): Scalar | null {
  for (const item of map.items) {
    if (isPair(item) && scalarText(item.key) === key && isScalar(item.value)) return item.value
  }
  return null
}

/**
 * Rewrites the image references of the bad release to the good one's, in place: a Kubernetes
 * `image:` value, a kustomization `images:` entry (`newTag`, `digest`) and Helm values
 * (`repository` with `tag` and/or `digest`, `registry` prepended). Only the edited scalars change;
 * the YAML is edited through its concrete syntax tree, so comments, quoting and layout survive.
 */
export function pinImageReferences(
  text: string,
  file: string,
  pins: readonly ImagePin[]
): PinResult {
  // Parsing is the cost: a file that cannot name a failing release is not parsed at all.
  const needles = pins.flatMap((pin) =>
    [pin.from.digest?.replace(/^sha256:/, ''), pin.from.tag].filter((n): n is string => !!n)
  )
  if (!needles.some((needle) => text.includes(needle))) return { text, edits: [] }
  const lines = new LineCounter()
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text))
  const docs = Array.from(new Composer({ keepSourceTokens: true }).compose(tokens))
  const broken = docs.find((doc) => doc.errors.length > 0)
  if (broken)
    return { text, edits: [], error: broken.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' }

  const edits: PinEdit[] = []
  const set = (node: Scalar, kind: PinEdit['kind'], field: string, value: string) => {
    const from = scalarText(node) ?? ''
    if (from === value || !node.srcToken) return
    CST.setScalarValue(node.srcToken, value)
    const offset = node.range?.[0] ?? 0
    edits.push({ file, line: lines.linePos(offset).line, kind, field, from, to: value })
  }

  for (const doc of docs) {
    visit(doc, {
      Map(_key, map, path) {
        const parent = path[path.length - 1]
        const grand = path[path.length - 2]
        const inImages =
          isSeq(parent) && isPair(grand) && scalarText((grand as Pair).key) === 'images'
        if (inImages && pairValue(map, 'name')) {
          pinKustomizeEntry(map, pins, set)
          return
        }
        if (pairValue(map, 'repository')) pinHelmImage(map, pins, set)
        for (const item of map.items) {
          if (!isPair(item) || scalarText(item.key) !== 'image' || !isScalar(item.value)) continue
          const value = item.value
          const ref = splitImageRef(scalarText(value) ?? '')
          const pin = ref && pinFor(pins, ref.name)
          if (!ref || !pin || !namesBadRelease(pin, ref.tag, ref.digest)) continue
          const tag = ref.tag === null ? null : (pin.to.tag ?? null)
          const digest = pin.to.digest
          if (tag === null && digest === null) continue
          set(
            value,
            'image',
            'image',
            `${ref.name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
          )
        }
      }
    })
  }
  if (edits.length === 0) return { text, edits }
  return { text: tokens.map((token) => CST.stringify(token)).join(''), edits }
}

type Setter = (node: Scalar, kind: PinEdit['kind'], field: string, value: string) => void

/** kustomization.yaml: `images: [{ name, newName?, newTag?, digest? }]`. */
function pinKustomizeEntry(map: YAMLMap, pins: readonly ImagePin[], set: Setter): void {
  const name = scalarText(pairValue(map, 'newName')) ?? scalarText(pairValue(map, 'name'))
  const pin = name ? pinFor(pins, name) : undefined
  if (!pin) return
  const tagNode = pairValue(map, 'newTag')
  const digestNode = pairValue(map, 'digest')
  if (!namesBadRelease(pin, scalarText(tagNode), scalarText(digestNode))) return
  if (digestNode && pin.to.digest) set(digestNode, 'kustomize', 'digest', pin.to.digest)
  if (tagNode && pin.to.tag) set(tagNode, 'kustomize', 'newTag', pin.to.tag)
}

/** Helm values: `{ registry?, repository, tag?, digest? }`; a digest may be written with or without `sha256:`. */
function pinHelmImage(map: YAMLMap, pins: readonly ImagePin[], set: Setter): void {
  const repository = scalarText(pairValue(map, 'repository')) as string
  const registry = scalarText(pairValue(map, 'registry'))
  const pin =
    pinFor(pins, registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository) ??
    pinFor(pins, repository)
  if (!pin) return
  const tagNode = pairValue(map, 'tag')
  const digestNode = pairValue(map, 'digest')
  const rawTag = scalarText(tagNode)
  const tagAt = rawTag?.indexOf('@') ?? -1
  const tag = rawTag !== null && tagAt >= 0 ? rawTag.slice(0, tagAt) : rawTag
  const tagDigest = rawTag !== null && tagAt >= 0 ? rawTag.slice(tagAt + 1) : null
  const rawDigest = scalarText(digestNode)
  const bare = rawDigest !== null && rawDigest !== '' && !rawDigest.startsWith('sha256:')
  const digest = rawDigest ? (bare ? `sha256:${rawDigest}` : rawDigest) : tagDigest
  if (!namesBadRelease(pin, tag || null, digest)) return
  if (digestNode && rawDigest && pin.to.digest) {
    set(digestNode, 'helm', 'digest', bare ? pin.to.digest.slice('sha256:'.length) : pin.to.digest)
  }
  if (tagNode && rawTag !== null) {
    const newTag = pin.to.tag ?? tag ?? ''
    const newDigest = tagDigest !== null ? pin.to.digest : null
    const value = `${newTag}${newDigest ? `@${newDigest}` : ''}`
    if (value !== '' && (pin.to.tag !== null || newDigest !== null))
      set(tagNode, 'helm', 'tag', value)
  }
}

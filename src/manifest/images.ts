import { InputError } from '../core/errors.js'
import type { ImageRecord } from './types.js'

const digestPattern = /^sha256:[0-9a-f]{64}$/
const hostPart = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?`
const pathPart = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`
const namePattern = new RegExp(`^${hostPart}${pathPart}$`)
const tagPattern = /^[\w][\w.-]{0,127}$/

export interface ImageOptions {
  /** Record images given by tag only (no digest). Off by default: a tag can move, a digest cannot. */
  allowTagOnly: boolean
}

/** Where an image reference came from, so errors name the input. */
export type ImageOrigin = string

export function parseImageReference(
  reference: string,
  origin: ImageOrigin,
  options: ImageOptions
): ImageRecord {
  const ref = reference.trim()
  const at = ref.indexOf('@')
  const namePart = at === -1 ? ref : ref.slice(0, at)
  const digest = at === -1 ? null : ref.slice(at + 1)
  if (digest !== null) assertDigest(digest, `${origin}: image '${ref}'`)
  const { name, tag } = splitTag(namePart, `${origin}: image '${ref}'`)
  if (digest === null && !options.allowTagOnly) {
    throw new InputError(
      `${origin}: image '${ref}' has no digest; a tag can be moved, so it cannot be restored. ` +
        `Give NAME@sha256:<64 hex> (docker buildx prints it; docker/build-push-action outputs 'digest'), ` +
        `or set allow-tag-only-images to record it anyway.`
    )
  }
  return { name, tag, digest }
}

export function assertDigest(digest: string, where: string): void {
  if (digestPattern.test(digest)) return
  const hint = /^sha256:[0-9a-fA-F]{64}$/.test(digest)
    ? 'use lower-case hex'
    : 'a digest is sha256: followed by 64 lower-case hex characters'
  throw new InputError(`${where}: malformed digest '${digest}' (${hint}).`)
}

function splitTag(namePart: string, where: string): { name: string; tag: string | null } {
  const slash = namePart.lastIndexOf('/')
  const colon = namePart.lastIndexOf(':')
  const hasTag = colon > slash
  const name = hasTag ? namePart.slice(0, colon) : namePart
  const tag = hasTag ? namePart.slice(colon + 1) : null
  if (!namePattern.test(name)) {
    throw new InputError(
      `${where}: '${name}' is not a valid image name (lower-case, e.g. ghcr.io/org/app).`
    )
  }
  if (tag !== null && !tagPattern.test(tag)) {
    throw new InputError(`${where}: '${tag}' is not a valid image tag.`)
  }
  return { name, tag }
}

/**
 * docker/build-push-action's `metadata` output: `image.name` holds one or more comma-separated
 * names (with tags), `containerimage.digest` the pushed digest.
 */
export function parseBuildMetadata(
  text: string,
  origin: ImageOrigin,
  options: ImageOptions
): ImageRecord[] {
  let metadata: unknown
  try {
    metadata = JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `${origin}: not valid JSON (${(error as Error).message}); pass docker/build-push-action's 'metadata' output as is.`
    )
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InputError(
      `${origin}: expected a JSON object (docker/build-push-action's 'metadata' output).`
    )
  }
  const record = metadata as Record<string, unknown>
  const names = typeof record['image.name'] === 'string' ? record['image.name'] : ''
  const digest =
    typeof record['containerimage.digest'] === 'string' ? record['containerimage.digest'] : null
  if (names.trim() === '') {
    throw new InputError(
      `${origin}: no 'image.name' in the build metadata; was the image pushed with a name (tags input)?`
    )
  }
  if (digest === null && !options.allowTagOnly) {
    throw new InputError(
      `${origin}: no 'containerimage.digest' in the build metadata; was the image pushed (push: true)?`
    )
  }
  return names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => parseImageReference(digest ? `${name}@${digest}` : name, origin, options))
}

/** The same name:tag twice is a mistake (or two different digests for one tag: a conflict). */
export function assertNoDuplicateImages(images: readonly ImageRecord[]): void {
  const seen = new Map<string, ImageRecord>()
  for (const image of images) {
    const key = `${image.name}:${image.tag ?? ''}`
    const earlier = seen.get(key)
    if (earlier) {
      const what = `${image.name}${image.tag ? `:${image.tag}` : ''}`
      throw new InputError(
        earlier.digest === image.digest
          ? `images: '${what}' is listed twice; list each image once.`
          : `images: '${what}' is listed with two digests (${earlier.digest} and ${image.digest}); keep the one that was pushed.`
      )
    }
    seen.set(key, image)
  }
}

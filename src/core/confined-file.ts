import { open, realpath } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'

/** What a spec file may weigh: far above any real spec, far below what a runner can hold. */
export const maxSpecFileBytes = 32 * 1024 * 1024

/** Why a file was refused; the caller words the error with its own file:line. */
export class ConfinementError extends Error {
  constructor(
    message: string,
    readonly rule: 'outside-root' | 'not-a-regular-file' | 'too-large' | 'not-utf8'
  ) {
    super(message)
    this.name = 'ConfinementError'
  }
}

/** True when `path` is `root` or below it (lexically). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Reads a file that must stay inside `root` once symlinks are followed, be a regular file (no
 * device, FIFO or /proc entry that never ends) and weigh at most `maxBytes`; the text must be UTF-8.
 * Anything else is a ConfinementError, never a partial read.
 */
export async function readConfinedText(
  path: string,
  root: string,
  maxBytes: number = maxSpecFileBytes
): Promise<string> {
  if (!isInside(root, path)) {
    throw new ConfinementError(`is outside ${root}`, 'outside-root')
  }
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(path)])
  if (!isInside(realRoot, realFile)) {
    throw new ConfinementError(`is a link to ${realFile}, outside ${root}`, 'outside-root')
  }
  const handle = await open(realFile, 'r')
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new ConfinementError('is not a regular file', 'not-a-regular-file')
    if (info.size > maxBytes) {
      throw new ConfinementError(
        `weighs ${info.size} bytes, over the ${maxBytes}-byte limit`,
        'too-large'
      )
    }
    // Read at most one byte past the limit: a file that grows (or lies about its size) still stops.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size, 0) + 1))
    let length = 0
    for (;;) {
      if (length === buffer.length) break
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) {
      throw new ConfinementError(`is over the ${maxBytes}-byte limit`, 'too-large')
    }
    return decodeUtf8(buffer.subarray(0, length))
  } finally {
    await handle.close()
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Strict UTF-8: bytes that are not UTF-8 are refused instead of read as replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new ConfinementError('is not UTF-8 text', 'not-utf8')
  }
}

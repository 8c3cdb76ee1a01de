import { parseDocument } from 'yaml'
import { InputError } from '../core/errors.js'

/**
 * The config version read from a file: the value at a dotted key of a YAML/JSON document
 * (`version`, `image.tag`), or, without a key, the file's trimmed text (a VERSION file).
 */
export function readConfigVersion(text: string, file: string, key: string | null): string {
  if (!key) {
    const value = text.trim()
    if (value === '' || value.includes('\n')) {
      throw new InputError(
        `config-version-file '${file}' must hold one line (the version); or name a YAML key with config-version-key.`
      )
    }
    return value
  }
  const document = parseDocument(text)
  if (document.errors.length > 0) {
    const first = document.errors[0]
    const line = first?.linePos?.[0]?.line
    throw new InputError(
      `config-version-file '${file}'${line ? `:${line}` : ''}: not valid YAML (${first?.message.split('\n')[0]}).`
    )
  }
  let value: unknown = document.toJS()
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null || !(part in value)) {
      throw new InputError(
        `config-version-key '${key}' is not in '${file}'; name a key that holds the version (e.g. 'version' or 'image.tag').`
      )
    }
    value = (value as Record<string, unknown>)[part]
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InputError(
      `config-version-key '${key}' in '${file}' holds ${value === null ? 'null' : typeof value}, not a version string.`
    )
  }
  return String(value)
}

import { contractKinds } from '../core/change.js'
import { InputError } from '../core/errors.js'

/** The `manifest:` section of .rollback-guard.yml; every key is optional and flags override it. */
export interface ManifestSettings {
  service?: string
  env?: string
  images?: string[]
  goModules?: string[] | 'auto' | 'none'
  configVersion?: string
  configVersionFile?: string
  configVersionKey?: string
  configFiles?: string[]
  contracts?: string[]
  store?: string
  branch?: string
  remote?: string
  storePath?: string
  allowTagOnlyImages?: boolean
}

const stringKeys = {
  service: 'service',
  env: 'env',
  'config-version': 'configVersion',
  'config-version-file': 'configVersionFile',
  'config-version-key': 'configVersionKey',
  store: 'store',
  branch: 'branch',
  remote: 'remote',
  'store-path': 'storePath'
} as const
const listKeys = {
  images: 'images',
  'config-files': 'configFiles',
  contracts: 'contracts'
} as const

export function parseManifestSettings(
  section: Record<string, unknown>,
  file: string
): ManifestSettings {
  const settings: ManifestSettings = {}
  const where = (key: string) => `${file}: manifest.${key}`
  for (const [key, value] of Object.entries(section)) {
    if (key in stringKeys) {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new InputError(`${where(key)} must be a string.`)
      settings[stringKeys[key as keyof typeof stringKeys]] = String(value)
    } else if (key in listKeys) {
      settings[listKeys[key as keyof typeof listKeys]] = stringList(value, where(key))
    } else if (key === 'go-modules') {
      settings.goModules =
        value === 'auto' || value === 'none' ? value : stringList(value, where(key))
    } else if (key === 'allow-tag-only-images') {
      if (typeof value !== 'boolean') throw new InputError(`${where(key)} must be true or false.`)
      settings.allowTagOnlyImages = value
    } else {
      const known = [
        ...Object.keys(stringKeys),
        ...Object.keys(listKeys),
        'go-modules',
        'allow-tag-only-images'
      ]
      throw new InputError(
        `${where(key)} is not a manifest setting; use one of ${known.join(', ')}.`
      )
    }
  }
  return settings
}

function stringList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value as string[]
  throw new InputError(`${where} must be a string or a list of strings.`)
}

/** A contract to snapshot, as flags and inputs give it: `path`, or `kind:path` to set its kind. */
export function parseContractSpec(value: string): { path: string; kind: string | null } {
  const colon = value.indexOf(':')
  const kind = colon > 0 ? value.slice(0, colon) : ''
  return (contractKinds as readonly string[]).includes(kind)
    ? { kind, path: value.slice(colon + 1) }
    : { kind: null, path: value }
}

import { describe, it, expect, afterAll } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../../src/core/errors.js'
import { breakingConfigOf, protobufRules } from '../../../src/contract/protobuf/index.js'
import { isUnstablePackage } from '../../../src/contract/protobuf/config.js'
import { checksById } from '../../../src/contract/protobuf/rules.js'
import { bufConfiguredRules } from './support/buf.js'

const work = mkdtempSync(join(tmpdir(), 'rg-bufyaml-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const configs: Record<string, string> = {
  'v1 defaults': 'version: v1\n',
  'v1beta1 defaults': 'version: v1beta1\n',
  'v2 defaults': 'version: v2\n',
  'v1 WIRE minus a rule':
    'version: v1\nbreaking:\n  use: [WIRE]\n  except: [FIELD_WIRE_COMPATIBLE_TYPE]\n',
  'v1 PACKAGE plus ids':
    'version: v1\nbreaking:\n  use: [PACKAGE, FIELD_NO_DELETE_UNLESS_NAME_RESERVED]\n',
  'v2 WIRE_JSON minus a category': 'version: v2\nbreaking:\n  use: [WIRE_JSON]\n  except: [WIRE]\n',
  'v2 module-level breaking':
    'version: v2\nmodules:\n  - path: proto\n    breaking:\n      use: [WIRE]\n',
  'v2 FILE minus PACKAGE': 'version: v2\nbreaking:\n  use: [FILE]\n  except: [PACKAGE]\n'
}

describe('buf.yaml breaking configuration', () => {
  it.each(Object.entries(configs))('selects the rules buf selects: %s', async (_name, yaml) => {
    const dir = mkdtempSync(join(work, 'cfg-'))
    writeFileSync(join(dir, 'buf.yaml'), yaml)
    const ours = [...breakingConfigOf(parseYaml(yaml)).rules].sort()
    expect(ours).toEqual(await bufConfiguredRules(dir))
  })

  it('runs the replacements of deprecated ids, as buf breaking does', () => {
    const config = breakingConfigOf(
      parseYaml('version: v1\nbreaking:\n  use: [FIELD_SAME_LABEL, FIELD_SAME_CTYPE]\n')
    )
    expect([...config.rules].sort()).toEqual([
      'FIELD_SAME_CARDINALITY',
      'FIELD_SAME_CPP_STRING_TYPE',
      'FIELD_WIRE_COMPATIBLE_CARDINALITY',
      'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'
    ])
  })

  it('uses buf v1 defaults (FILE) when the head tree has no buf.yaml', () => {
    const config = breakingConfigOf(null)
    expect(config.version).toBe('v1')
    expect(config.rules.has('FIELD_SAME_TYPE')).toBe(true)
    expect(config.rules.has('FIELD_SAME_DEFAULT')).toBe(false)
  })

  it('reads ignore, ignore_only (ids and categories) and ignore_unstable_packages', () => {
    const config = breakingConfigOf(
      parseYaml(
        [
          'version: v1',
          'breaking:',
          '  ignore: [./legacy/, vendor]',
          '  ignore_only:',
          '    FIELD_NO_DELETE: [a/b.proto]',
          '    WIRE: [wire]',
          '  ignore_unstable_packages: true'
        ].join('\n')
      )
    )
    expect(config.ignore).toEqual(['legacy', 'vendor'])
    expect(config.ignoreOnly.get('FIELD_NO_DELETE')).toEqual(['a/b.proto'])
    expect(config.ignoreOnly.get('FIELD_WIRE_COMPATIBLE_TYPE')).toEqual(['wire'])
    expect(config.ignoreUnstablePackages).toBe(true)
  })

  it('names buf.yaml and the unknown id in the error', () => {
    expect(() =>
      breakingConfigOf(
        parseYaml('version: v1\nbreaking:\n  use: [FIELD_SAME_COLOUR]\n'),
        'api/buf.yaml'
      )
    ).toThrow(InputError)
    expect(() =>
      breakingConfigOf(
        parseYaml('version: v1\nbreaking:\n  use: [FIELD_SAME_COLOUR]\n'),
        'api/buf.yaml'
      )
    ).toThrow(/^api\/buf\.yaml: breaking\.use names "FIELD_SAME_COLOUR"/)
    expect(() => breakingConfigOf(parseYaml('version: v9\n'), 'buf.yaml')).toThrow(/version "v9"/)
  })

  it('recognises unstable packages as buf does', () => {
    expect(
      ['a.v1alpha1', 'a.v1beta', 'a.v2test', 'a.v1p1beta1', 'v1alpha'].map(isUnstablePackage)
    ).toEqual([true, true, true, true, true])
    expect(['a.v1', 'a.beta', 'a.v1.beta1', 'alpha'].map(isUnstablePackage)).toEqual([
      false,
      false,
      false,
      false
    ])
  })

  it('has a check for every buf rule, with buf categories in the registry', () => {
    expect(protobufRules.length).toBe(69)
    expect(protobufRules.filter((r) => !checksById[r.id]).map((r) => r.id)).toEqual([
      'FIELD_SAME_LABEL'
    ])
    expect(protobufRules.find((r) => r.id === 'FIELD_SAME_TYPE')).toMatchObject({
      kind: 'protobuf',
      level: 'breaking',
      categories: ['CSR', 'FILE', 'PACKAGE']
    })
  })
})

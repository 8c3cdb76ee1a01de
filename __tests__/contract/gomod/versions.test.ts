import { describe, it, expect } from '@jest/globals'
import {
  compareGoVersions,
  compareModuleVersions,
  isPseudoVersion,
  splitMajorSuffix
} from '../../../src/contract/gomod/versions.js'

const sorted = (versions: string[], compare: (a: string, b: string) => number) =>
  [...versions].sort(compare)

describe('module versions', () => {
  it('orders by semver precedence, never as strings', () => {
    expect(compareModuleVersions('v1.10.0', 'v1.9.0')).toBeGreaterThan(0)
    expect(compareModuleVersions('v0.10.0', 'v0.9.9')).toBeGreaterThan(0)
    expect(
      sorted(
        ['v1.10.0', 'v1.2.0', 'v1.9.1', 'v1.2.0-rc.1', 'v1.2.0-beta.2', 'v1.2.0-beta.11'],
        compareModuleVersions
      )
    ).toEqual(['v1.2.0-beta.2', 'v1.2.0-beta.11', 'v1.2.0-rc.1', 'v1.2.0', 'v1.9.1', 'v1.10.0'])
  })

  it('orders pseudo-versions by commit time and before the release they precede', () => {
    const older = 'v0.0.0-20191109021931-daa7c04131f5'
    const newer = 'v0.0.0-20240115093000-5f2c1a9b7e3d'
    expect(compareModuleVersions(older, newer)).toBeLessThan(0)
    expect(compareModuleVersions('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4')).toBeLessThan(0)
    expect(compareModuleVersions('v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3')).toBeGreaterThan(
      0
    )
    expect(isPseudoVersion(older)).toBe(true)
    expect(isPseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')).toBe(true)
    expect(isPseudoVersion('v1.2.4-rc.1')).toBe(false)
  })

  it('ignores +incompatible for ordering', () => {
    expect(compareModuleVersions('v2.0.0+incompatible', 'v2.0.0')).toBe(0)
    expect(compareModuleVersions('v3.1.0+incompatible', 'v2.9.0+incompatible')).toBeGreaterThan(0)
  })

  it('splits major suffixes of module paths, including gopkg.in', () => {
    expect(splitMajorSuffix('go.etcd.io/etcd/client/v3')).toEqual({
      prefix: 'go.etcd.io/etcd/client',
      major: 3
    })
    expect(splitMajorSuffix('gopkg.in/yaml.v3')).toEqual({ prefix: 'gopkg.in/yaml', major: 3 })
    expect(splitMajorSuffix('github.com/pkg/errors')).toEqual({
      prefix: 'github.com/pkg/errors',
      major: null
    })
    expect(splitMajorSuffix('example.com/v1')).toEqual({ prefix: 'example.com/v1', major: null })
  })
})

describe('Go versions', () => {
  it('orders go lines numerically: 1.9 < 1.10 < 1.21 < 1.21rc1 < 1.21.0 < 1.21.3', () => {
    expect(
      sorted(
        ['1.21.3', '1.10', '1.21.0', '1.9', '1.21rc1', '1.21', '1.20.14', '1.21rc2'],
        compareGoVersions
      )
    ).toEqual(['1.9', '1.10', '1.20.14', '1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.3'])
  })

  it('reads toolchain names', () => {
    expect(compareGoVersions('go1.22.4', 'go1.21.6')).toBeGreaterThan(0)
    expect(compareGoVersions('go1.22.0', '1.22.0')).toBe(0)
  })
})

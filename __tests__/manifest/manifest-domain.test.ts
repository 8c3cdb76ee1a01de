import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { buildManifest, configDigest } from '../../src/manifest/build.js'
import { manifestId, serializeManifest, sha256Hex } from '../../src/manifest/canonical.js'
import { readConfigVersion } from '../../src/manifest/config-version.js'
import { readGoModHeader } from '../../src/manifest/go-mod-header.js'
import { manifestSchema } from '../../src/manifest/schema.js'
import { manifestSchemaErrors } from '../../src/manifest/validate.js'

const parts = {
  service: 'api',
  env: 'prod',
  createdAt: new Date('2026-11-01T10:00:00.123Z'),
  source: {
    repository: 'acme/api',
    commit: 'a'.repeat(40),
    ref: 'refs/tags/v1.2.0',
    tag: 'v1.2.0',
    runUrl: null,
    runAttempt: 1,
    actor: 'octocat'
  },
  go: [
    {
      path: '.',
      module: 'example.com/api',
      goVersion: '1.22',
      goModSha256: 'b'.repeat(64),
      goSumSha256: null
    }
  ],
  images: [{ name: 'ghcr.io/acme/api', tag: 'v1.2.0', digest: `sha256:${'c'.repeat(64)}` }],
  configVersion: '42',
  configFiles: [
    { path: 'deploy/b.yaml', sha256: 'd'.repeat(64), size: 10 },
    { path: 'deploy/a.yaml', sha256: 'e'.repeat(64), size: 20 }
  ],
  contracts: [{ path: 'api/openapi.yaml', sha256: 'f'.repeat(64), kind: 'openapi' }]
}

describe('the manifest document', () => {
  it('validates against the published JSON Schema, which matches the one in code', () => {
    const published = JSON.parse(readFileSync('schemas/rollback-manifest.schema.json', 'utf8'))
    expect(published).toEqual(JSON.parse(JSON.stringify(manifestSchema)))
    expect(manifestSchemaErrors(buildManifest(parts, null))).toEqual([])
  })

  it('is rejected by the schema when a digest or the commit is malformed', () => {
    const bad = buildManifest(parts, null)
    bad.images[0]!.digest = 'sha256:xyz'
    bad.source.commit = 'HEAD'
    const errors = manifestSchemaErrors(bad)
    expect(errors.join('\n')).toMatch(/\/images\/0\/digest/)
    expect(errors.join('\n')).toMatch(/\/source\/commit/)
  })

  it('chains to the previous manifest by its sha256', () => {
    const first = buildManifest(parts, null)
    const firstSha = sha256Hex(serializeManifest(first))
    const second = buildManifest(parts, {
      id: manifestId(first, firstSha),
      commit: first.source.commit,
      sha256: firstSha
    })
    expect(second.previous?.sha256).toBe(firstSha)
    expect(manifestId(first, firstSha, 12)).toMatch(
      /^000012-20261101T100000Z-aaaaaaaaaaaa-[0-9a-f]{8}$/
    )
    expect(manifestSchemaErrors(second)).toEqual([])
  })

  it('digests config files independently of the order they were given', () => {
    const reversed = [...parts.configFiles].reverse()
    expect(configDigest(parts.configFiles)).toBe(configDigest(reversed))
    expect(configDigest(parts.configFiles)).not.toBe(configDigest([parts.configFiles[0]!]))
    expect(configDigest([])).toBeNull()
  })
})

describe('reading versions', () => {
  it('reads module path and go directive from go.mod, ignoring comments and quotes', () => {
    expect(
      readGoModHeader(
        '// comment\nmodule "example.com/x/v2" // trailing\n\ngo 1.21.3\ntoolchain go1.22.0\n'
      )
    ).toEqual({
      module: 'example.com/x/v2',
      goVersion: '1.21.3'
    })
  })

  it('reads the config version from a YAML key or a one-line file', () => {
    expect(readConfigVersion('image:\n  tag: "2.3.1"\n', 'values.yaml', 'image.tag')).toBe('2.3.1')
    expect(readConfigVersion('version: 7\n', 'Chart.yaml', 'version')).toBe('7')
    expect(readConfigVersion('1.9.0\n', 'VERSION', null)).toBe('1.9.0')
    expect(() => readConfigVersion('image: {}\n', 'values.yaml', 'image.tag')).toThrow(
      /config-version-key 'image.tag' is not in 'values.yaml'/
    )
    expect(() => readConfigVersion('a: [\n', 'values.yaml', 'a')).toThrow(
      /values.yaml.*not valid YAML/
    )
  })
})

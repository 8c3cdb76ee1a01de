import { readFile } from 'node:fs/promises'
import { describe, expect, it } from '@jest/globals'
import { parseAllDocuments } from 'yaml'
import {
  normalizeImageName,
  pinImageReferences,
  splitImageRef
} from '../../src/platform/yaml/pin-digests.js'
import type { ImagePin } from '../../src/revert/types.js'

const fixture = (path: string) =>
  readFile(new URL(`../fixtures/revert/${path}`, import.meta.url), 'utf8')
const good = `sha256:${'a'.repeat(64)}`
const bad = `sha256:${'b'.repeat(64)}`
const payments: ImagePin = {
  name: 'ghcr.io/acme/payments',
  from: { tag: '2.8.0', digest: bad },
  to: { tag: '2.7.4', digest: good }
}

/** The lines that differ between two texts of the same length in lines. */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n')
  const b = after.split('\n')
  expect(b).toHaveLength(a.length)
  return a.flatMap((line, index) => (line === b[index] ? [] : [[line, b[index] as string]]))
}

describe('pin-digests on a kustomize overlay', () => {
  it('rewrites newTag and digest of the failing image only, keeping every comment and quote', async () => {
    const before = await fixture('kustomize/overlays/production/kustomization.yaml')
    const result = pinImageReferences(before, 'kustomization.yaml', [payments])
    expect(result.error).toBeUndefined()
    expect(changedLines(before, result.text)).toEqual([
      [
        '    newTag: "2.8.0"  # human-readable, the digest decides',
        '    newTag: "2.7.4"  # human-readable, the digest decides'
      ],
      [`    digest: ${bad}`, `    digest: ${good}`]
    ])
    expect(result.edits.map((e) => [e.kind, e.field, e.line, e.to])).toEqual([
      ['kustomize', 'digest', 15, good],
      ['kustomize', 'newTag', 14, '2.7.4']
    ])
    // Still the same kustomization, with the sidecar untouched.
    const images = parseAllDocuments(result.text)[0]?.toJSON().images
    expect(images[1]).toEqual({
      name: 'ghcr.io/acme/envoy-sidecar',
      newTag: '1.31.2',
      digest: `sha256:${'e'.repeat(64)}`
    })
  })

  it('rewrites Kubernetes image: values in every document, and leaves other releases and images alone', async () => {
    const before = await fixture('kustomize/base/deployment.yaml')
    const result = pinImageReferences(before, 'deployment.yaml', [payments])
    expect(changedLines(before, result.text)).toEqual([
      [
        `          image: "ghcr.io/acme/payments:2.8.0@${bad}" # same build, runs migrations`,
        `          image: "ghcr.io/acme/payments:2.7.4@${good}" # same build, runs migrations`
      ],
      [
        `          image: ghcr.io/acme/payments@${bad}`,
        `          image: ghcr.io/acme/payments@${good}`
      ]
    ])
    expect(result.text).toContain(
      `image: ghcr.io/acme/payments:2.7.4@${'sha256:' + 'a'.repeat(64)}`
    )
    expect(result.text).toContain(
      'image: ghcr.io/acme/envoy-sidecar:1.31.2   # not part of the release'
    )
  })
})

describe('pin-digests on Helm values', () => {
  it('matches registry + repository, keeps the digest quoting, and moves a tag-only reference by its tag', async () => {
    const before = await fixture('helm/payments/values.yaml')
    const result = pinImageReferences(before, 'values.yaml', [payments])
    expect(changedLines(before, result.text)).toEqual([
      ['  tag: 2.8.0', '  tag: 2.7.4'],
      [`  digest: "${bad}"`, `  digest: "${good}"`],
      [
        '    tag: "2.8.0"     # no digest here: the tag is what the chart renders',
        '    tag: "2.7.4"     # no digest here: the tag is what the chart renders'
      ]
    ])
    expect(result.text).toContain(
      '## @param image.digest Image digest in the form sha256:aaaa; overrides the tag'
    )
    expect(result.edits.every((e) => e.kind === 'helm')).toBe(true)
  })

  it('writes a digest without its sha256: prefix when the values hold it that way', () => {
    const text = `image:\n  repository: ghcr.io/acme/payments\n  digest: ${'b'.repeat(64)} # bare hex\n`
    const result = pinImageReferences(text, 'values.yaml', [payments])
    expect(result.text).toBe(
      `image:\n  repository: ghcr.io/acme/payments\n  digest: ${'a'.repeat(64)} # bare hex\n`
    )
  })
})

describe('other shapes', () => {
  it('follows a kustomize newName and a Helm tag that carries the digest', () => {
    const kustomization = `images:\n  - name: payments # short name in the base\n    newName: ghcr.io/acme/payments\n    digest: ${bad}\n`
    expect(pinImageReferences(kustomization, 'k.yaml', [payments]).text).toBe(
      kustomization.replace(bad, good)
    )
    const values = `image:\n  repository: ghcr.io/acme/payments\n  tag: "2.8.0@${bad}"\n`
    expect(pinImageReferences(values, 'v.yaml', [payments]).text).toBe(
      `image:\n  repository: ghcr.io/acme/payments\n  tag: "2.7.4@${good}"\n`
    )
  })
})

describe('what pin-digests leaves alone', () => {
  it('does not touch a file that is not valid YAML, and says why', () => {
    const text = `image: ghcr.io/acme/payments@${bad}\n  bad: [indent\n`
    const result = pinImageReferences(text, 'broken.yaml', [payments])
    expect(result.text).toBe(text)
    expect(result.edits).toEqual([])
    expect(result.error).toMatch(/.+/)
  })

  it('returns the very same text when nothing names the failing release', async () => {
    const before = await fixture('kustomize/overlays/production/hpa.yaml')
    expect(pinImageReferences(before, 'hpa.yaml', [payments])).toEqual({ text: before, edits: [] })
  })

  it('treats docker.io/library names as their short form', () => {
    expect(normalizeImageName('docker.io/library/nginx')).toBe('nginx')
    expect(normalizeImageName('index.docker.io/bitnami/nginx')).toBe('bitnami/nginx')
    expect(splitImageRef('localhost:5000/app:1.2')).toEqual({
      name: 'localhost:5000/app',
      tag: '1.2',
      digest: null
    })
    expect(splitImageRef('not an image')).toBeNull()
  })
})

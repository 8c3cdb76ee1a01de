import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/core/errors.js'
import {
  assertNoDuplicateImages,
  parseBuildMetadata,
  parseImageReference
} from '../../src/manifest/images.js'

const digest = `sha256:${'0123456789abcdef'.repeat(4)}`
const strict = { allowTagOnly: false }

describe('image references', () => {
  it('splits name, tag and digest, including registries with a port', () => {
    expect(parseImageReference(`ghcr.io/acme/api:1.4.0@${digest}`, 'images', strict)).toEqual({
      name: 'ghcr.io/acme/api',
      tag: '1.4.0',
      digest
    })
    expect(parseImageReference(`localhost:5000/team/app@${digest}`, 'images', strict)).toEqual({
      name: 'localhost:5000/team/app',
      tag: null,
      digest
    })
  })

  it('refuses a tag-only image unless allowed, saying how to get a digest', () => {
    expect(() => parseImageReference('ghcr.io/acme/api:1.4.0', 'images', strict)).toThrow(
      /has no digest.*allow-tag-only-images/
    )
    expect(parseImageReference('ghcr.io/acme/api:1.4.0', 'images', { allowTagOnly: true })).toEqual(
      {
        name: 'ghcr.io/acme/api',
        tag: '1.4.0',
        digest: null
      }
    )
  })

  it('names the input and the fix for malformed digests', () => {
    expect(() => parseImageReference('ghcr.io/acme/api@sha256:abc', 'images', strict)).toThrow(
      /images: image 'ghcr.io\/acme\/api@sha256:abc': malformed digest .*64 lower-case hex/
    )
    expect(() =>
      parseImageReference(
        `ghcr.io/acme/api@${digest.toUpperCase().replace('SHA256', 'sha256')}`,
        'images',
        strict
      )
    ).toThrow(/use lower-case hex/)
    expect(() => parseImageReference(`GHCR.io/Acme/API@${digest}`, 'images', strict)).toThrow(
      InputError
    )
  })

  it("reads docker/build-push-action's metadata output with several tags", () => {
    const metadata = JSON.stringify({
      'buildx.build.ref': 'builder/builder0/abc',
      'containerimage.digest': digest,
      'image.name': 'ghcr.io/acme/api:1.4.0,ghcr.io/acme/api:latest'
    })
    expect(parseBuildMetadata(metadata, 'build-metadata', strict)).toEqual([
      { name: 'ghcr.io/acme/api', tag: '1.4.0', digest },
      { name: 'ghcr.io/acme/api', tag: 'latest', digest }
    ])
    expect(() => parseBuildMetadata('{"image.name":"a/b:1"}', 'build-metadata', strict)).toThrow(
      /push: true/
    )
    expect(() => parseBuildMetadata('not json', 'build-metadata', strict)).toThrow(/not valid JSON/)
  })

  it('rejects the same image twice, and one tag with two digests', () => {
    const image = parseImageReference(`ghcr.io/acme/api:1@${digest}`, 'images', strict)
    expect(() => assertNoDuplicateImages([image, image])).toThrow(/listed twice/)
    const other = { ...image, digest: `sha256:${'f'.repeat(64)}` }
    expect(() => assertNoDuplicateImages([image, other])).toThrow(/two digests/)
    expect(() => assertNoDuplicateImages([image, { ...image, tag: 'latest' }])).not.toThrow()
  })
})

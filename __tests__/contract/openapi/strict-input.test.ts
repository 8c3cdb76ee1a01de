import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/core/errors.js'
import { loadOpenApi } from '../../../src/contract/openapi/index.js'

const work = mkdtempSync(join(tmpdir(), 'rg-strict-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function refusal(name: string, text: string | Buffer): Promise<string> {
  writeFileSync(join(work, name), text)
  const error = await loadOpenApi(join(work, name)).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(InputError)
  return (error as Error).message
}

describe('a spec that says a thing twice, or is not text, is refused (exit 2)', () => {
  it('a duplicate key in YAML names the file and line', async () => {
    const message = await refusal(
      'dup.yaml',
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a: {}\n  /a: {}\n'
    )
    expect(message).toMatch(/^dup\.yaml:5: invalid YAML: .*unique/)
  })

  it('YAML merge keys may still repeat', async () => {
    writeFileSync(
      join(work, 'merge.yaml'),
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\nx-a: &a { p: 1 }\nx-b: &b { q: 2 }\nx-c:\n  <<: *a\n  <<: *b\npaths: {}\n'
    )
    await expect(loadOpenApi(join(work, 'merge.yaml'))).resolves.toBeDefined()
  })

  it('a duplicate key in JSON names the file and line', async () => {
    const message = await refusal(
      'dup.json',
      '{\n "openapi": "3.0.3",\n "info": {"title": "t", "version": "1"},\n "paths": {},\n "paths": {}\n}\n'
    )
    expect(message).toMatch(/^dup\.json:5: invalid JSON: duplicate key 'paths'/)
  })

  it('a spec that is not UTF-8 is refused instead of read with replacement characters', async () => {
    const message = await refusal(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from('openapi: 3.0.3\ninfo: { title: "caf'),
        Buffer.from([0xe9]),
        Buffer.from('", version: "1" }\npaths: {}\n')
      ])
    )
    expect(message).toContain('not UTF-8')
  })
})

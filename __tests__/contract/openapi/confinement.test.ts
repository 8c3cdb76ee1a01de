import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/core/errors.js'
import { loadOpenApi } from '../../../src/contract/openapi/index.js'
import { readConfinedText } from '../../../src/core/confined-file.js'

const work = mkdtempSync(join(tmpdir(), 'rg-confine-'))
const repo = join(work, 'repo')
mkdirSync(join(repo, 'api'), { recursive: true })
mkdirSync(join(work, 'outside'), { recursive: true })
writeFileSync(join(work, 'outside/x.yaml'), 'type: string\n')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A spec whose schema on line 9 is a `$ref` to `target`. */
function specWithRef(name: string, target: string): string {
  const file = join(repo, 'api', name)
  writeFileSync(
    file,
    [
      'openapi: 3.0.3',
      'info: { title: t, version: "1" }',
      'paths:',
      '  /x:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
      `          content: { application/json: { schema: { $ref: '${target}' } } }`,
      ''
    ].join('\n')
  )
  return file
}

async function refusal(file: string): Promise<string> {
  const error = await loadOpenApi(file, { root: repo }).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(InputError)
  return (error as Error).message
}

describe('a $ref never reads outside the repository', () => {
  it.each([
    ['a relative path that climbs out', '../../outside/x.yaml'],
    ['/etc/passwd', '/etc/passwd'],
    ['/proc/self/environ', '/proc/self/environ'],
    ['/dev/zero', '/dev/zero']
  ])('%s is an input error naming file:line and the rule', async (_name, target) => {
    const message = await refusal(specWithRef(`spec-${_name.replace(/\W/g, '')}.yaml`, target))
    expect(message).toMatch(/^api\/spec-\w+\.yaml:9: \$ref '/)
    expect(message).toContain('outside-root')
  })

  it('a symlink inside the repository that leads out is refused', async () => {
    symlinkSync(join(work, 'outside/x.yaml'), join(repo, 'api/link.yaml'))
    const message = await refusal(specWithRef('via-link.yaml', './link.yaml'))
    expect(message).toContain('api/via-link.yaml:9')
    expect(message).toContain('outside-root')
  })

  it('a file over the size limit is refused without being read', async () => {
    writeFileSync(join(repo, 'api/huge.yaml'), '')
    truncateSync(join(repo, 'api/huge.yaml'), 33 * 1024 * 1024)
    const message = await refusal(specWithRef('to-huge.yaml', './huge.yaml'))
    expect(message).toContain('too-large')
  })

  it('a referenced file that is not UTF-8 is refused', async () => {
    writeFileSync(
      join(repo, 'api/latin1.yaml'),
      Buffer.from([0x74, 0x79, 0x70, 0x65, 0x3a, 0x20, 0xe9, 0x0a])
    )
    const message = await refusal(specWithRef('to-latin1.yaml', './latin1.yaml'))
    expect(message).toContain('not-utf8')
  })

  it('a device is not a regular file even where the root allows it', async () => {
    await expect(readConfinedText('/dev/zero', '/')).rejects.toThrow('not a regular file')
  })

  it('a $ref inside the repository is still followed', async () => {
    writeFileSync(join(repo, 'api/ok.yaml'), 'type: string\n')
    const spec = await loadOpenApi(specWithRef('fine.yaml', './ok.yaml'), { root: repo })
    expect(spec.files.size).toBe(2)
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/core/errors.js'
import { loadGoMod } from '../../../src/contract/gomod/engine.js'
import { parseGoMod } from '../../../src/contract/gomod/parse.js'

const work = mkdtempSync(join(tmpdir(), 'rg-gomod-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('a go.mod the go command would refuse is an input error naming file:line', () => {
  it('an empty go.mod', () => {
    expect(() => parseGoMod('', 'go.mod')).toThrow(/^go\.mod:1: no 'module' directive/)
  })

  it('an unknown directive', () => {
    expect(() =>
      parseGoMod('module example.com/a\n\ngo 1.22\nrequir example.com/b v1.0.0\n', 'go.mod')
    ).toThrow(/^go\.mod:4: unknown directive 'requir'/)
  })

  it('tool and ignore stay accepted', () => {
    expect(
      parseGoMod('module example.com/a\ntool example.com/t\nignore ./x\n', 'go.mod').module?.path
    ).toBe('example.com/a')
  })

  it('a control character in a quoted string', () => {
    const error = (() => {
      try {
        parseGoMod('module "example.com/\u0001a"\n', 'go.mod')
      } catch (e) {
        return e
      }
      return null
    })()
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(/^go\.mod:1: the quoted string/)
  })

  it('a binary file', async () => {
    writeFileSync(
      join(work, 'go.mod'),
      Buffer.from([0x6d, 0x6f, 0x00, 0xff, 0xfe, 0x22, 0x01, 0x22])
    )
    await expect(loadGoMod(join(work, 'go.mod'), 'svc/go.mod')).rejects.toThrow(
      /^svc\/go\.mod: not a go\.mod text file/
    )
  })
})

import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { catFileBatch } from '../../src/platform/git/exec.js'

describe('catFileBatch', () => {
  it('reads binary and empty blobs byte for byte and maps a missing object to null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollback-guard-cat-file-'))
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: dir }).toString('utf8').trim()
      git('init', '--quiet')
      const binary = Buffer.from([0, 10, 255, 13, 10, 0, 1, 2, 10])
      writeFileSync(join(dir, 'image.bin'), binary)
      writeFileSync(join(dir, 'empty'), '')
      git('add', '.')
      const tree = git('write-tree')
      const missing = 'deadbeef'.repeat(5)
      const found = await catFileBatch(dir, [`${tree}:image.bin`, missing, `${tree}:empty`])
      expect(found.get(`${tree}:image.bin`)).toEqual(binary)
      expect(found.get(missing)).toBeNull()
      expect(found.get(`${tree}:empty`)).toEqual(Buffer.alloc(0))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

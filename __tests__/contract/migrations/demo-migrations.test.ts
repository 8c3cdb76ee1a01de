import { describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { runDemo } from '../../../src/wiring/demo.js'

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url))

describe('the demo release 1.5.0 with a migration', () => {
  it('records the migrations folder and lists the migration with its down command in the revert plan', async () => {
    let minute = 0
    const printed: string[] = []
    await runDemo({
      examplesDir,
      print: (text) => printed.push(text),
      now: () => new Date(Date.UTC(2026, 4, 1, 12, minute++))
    })
    const output = printed.join('')
    expect(output).toContain('the last good code does NOT run on the current schema')
    expect(output).toContain('db/migrations: migration 00002 renaming-column orders.total')
    expect(output).toContain('crosses 00002 00002_refunds.sql')
    expect(output).toContain('$ goose -dir db/migrations postgres "$DATABASE_URL" down-to 00001')
  }, 180_000)
})

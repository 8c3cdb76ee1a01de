import { describe, expect, it } from '@jest/globals'
import {
  defaultTruncationNote,
  fitBody,
  maxBodyLength
} from '../../../src/platform/github/body-limit.js'

describe('fitBody', () => {
  it('leaves a body within the limit untouched', () => {
    const body = 'x'.repeat(maxBodyLength)
    expect(fitBody(body)).toEqual({ body, truncated: false })
  })

  it('cuts at a line break and ends with the note', () => {
    const body = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')
    const { body: cut, truncated } = fitBody(body, 300, 'cut!')
    expect(truncated).toBe(true)
    expect(cut.length).toBeLessThanOrEqual(300)
    const lines = cut.split('\n')
    expect(lines.at(-1)).toBe('cut!')
    expect(lines.at(-2)).toBe('')
    expect(lines.slice(0, -2).every((line, i) => line === `line ${i}`)).toBe(true)
  })

  it('closes a code fence that the cut left open, with the same fence', () => {
    const body = [
      'intro',
      '~~~yaml',
      ...Array.from({ length: 200 }, (_, i) => `key${i}: value`),
      '~~~'
    ].join('\n')
    const { body: cut } = fitBody(body, 500)
    expect(cut.length).toBeLessThanOrEqual(500)
    expect(cut.match(/^~~~/gm)).toHaveLength(2)
    expect(cut.endsWith(`~~~\n\n${defaultTruncationNote}`)).toBe(true)
  })

  it('never splits a character made of two UTF-16 units', () => {
    const body = '😀'.repeat(70000)
    const { body: cut } = fitBody(body, maxBodyLength, 'note')
    expect(cut.length).toBeLessThanOrEqual(maxBodyLength)
    expect(cut.replace(/\n\nnote$/, '')).toMatch(/^(😀)+$/u)
  })
})

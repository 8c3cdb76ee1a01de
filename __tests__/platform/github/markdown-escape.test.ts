import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { escapeMarkdown, inlineCode } from '../../../src/report/markdown-escape.js'

/** GitHub's own markdown parser (Debian package cmark-gfm), with the extensions github.com enables. */
function renderGfm(markdown: string): string {
  try {
    return execFileSync(
      'cmark-gfm',
      ['--unsafe', '-e', 'autolink', '-e', 'table', '-e', 'strikethrough', '-e', 'tasklist'],
      {
        input: markdown,
        encoding: 'utf8'
      }
    )
  } catch (error) {
    throw new Error(
      `cmark-gfm is needed for this test: apt-get install cmark-gfm (${String(error)})`,
      { cause: error }
    )
  }
}

/** The text a reader sees: tags removed, entities decoded, zero-width spaces dropped. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#8203;|\u200b/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()
}

const hostile = [
  'ping @org/team and @mona about #123',
  '<img src=x onerror=alert(1)>',
  '<!-- rollback-guard:x -->',
  '<details><summary>hidden</summary>payload</details>',
  '[click me](https://evil.example/phish) and ![tracker](https://evil.example/p.png)',
  'see https://evil.example/x or www.evil.example',
  'a | b | c',
  '`code` and ``more``',
  '**bold** _em_ ~~strike~~',
  '# not a heading',
  '- not a list',
  '1. not a list either',
  '> not a quote',
  'line one\nline two\r\n## heading',
  'mail mona@example.com',
  'a & b &amp; &lt;tag&gt;',
  'backslash \\ and \\* star'
]

describe('escapeMarkdown', () => {
  it.each(hostile)('renders %j as plain text with no markup', (text) => {
    const html = renderGfm(escapeMarkdown(text))
    expect(html.trim()).toMatch(/^<p>[\s\S]*<\/p>$/)
    expect(html.replace(/^<p>|<\/p>\s*$/g, '')).not.toMatch(/<[a-z!/]/i)
    expect(visibleText(html)).toBe(text.replace(/\r?\n/g, ' '))
  })

  it('stays inert inside a table cell', () => {
    const html = renderGfm(
      `| change | message |\n| --- | --- |\n| x | ${escapeMarkdown('a | b <b>c</b> @team')} |\n`
    )
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string)
    expect(cells).toHaveLength(2)
    expect(visibleText(cells[1] as string)).toBe('a | b <b>c</b> @team')
    expect(cells[1]).not.toMatch(/<b>/)
  })

  it('breaks mentions and references with a zero-width space, so GitHub neither notifies nor links', () => {
    expect(escapeMarkdown('@org/team')).toBe('@&#8203;org/team')
    expect(escapeMarkdown('#42')).toBe('#&#8203;42')
  })

  it('cannot forge the hidden comment marker', () => {
    expect(escapeMarkdown('<!-- rollback-guard:contract-check -->')).not.toContain('<!--')
  })
})

describe('inlineCode', () => {
  it.each(['plain', 'has `ticks`', '`starts', 'ends`', '``double``'])(
    'shows %j verbatim in a code span',
    (text) => {
      const html = renderGfm(`x ${inlineCode(text)} y`)
      const code = /<code>([\s\S]*?)<\/code>/.exec(html)?.[1]
      expect(visibleText(code ?? '')).toBe(text)
    }
  )

  it('escapes pipes in table cells so the row keeps its columns', () => {
    const html = renderGfm(
      `| a | b |\n| --- | --- |\n| ${inlineCode('x|y', { inTable: true })} | z |\n`
    )
    expect([...html.matchAll(/<td>/g)]).toHaveLength(2)
    expect(/<code>([^<]*)<\/code>/.exec(html)?.[1]).toBe('x|y')
  })

  it('keeps HTML inert inside the span', () => {
    expect(renderGfm(inlineCode('<img src=x>'))).toContain('<code>&lt;img src=x&gt;</code>')
  })
})

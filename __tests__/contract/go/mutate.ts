import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Source mutations of real Go packages: each turns one file's text into a changed version (or
 * null when it does not apply), so apidiff and our engine can be compared on realistic APIs.
 */
export interface Mutation {
  name: string
  apply(source: string): string | null
}

function replaceFirst(
  source: string,
  re: RegExp,
  replace: (m: RegExpExecArray) => string
): string | null {
  const m = re.exec(source)
  if (!m) return null
  return source.slice(0, m.index) + replace(m) + source.slice(m.index + m[0].length)
}

export const mutations: Mutation[] = [
  {
    name: 'remove exported func',
    apply: (s) =>
      replaceFirst(s, /^func ([A-Z]\w*)([[(])/m, (m) => `func removedByTest${m[1]}${m[2]}`)
  },
  {
    name: 'add a parameter',
    apply: (s) =>
      replaceFirst(s, /^func (\([^)]*\) )?([A-Z]\w*)\((\)?)/m, (m) =>
        m[3]
          ? `func ${m[1] ?? ''}${m[2]}(addedParam int)`
          : `func ${m[1] ?? ''}${m[2]}(addedParam int, `
      )
  },
  {
    name: 'change a result',
    apply: (s) =>
      replaceFirst(
        s,
        /^(func (?:\([^)]*\) )?[A-Z]\w*\([^)]*\)) (error|string|bool|int)( \{)$/m,
        (m) => `${m[1]} (${m[2]}, bool)${m[3]}`
      )
  },
  {
    name: 'add interface method',
    apply: (s) =>
      replaceFirst(s, /^type ([A-Z]\w*) interface \{\n/m, (m) => `${m[0]}\tAddedByTest() int\n`)
  },
  {
    name: 'add unexported interface method',
    apply: (s) =>
      replaceFirst(s, /^type ([A-Z]\w*) interface \{\n/m, (m) => `${m[0]}\taddedByTest()\n`)
  },
  {
    name: 'remove interface method',
    apply: (s) =>
      replaceFirst(
        s,
        /^(type [A-Z]\w* interface \{\n(?:\t\/\/[^\n]*\n)*)\t[A-Z]\w*\([^\n]*\n/m,
        (m) => m[1]!
      )
  },
  {
    name: 'add struct field',
    apply: (s) =>
      replaceFirst(s, /^type ([A-Z]\w*) struct \{\n/m, (m) => `${m[0]}\tAddedByTest int\n`)
  },
  {
    name: 'make struct incomparable',
    apply: (s) =>
      replaceFirst(s, /^type ([A-Z]\w*) struct \{\n/m, (m) => `${m[0]}\tnoCompareByTest []int\n`)
  },
  {
    name: 'remove exported field',
    apply: (s) =>
      replaceFirst(
        s,
        /^(type [A-Z]\w* struct \{\n(?:\t\/\/[^\n]*\n)*)\t[A-Z]\w*(?:, [A-Z]\w*)* +[^\n]+\n/m,
        (m) => m[1]!
      )
  },
  {
    name: 'change field type',
    apply: (s) =>
      replaceFirst(
        s,
        /^(type [A-Z]\w* struct \{\n(?:\t\/\/[^\n]*\n)*\t[A-Z]\w*) +(int|string|bool|float64|int64|byte|uint)\b/m,
        (m) => `${m[1]} []${m[2]}`
      )
  },
  {
    name: 'value receiver to pointer',
    apply: (s) =>
      replaceFirst(
        s,
        /^func \((\w+) ([A-Z]\w*)\) ([A-Z]\w*)\(/m,
        (m) => `func (${m[1]} *${m[2]}) ${m[3]}(`
      )
  },
  {
    name: 'remove method',
    apply: (s) =>
      replaceFirst(
        s,
        /^func \((\w+ )?(\*?[A-Z]\w*)\) ([A-Z]\w*)\(/m,
        (m) => `func (${m[1] ?? ''}${m[2]}) removedByTest${m[3]}(`
      )
  },
  {
    name: 'widen numeric type',
    apply: (s) =>
      replaceFirst(s, /^type ([A-Z]\w*) (int8|int16|int32|uint8|uint16|uint32|float32)$/m, (m) => {
        const wider: Record<string, string> = {
          int8: 'int16',
          int16: 'int64',
          int32: 'int64',
          uint8: 'uint16',
          uint16: 'uint32',
          uint32: 'uint64',
          float32: 'float64'
        }
        return `type ${m[1]} ${wider[m[2]!]}`
      })
  },
  {
    name: 'narrow or change signedness',
    apply: (s) =>
      replaceFirst(
        s,
        /^type ([A-Z]\w*) (int|int64|uint|uint64|int32|uint32)$/m,
        (m) => `type ${m[1]} ${m[2]!.startsWith('u') ? 'int8' : 'uint16'}`
      )
  },
  {
    name: 'change constant value',
    apply: (s) =>
      replaceFirst(
        s,
        /^(\t|const )([A-Z]\w*)( \w+)? = (\d+)$/m,
        (m) => `${m[1]}${m[2]}${m[3] ?? ''} = ${Number(m[4]) + 1000}`
      )
  },
  {
    name: 'add exported func',
    apply: (s) =>
      /^package \w+/m.test(s)
        ? `${s}\n// AddedByTest is new.\nfunc AddedByTest(x int) string { return "" }\n`
        : null
  },
  {
    name: 'add a method',
    apply: (s) => {
      const m = /^type ([A-Z]\w*) struct \{/m.exec(s)
      return m ? `${s}\nfunc (*${m[1]}) AddedMethodByTest() int { return 0 }\n` : null
    }
  },
  {
    name: 'append a variadic parameter',
    apply: (s) =>
      replaceFirst(s, /^func ((?:\([^()]*\) )?[A-Z]\w*)\(([^()]*)\)/m, (m) =>
        m[2]!.includes('...')
          ? m[0]
          : `func ${m[1]}(${m[2]!.trim() ? `${m[2]}, ` : ''}optsByTest ...int)`
      )
  },
  {
    name: 'embed a struct',
    apply: (s) => {
      const m = /^type ([A-Z]\w*) struct \{\n/m.exec(s)
      if (!m) return null
      const withEmbed =
        s.slice(0, m.index + m[0].length) + '\tEmbeddedByTest\n' + s.slice(m.index + m[0].length)
      return `${withEmbed}\n// EmbeddedByTest is new.\ntype EmbeddedByTest struct{ PromotedByTest int }\n\nfunc (EmbeddedByTest) PromotedMethodByTest() {}\n`
    }
  },
  {
    name: 'func to var',
    apply: (s) =>
      replaceFirst(
        s,
        /^func ([A-Z]\w*)\(\) (error|string|bool|int) \{/m,
        (m) => `var ${m[1]} = func() ${m[2]} {`
      )
  }
]

/**
 * Copies a package directory (without tests) and applies the mutation to the first file it fits;
 * returns null when it fits none.
 */
export async function mutatePackage(
  src: string,
  dest: string,
  mutation: Mutation
): Promise<string | null> {
  await rm(dest, { recursive: true, force: true })
  await cp(src, dest, {
    recursive: true,
    filter: (p) => topLevelSource(src, p)
  })
  const files = (await readdir(dest)).filter((f) => f.endsWith('.go')).sort()
  for (const file of files) {
    const full = path.join(dest, file)
    const source = await readFile(full, 'utf8')
    const changed = mutation.apply(source)
    if (changed !== null && changed !== source) {
      await writeFile(full, changed)
      return file
    }
  }
  return null
}

export async function copyPackage(src: string, dest: string): Promise<void> {
  await rm(dest, { recursive: true, force: true })
  await cp(src, dest, {
    recursive: true,
    filter: (p) => topLevelSource(src, p)
  })
}

/** The package's own files: no tests, no sub-packages. */
function topLevelSource(src: string, p: string): boolean {
  return p === src || (path.dirname(p) === src && !p.endsWith('_test.go') && p.endsWith('.go'))
}

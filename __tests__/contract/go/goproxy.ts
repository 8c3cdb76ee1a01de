import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { run } from '../../../src/platform/go/toolchain.js'

/** Module paths in a proxy are case-encoded: an upper-case letter becomes `!` and the letter. */
function escapePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)
}

/**
 * Publishes one version of a module into a file-system GOPROXY (`GOPROXY=file://<dir>`): the
 * standard `<module>/@v/{list,<v>.info,<v>.mod,<v>.zip}` layout, the zip written with `zip`.
 */
export async function publishModule(
  proxyDir: string,
  modulePath: string,
  version: string,
  files: Record<string, string>
): Promise<void> {
  const goMod = files['go.mod'] ?? `module ${modulePath}\n\ngo 1.21\n`
  const all = { ...files, 'go.mod': goMod }
  const vDir = path.join(proxyDir, escapePath(modulePath), '@v')
  await mkdir(vDir, { recursive: true })
  const v = escapePath(version)
  await writeFile(path.join(vDir, `${v}.mod`), goMod)
  await writeFile(
    path.join(vDir, `${v}.info`),
    JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' })
  )
  await appendFile(path.join(vDir, 'list'), `${version}\n`)
  const staging = await mkdtemp(path.join(os.tmpdir(), 'rg-zip-'))
  try {
    const top = `${escapePath(modulePath)}@${v}`
    for (const [name, text] of Object.entries(all)) {
      const file = path.join(staging, top, name)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, text)
    }
    const result = await run('zip', ['-q', '-r', '-X', path.join(vDir, `${v}.zip`), top], {
      cwd: staging,
      env: process.env
    })
    if (result.code !== 0) throw new Error(`zip failed: ${result.stderr}`)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** The environment of a go command that reads only the file proxy and a private module cache. */
export function offlineGoEnv(proxyDir: string, modCache: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOPROXY: `file://${proxyDir}`,
    GOSUMDB: 'off',
    GONOSUMDB: '*',
    GOFLAGS: '-modcacherw',
    GOMODCACHE: modCache,
    GOPRIVATE: ''
  }
}

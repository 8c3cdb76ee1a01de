// Creates a manifest for a repository with 50 Go modules and 1 GiB of config files, stored on the
// manifest branch of a local bare remote, and prints wall time and peak RSS of the CLI process.
import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, measure } from './support/measure.js'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const modules = Number(process.env.BENCH_GO_MODULES ?? 50)
const configBytes = Number(process.env.BENCH_CONFIG_BYTES ?? 1024 ** 3)
const configFiles = 16

async function writeBigFile(path, bytes) {
  const chunk = Buffer.alloc(4 * 1024 * 1024)
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) & 0xff
  const stream = createWriteStream(path)
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!stream.write(chunk.subarray(0, Math.min(chunk.length, bytes - written))))
      await new Promise((r) => stream.once('drain', r))
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())))
}

export async function run() {
  const base = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-manifest-'))
  try {
    const work = join(base, 'work')
    const git = (...args) =>
      execFileSync('git', args, {
        cwd: work,
        stdio: 'pipe',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'b',
          GIT_AUTHOR_EMAIL: 'b@b',
          GIT_COMMITTER_NAME: 'b',
          GIT_COMMITTER_EMAIL: 'b@b'
        }
      })
    await mkdir(join(work, 'config'), { recursive: true })
    for (let index = 0; index < modules; index++) {
      const dir = join(work, 'services', `svc${index}`)
      await mkdir(dir, { recursive: true })
      await writeFile(
        join(dir, 'go.mod'),
        `module example.com/svc${index}\n\ngo 1.22\n\nrequire golang.org/x/sync v0.7.0\n`
      )
      await writeFile(
        join(dir, 'go.sum'),
        'golang.org/x/sync v0.7.0 h1:YsImfSBoP9QPYL0xyKJPq0gcaJdG3rInoqxTWbfQu9M=\n'
      )
    }
    for (let index = 0; index < configFiles; index++)
      await writeBigFile(join(work, 'config', `blob${index}.bin`), configBytes / configFiles)
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(base, 'remote.git')])
    git('init', '-q', '-b', 'main')
    await writeFile(join(work, '.gitignore'), 'config/\n')
    git('add', '-A')
    git('commit', '-q', '-m', 'bench')
    git('remote', 'add', 'origin', join(base, 'remote.git'))
    git('push', '-q', 'origin', 'main')
    const digest = `sha256:${'ab'.repeat(32)}`
    const result = await measure(
      process.execPath,
      [
        cli,
        'manifest',
        'create',
        '--service',
        'bench',
        '--config-files',
        'config/*.bin',
        '--image',
        `ghcr.io/acme/bench@${digest}`,
        '--store',
        'branch'
      ],
      { cwd: work }
    )
    if (result.code !== 0) throw new Error(`manifest create failed: ${result.stderr}`)
    const manifest = JSON.parse(result.stdout)
    const hashedMiB = manifest.config.files.reduce((sum, file) => sum + file.size, 0) / 1024 ** 2
    console.log(
      `manifest create: ${manifest.go.length} Go modules, ${manifest.config.files.length} config files (${hashedMiB.toFixed(0)} MiB), store branch`
    )
    console.log(
      `  wall ${format.ms(result.wallMs)}, peak RSS ${format.mb(result.peakRssMb)}, ${(hashedMiB / (result.wallMs / 1000)).toFixed(0)} MiB/s overall`
    )
    const sha = await measure('sha256sum', ['config/blob0.bin'], { cwd: work })
    console.log(
      `  reference: sha256sum of one ${(configBytes / configFiles / 1024 ** 2).toFixed(0)} MiB file: ${format.ms(sha.wallMs)} (×${configFiles} = ${format.ms(sha.wallMs * configFiles)})`
    )
  } finally {
    await rm(base, { recursive: true, force: true })
  }
}

// Runs a command and reports its wall time and peak RSS (from GNU time when the machine has it).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** @returns {Promise<{ code: number|null, wallMs: number, peakRssMb: number|null, stdout: string, stderr: string }>} */
export function measure(command, args, options = {}) {
  const argv = gnuTime ? ['-f', '__peak_rss_kb=%M', command, ...args] : args
  const program = gnuTime ?? command
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(program, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      const match = /__peak_rss_kb=(\d+)/.exec(stderr)
      stderr = stderr.replace(/__peak_rss_kb=\d+\n?/, '')
      resolve({ code, wallMs, peakRssMb: match ? Number(match[1]) / 1024 : null, stdout, stderr })
    })
  })
}

export const format = {
  ms: (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`),
  mb: (mb) => (mb === null ? 'n/a' : `${mb.toFixed(0)} MB`),
  ratio: (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : 'n/a')
}

/** The CLI's output port: results on stdout, progress and errors on stderr. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  now: () => Date
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date()
}

export function progress(io: CliIo): (message: string) => void {
  return (message) => io.stderr(`rollback-guard: ${message}\n`)
}

/** The log port of a job: progress lines on stderr, warnings marked as such. */
export function logPort(io: CliIo) {
  const log = progress(io)
  return { info: log, warn: (message: string) => log(`warning: ${message}`), debug: log }
}

/** Commander collects repeated flags with this. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

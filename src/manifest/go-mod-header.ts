/** Reads the module path and `go` directive of a go.mod without the go command. */
export function readGoModHeader(text: string): { module: string | null; goVersion: string | null } {
  let module: string | null = null
  let goVersion: string | null = null
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    const moduleMatch = /^module\s+("?)([^"\s]+)\1$/.exec(line)
    if (moduleMatch && module === null) module = moduleMatch[2] ?? null
    const goMatch = /^go\s+([0-9][0-9A-Za-z.]*)$/.exec(line)
    if (goMatch && goVersion === null) goVersion = goMatch[1] ?? null
  }
  return { module, goVersion }
}

import type { ContractReport } from './model.js'

/** `--format json`: the report object of INTERFACES.md, two-space indented, one trailing newline. */
export function renderJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2) + '\n'
}

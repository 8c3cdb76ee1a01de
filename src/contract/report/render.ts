import { InputError } from '../../core/errors.js'
import { renderGithub } from './github.js'
import { renderJson } from './json.js'
import { renderPrComment, type MarkdownOptions } from './markdown.js'
import type { ContractReport } from './model.js'
import { renderText } from './text.js'

export type ReportFormat = 'json' | 'markdown' | 'text' | 'github'
export const reportFormats: readonly ReportFormat[] = ['json', 'markdown', 'text', 'github']

export function parseReportFormat(value: string, source = '--format'): ReportFormat {
  if ((reportFormats as readonly string[]).includes(value)) return value as ReportFormat
  throw new InputError(`${source} must be one of ${reportFormats.join(', ')}, got '${value}'.`)
}

/** One report, the chosen way (markdown is the PR comment). */
export function renderReport(
  report: ContractReport,
  format: ReportFormat,
  options: MarkdownOptions = {}
): string {
  switch (format) {
    case 'json':
      return renderJson(report)
    case 'markdown':
      return renderPrComment(report, options)
    case 'text':
      return renderText(report)
    case 'github':
      return renderGithub(report)
  }
}

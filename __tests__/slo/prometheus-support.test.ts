import { describe, expect, it, jest } from '@jest/globals'
import {
  findPrometheus,
  healthy,
  openMetricsOf,
  timelineAroundDeploy
} from '../support/prometheus.js'

describe('the real-Prometheus test support', () => {
  it('fails, not skips, when CI=true and the binaries are missing', () => {
    expect(() => findPrometheus({ PATH: '/nonexistent', CI: 'true' }, [])).toThrow(
      /prometheus and promtool are not installed.*CI=true, so this fails the suite/
    )
  })

  it('skips loudly outside CI', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(findPrometheus({ PATH: '/nonexistent' }, [])).toBeNull()
      expect(String(warn.mock.calls[0]?.[0])).toContain('SKIPPING')
    } finally {
      warn.mockRestore()
    }
  })

  it('puts the deploy and every sample in the past, on whole minutes', () => {
    const now = new Date('2026-05-01T12:34:56Z')
    const timeline = timelineAroundDeploy(
      [{ service: 'a', phases: [{ fromMs: -Infinity, behaviour: healthy }] }],
      now
    )
    expect(timeline.deployedAt.toISOString()).toBe('2026-05-01T10:34:00.000Z')
    const text = openMetricsOf(timeline)
    const stamps = [...text.matchAll(/ (\d+\.\d{3})$/gm)].map((m) => Number(m[1]) * 1000)
    expect(Math.max(...stamps)).toBeLessThan(now.getTime())
    expect(text.endsWith('# EOF\n')).toBe(true)
    expect(text).toContain('# TYPE http_request_duration_seconds histogram')
  })
})

import { parseSloPolicy } from '../../src/slo/policy/load.js'

const loadSloPolicyText = (text: string) => parseSloPolicy(text, 'slo.yml')

const slo = (objective: string, extra = '') => `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus
spec:
  type: Prometheus
  connectionDetails:
    url: http://127.0.0.1:9090
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: shop
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
${extra}  indicator:
    metadata:
      name: ok-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{code!~"5.."}
        total:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total
  objectives:
${objective}
`

describe('OpenSLO documents are read as strictly as the native policy', () => {
  it('accepts a well-formed SLO', () => {
    expect(() => loadSloPolicyText(slo('    - target: 0.99'))).not.toThrow()
  })

  it('refuses an unknown key in an objective, naming it and its line', () => {
    expect(() => loadSloPolicyText(slo('    - targetPrecent: 99'))).toThrow(
      /slo\.yml:\d+: .*unknown key 'targetPrecent'/
    )
  })

  it('refuses an unknown key in the spec', () => {
    expect(() =>
      loadSloPolicyText(slo('    - target: 0.99', '  budgetingMethd: Timeslices\n'))
    ).toThrow(/unknown key 'budgetingMethd'/)
  })

  it('refuses a duration that is not one (28x)', () => {
    const text = slo('    - target: 0.99').replace('duration: 28d', 'duration: 28x')
    expect(() => loadSloPolicyText(text)).toThrow(/must be an OpenSLO duration like 5m, 1h or 28d/)
  })

  it('refuses a bad timeSliceWindow', () => {
    expect(() => loadSloPolicyText(slo('    - target: 0.99\n      timeSliceWindow: soon'))).toThrow(
      /timeSliceWindow/
    )
  })
})

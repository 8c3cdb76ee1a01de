import { lifecycleChange, removalLifecycle } from '../../../src/contract/openapi/rules/lifecycle.js'

const now = new Date('2026-06-01T00:00:00Z')

describe('the lifecycle of an element (deprecated + x-sunset), shared by operations, parameters and properties', () => {
  it('judges a removal by how the element was retired', () => {
    expect(removalLifecycle({}, now)).toEqual({ kind: 'not-deprecated' })
    expect(removalLifecycle({ deprecated: true }, now)).toEqual({ kind: 'after-deprecation' })
    expect(removalLifecycle({ deprecated: true, 'x-sunset': '2026-01-01' }, now)).toEqual({
      kind: 'after-deprecation'
    })
    expect(removalLifecycle({ deprecated: true, 'x-sunset': '2027-01-01' }, now)).toEqual({
      kind: 'before-sunset',
      sunset: '2027-01-01'
    })
    expect(removalLifecycle({ deprecated: true, 'x-sunset': 'soon' }, now)).toEqual({
      kind: 'sunset-invalid',
      raw: 'soon'
    })
    // A sunset without the deprecated flag does not retire anything.
    expect(removalLifecycle({ 'x-sunset': '2020-01-01' }, now)).toEqual({ kind: 'not-deprecated' })
  })

  it('names what changed between two versions of an element', () => {
    expect(lifecycleChange({}, {})).toBeUndefined()
    expect(lifecycleChange({}, { deprecated: true })).toEqual({
      kind: 'deprecated',
      sunset: { kind: 'none' }
    })
    expect(lifecycleChange({ deprecated: true }, {})).toEqual({ kind: 'reactivated' })
    expect(
      lifecycleChange(
        { deprecated: true, 'x-sunset': '2027-01-01' },
        { deprecated: true, 'x-sunset': '2026-12-01' }
      )
    ).toEqual({ kind: 'sunset-earlier', from: '2027-01-01', to: '2026-12-01' })
    expect(
      lifecycleChange({ deprecated: true, 'x-sunset': '2027-01-01' }, { deprecated: true })
    ).toEqual({ kind: 'sunset-deleted', was: '2027-01-01' })
    expect(
      lifecycleChange({ deprecated: true, 'x-sunset': 'x' }, { deprecated: true, 'x-sunset': 'x' })
    ).toBeUndefined()
    expect(
      lifecycleChange({ deprecated: true }, { deprecated: true, 'x-sunset': 'later' })
    ).toEqual({ kind: 'sunset-invalid', raw: 'later' })
    expect(
      lifecycleChange(
        { deprecated: true, 'x-sunset': '2026-12-01' },
        { deprecated: true, 'x-sunset': '2027-01-01' }
      )
    ).toBeUndefined()
  })
})

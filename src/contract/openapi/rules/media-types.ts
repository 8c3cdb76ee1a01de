/** `application/problem+json; q=1` → { type: 'application', sub: 'problem', suffix: 'json', params }. */
interface MediaType {
  type: string
  sub: string
  suffix: string
  params: string
}

function parse(name: string): MediaType {
  const [essence = '', ...params] = name.split(';')
  const [type = '', subtype = ''] = essence.trim().toLowerCase().split('/')
  const plus = subtype.lastIndexOf('+')
  return {
    type,
    sub: plus < 0 ? subtype : subtype.slice(0, plus),
    suffix: plus < 0 ? subtype : subtype.slice(plus + 1),
    params: params.map((p) => p.trim()).join(';')
  }
}

export type MediaTypeRelation = 'same-essence' | 'generalized' | 'specialized' | 'unrelated'

/**
 * How the head media type name relates to the base one: the same type with other parameters, a more general
 * one (`application/problem+json` → `application/json`), a more specific one, or unrelated.
 */
export function relateMediaTypes(base: string, head: string): MediaTypeRelation {
  const b = parse(base)
  const h = parse(head)
  if (b.type !== h.type) return 'unrelated'
  if (b.sub === h.sub && b.suffix === h.suffix) return 'same-essence'
  if (b.params !== h.params && b.suffix === h.suffix) return 'same-essence'
  if (b.suffix !== h.suffix) return 'unrelated'
  if (h.sub === h.suffix && b.sub !== b.suffix) return 'generalized'
  if (b.sub === b.suffix && h.sub !== h.suffix) return 'specialized'
  return 'unrelated'
}

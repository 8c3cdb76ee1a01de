import { ruleCatalog, type CatalogRuleId } from './catalog.js'
import { ownRuleCatalog, type OwnRuleId } from './own-catalog.js'

/** Every OpenAPI rule id: the only ids the reporter accepts (an id outside this union does not compile). */
export type OpenApiRuleId = CatalogRuleId | OwnRuleId

const known: ReadonlySet<string> = new Set<string>([
  ...ruleCatalog.map(([id]) => id),
  ...ownRuleCatalog.map(([id]) => id)
])

export function isOpenApiRuleId(id: string): id is OpenApiRuleId {
  return known.has(id)
}

/** Where a schema rule applies: its id is `<prefix>-<suffix>`. */
export type SchemaRulePrefix =
  | 'request-body'
  | 'request-property'
  | 'request-parameter'
  | 'request-parameter-property'
  | 'request-read-only-property'
  | 'response-body'
  | 'response-property'
  | 'response-header'
  | 'response-write-only-property'

type SuffixOf<P extends string> = OpenApiRuleId extends infer I
  ? I extends `${P}-${infer S}`
    ? S
    : never
  : never

/**
 * The suffixes schema checks may emit (`max-length-decreased`): each is the tail of at least one catalog id, so
 * a misspelt suffix does not compile. Not every prefix has every suffix (a response header has no pattern rule).
 */
export type SchemaRuleSuffix =
  | SuffixOf<'request-body'>
  | SuffixOf<'request-property'>
  | SuffixOf<'request-parameter'>
  | SuffixOf<'request-parameter-property'>
  | SuffixOf<'request-read-only-property'>
  | SuffixOf<'response-body'>
  | SuffixOf<'response-property'>
  | SuffixOf<'response-header'>
  | SuffixOf<'response-write-only-property'>

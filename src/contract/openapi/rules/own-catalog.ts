/**
 * Rules of ours, for changes oasdiff does not report (or reports for a different reason): id, level (B breaking,
 * W warning, I info), direction (R request, S response, N none) and why the level is what it is. They are listed
 * in `rollback-guard rules` and docs/rules.md like the others.
 */
export const ownRuleCatalog = [
  // the released spec cannot be fixed any more; stopping the check there would hide every other change
  [
    'api-base-ref-unresolved',
    'W',
    'N',
    'a $ref of the released spec could not be followed, so what it points to was not compared'
  ],
  // SEMANTICS.md asks for maxItems on bodies and properties; oasdiff has it only for parameters
  [
    'request-property-max-items-decreased',
    'B',
    'R',
    'requests with as many items as before may now be rejected'
  ],
  [
    'request-body-max-items-decreased',
    'B',
    'R',
    'requests with as many items as before may now be rejected'
  ],
  [
    'response-property-max-items-increased',
    'B',
    'S',
    'clients may receive more items than they were promised'
  ],
  [
    'response-body-max-items-increased',
    'B',
    'S',
    'clients may receive more items than they were promised'
  ],
  // additionalProperties: an object that stops accepting unlisted properties rejects requests that carry them;
  // one that starts allowing them may send clients fields a strict parser refuses
  [
    'request-body-additional-properties-restricted',
    'B',
    'R',
    'requests carrying properties the body does not list are now rejected'
  ],
  [
    'request-property-additional-properties-restricted',
    'B',
    'R',
    'requests carrying properties the object does not list are now rejected'
  ],
  [
    'request-parameter-additional-properties-restricted',
    'B',
    'R',
    'requests carrying keys the parameter object does not list are now rejected'
  ],
  ['request-body-additional-properties-allowed', 'I', 'R', 'the body accepts more than before'],
  [
    'request-property-additional-properties-allowed',
    'I',
    'R',
    'the object accepts more than before'
  ],
  [
    'request-parameter-additional-properties-allowed',
    'I',
    'R',
    'the parameter object accepts more than before'
  ],
  [
    'response-body-additional-properties-allowed',
    'W',
    'S',
    'clients with strict parsers may meet properties they do not know; a person should look'
  ],
  [
    'response-property-additional-properties-allowed',
    'W',
    'S',
    'clients with strict parsers may meet properties they do not know; a person should look'
  ],
  [
    'response-body-additional-properties-restricted',
    'I',
    'S',
    'responses still fit what clients parse'
  ],
  [
    'response-property-additional-properties-restricted',
    'I',
    'S',
    'responses still fit what clients parse'
  ],
  // parameter serialization (style, explode, allowReserved) is the wire format of the value
  [
    'request-parameter-style-changed',
    'B',
    'R',
    'clients keep serializing the value the old way, which the server now parses differently'
  ],
  [
    'request-parameter-explode-changed',
    'B',
    'R',
    'clients keep sending arrays and objects exploded (or not), which the server now parses differently'
  ],
  [
    'request-parameter-allow-reserved-changed',
    'B',
    'R',
    'clients keep encoding reserved characters the old way, which the server now reads differently'
  ],
  [
    'request-parameter-order-changed',
    'I',
    'R',
    'the wire is unchanged, but SDKs generated with positional arguments change their signatures'
  ],
  // servers: generated clients call the first server by default
  [
    'api-server-removed',
    'W',
    'N',
    'clients configured with a server the API no longer lists lose it; a person should look'
  ],
  [
    'api-server-changed',
    'W',
    'N',
    'the base path of the server changed: every request built from the old one misses; a person should look'
  ],
  [
    'api-server-host-changed',
    'I',
    'N',
    'only the host changed and the base path is the same; clients choose the host per environment'
  ]
] as const satisfies ReadonlyArray<
  readonly [id: string, level: 'B' | 'W' | 'I', direction: 'R' | 'S' | 'N', reason: string]
>

export type OwnRuleId = (typeof ownRuleCatalog)[number][0]

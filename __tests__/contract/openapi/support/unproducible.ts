/**
 * Listed OpenAPI rules that no spec pair can produce, each with why. Empty: every listed rule is produced by a
 * case of __tests__/fixtures/openapi/rules. A rule added to the catalog needs a case there, or a line here.
 */
export const unproducible: Readonly<Record<string, string>> = {}

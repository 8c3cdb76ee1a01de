/** Listed OpenAPI rules no spec pair can produce, each with why. */
export const unproducible: Readonly<Record<string, string>> = {}

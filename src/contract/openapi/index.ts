export { openApiEngine } from './engine.js'
export {
  loadOpenApi,
  type LoadOptions,
  type OpenApiSpec,
  type OpenApiVersion
} from './load/loader.js'
export { diffOpenApi, type DiffOptions } from './diff/diff.js'
export { openApiRules } from './rules/registry.js'

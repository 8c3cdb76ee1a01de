export { goEngine, createRealGoEngine, goModImpactEngine, createRealGoModEngine } from './engine.js'
export { createDependencyImpactPort, downloadModule } from './dependencies.js'
export {
  buildDumper,
  createGoApiDumper,
  defaultCacheDir,
  findDumperSource,
  runDumper,
  type GoDumperOptions
} from './dumper.js'
export { findGoToolchain, type GoToolchain, type GoToolchainLookup } from './toolchain.js'

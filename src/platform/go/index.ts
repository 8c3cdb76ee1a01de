export { goEngine, createRealGoEngine, createRealGoModEngine } from './engine.js'
export {
  buildDumper,
  createGoApiDumper,
  defaultCacheDir,
  findDumperSource,
  runDumper,
  type GoDumperOptions
} from './dumper.js'
export { findGoToolchain, type GoToolchain, type GoToolchainLookup } from './toolchain.js'

export { goModEngine, loadGoMod, findGoMods } from './engine.js'
export { diffGoMod, type GoModLocations } from './diff.js'
export {
  parseGoMod,
  isDirectoryPath,
  type GoModFile,
  type Requirement,
  type Replacement,
  type Retraction
} from './parse.js'
export { goModRules, type GoModRuleId } from './rules.js'
export {
  compareGoVersions,
  compareModuleVersions,
  isPseudoVersion,
  parseModuleVersion,
  splitMajorSuffix
} from './versions.js'

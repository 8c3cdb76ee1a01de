// The naming rules are the domain's (core/names.ts); git callers import them from here too.
export { assertBranchName, assertRemoteName } from '../../core/names.js'

// Writes docs/rules.md from the rule registries (through the bundled CLI); `--check` fails when stale.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const table = execFileSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'markdown'], {
  encoding: 'utf8'
})
const text = `# Rules

Generated from the rule registries by \`rollback-guard rules --format markdown\` (\`npm run docs:rules\`); a
test keeps it current. Every rule can be lowered, raised or ignored by id in \`.rollback-guard.yml\`.

${table}`
if (process.argv.includes('--check')) {
  if (readFileSync('docs/rules.md', 'utf8') !== text) {
    console.error('docs/rules.md is stale: run `npm run docs:rules`')
    process.exit(1)
  }
} else {
  writeFileSync('docs/rules.md', text)
}

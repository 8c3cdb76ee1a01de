// Renders each surface a user reads (the contract PR comment, the SLO job summary, the revert pull
// request body) from the bundled CLI on the repository's examples, as GitHub-flavoured markdown
// (docs/samples/*.md) and as HTML through cmark-gfm (docs/samples/*.html), and, when Chromium is
// installed, takes a screenshot of each page (docs/samples/*.png). Run after `npm run bundle`.
// Mermaid charts are drawn as GitHub draws them when MERMAID_JS names a mermaid.min.js (mermaid is no
// dependency of the project: `npm install mermaid` in a scratch folder); a chart that does not parse
// fails the run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'docs/samples')
const cli = join(root, 'dist/cli.js')
const run = (args, cwd = root) =>
  execFileSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore']
  })
const runAllowingFailure = (args, cwd = root) => {
  try {
    return run(args, cwd)
  } catch (error) {
    // exit 1 is the finding itself (a breaking change, a failed gate): its output is the sample
    if (error.status === 1) return error.stdout
    throw error
  }
}

const samples = {}
samples['pr-comment'] = runAllowingFailure([
  'contract',
  'diff',
  '--kind',
  'openapi',
  '--format',
  'markdown',
  '--base',
  'examples/contracts/orders-api/v1/openapi.yaml',
  '--head',
  'examples/contracts/orders-api/v2/openapi.yaml'
])
samples['slo-job-summary'] = runAllowingFailure([
  'slo',
  'check',
  '--policy',
  'examples/slo/demo/slo.yml',
  '--deployed-at',
  '2026-05-01T12:00:00Z',
  '--format',
  'markdown'
])
const demo = mkdtempSync(join(tmpdir(), 'rollback-guard-samples-'))
try {
  run(['demo', '--dir', demo])
  samples['revert-pr-body'] = runAllowingFailure(
    [
      'revert',
      'plan',
      '--reason',
      join(demo, 'slo-evidence-1.5.0.json'),
      '--service',
      'shop',
      '--deploy-path',
      'deploy',
      '--format',
      'markdown'
    ],
    join(demo, 'shop')
  )
} finally {
  rmSync(demo, { recursive: true, force: true })
}

const style = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:900px;margin:24px auto;color:#1f2328;font-size:14px;line-height:1.5}
table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:4px 10px}code{background:#eff1f3;padding:1px 4px;border-radius:4px}
pre{background:#f6f8fa;padding:12px;overflow:auto}blockquote{color:#59636e;border-left:4px solid #d1d9e0;margin:0;padding:0 12px}`
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
// page heights that show every finding and chart of each sample
const heights = { 'pr-comment': 1100, 'slo-job-summary': 1700, 'revert-pr-body': 3000 }
for (const [name, raw] of Object.entries(samples)) {
  // paths as a reader's checkout has them, not this machine's
  const markdown = raw.split(root).join('')
  writeFileSync(join(out, `${name}.md`), markdown)
  const body = execFileSync(
    'cmark-gfm',
    ['--unsafe', '--extension', 'table', '--extension', 'strikethrough', '--extension', 'autolink'],
    { input: markdown, encoding: 'utf8' }
  )
  const mermaid = process.env.MERMAID_JS
    ? `<script src="file://${process.env.MERMAID_JS}"></script><script>
mermaid.initialize({ startOnLoad: false })
mermaid.run({ querySelector: 'pre.mermaid' }).then(
  () => document.title = 'rendered',
  (error) => { document.body.prepend('MERMAID PARSE ERROR: ' + error); document.title = 'mermaid error' })
</script>`
    : ''
  const charts = body.replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    (_, code) => `<pre class="mermaid">${code}</pre>`
  )
  const html = `<!doctype html><meta charset="utf-8"><title>${name}</title><style>${style}</style>\n${charts}`
  writeFileSync(join(out, `${name}.html`), html)
  if (chromium) {
    const profile = mkdtempSync(join(tmpdir(), 'rollback-guard-chromium-'))
    // the page with mermaid's script, outside the repository (it names a local file)
    const page = join(profile, `${name}.html`)
    writeFileSync(page, `${html}\n${mermaid}`)
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--hide-scrollbars',
        `--window-size=1000,${heights[name] ?? 1700}`,
        '--virtual-time-budget=10000',
        '--allow-file-access-from-files',
        `--screenshot=${join(out, `${name}.png`)}`,
        `file://${page}`
      ],
      { stdio: 'ignore' }
    )
    rmSync(profile, { recursive: true, force: true })
  }
  console.log(
    `docs/samples/${name}: ${readFileSync(join(out, `${name}.md`), 'utf8').length} characters${chromium ? ', screenshot' : ''}`
  )
}

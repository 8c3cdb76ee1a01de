// `npm run bench [name ...]`: runs bench/<name>.js (all by default) on the bundled dist/ and prints figures.
import { readdirSync } from 'node:fs'

const wanted = process.argv.slice(2)
const names = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.js') && file !== 'run.js')
  .map((file) => file.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))

const failed = []
for (const name of names) {
  console.log(`\n== ${name} ==`)
  try {
    const bench = await import(`./${name}.js`)
    await bench.run()
  } catch (error) {
    failed.push(name)
    console.log(`${name} failed: ${error instanceof Error ? error.stack : error}`)
  }
}
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.join(', ')}`)
  process.exitCode = 1
}

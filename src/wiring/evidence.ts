import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { markManifest as recordVerdict } from '../commands/manifest.js'
import { InputError } from '../core/errors.js'
import type { ManifestStore, StoredManifest } from '../manifest/store.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The text of an evidence file as the user gave its path (relative to `cwd`; `-`: standard input).
 * `name` is how the error calls where the path came from (`--reason`, `input 'evidence-path'`),
 * `hint` what to give instead.
 */
export async function readEvidenceText(
  path: string,
  at: { cwd?: string; name: string; hint: string }
): Promise<string> {
  if (path === '-') return readStdin()
  return readFile(resolve(at.cwd ?? '.', path), 'utf8').catch(() => {
    throw new InputError(`${at.name}: cannot read '${path}'; ${at.hint}`)
  })
}

/**
 * An evidence JSON object from a file (`-`: standard input). `name` is how errors call where the
 * path came from (`--evidence`, `input 'evidence-path'`).
 */
export async function readEvidenceFile(
  path: string,
  name = '--evidence'
): Promise<Record<string, unknown>> {
  const text = await readEvidenceText(path, {
    name,
    hint: "give the SLO evidence JSON file (slo-gate's evidence-path)."
  })
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
    return parsed as Record<string, unknown>
  } catch (error) {
    throw new InputError(`${name}: '${path}' is not a JSON object (${(error as Error).message}).`)
  }
}

/**
 * The library's `markManifest`: the evidence as an object, or the path of its JSON file (as
 * earlier versions took it).
 */
export async function markManifest(
  store: ManifestStore,
  service: string,
  env: string,
  ref: string,
  status: 'good' | 'bad',
  evidence: string | Record<string, unknown> | null,
  now: Date
): Promise<StoredManifest> {
  const document = typeof evidence === 'string' ? await readEvidenceFile(evidence) : evidence
  return recordVerdict(store, service, env, ref, status, document, now)
}

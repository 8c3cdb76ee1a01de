import { readFile } from 'node:fs/promises'
import { markManifest as recordVerdict } from '../commands/manifest.js'
import { InputError } from '../core/errors.js'
import type { StoredManifest } from '../manifest/store.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * An evidence JSON object from a file (`-`: standard input). `name` is how errors call where the
 * path came from (`--evidence`, `input 'evidence-path'`).
 */
export async function readEvidenceFile(
  path: string,
  name = '--evidence'
): Promise<Record<string, unknown>> {
  const text =
    path === '-'
      ? await readStdin()
      : await readFile(path, 'utf8').catch(() => {
          throw new InputError(
            `${name}: cannot read '${path}'; give the SLO evidence JSON file (slo-gate's evidence-path).`
          )
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
  ...args: [
    ...Head<Parameters<typeof recordVerdict>>,
    evidence: string | Record<string, unknown> | null,
    now: Date
  ]
): Promise<StoredManifest> {
  const [store, service, env, ref, status, evidence, now] = args
  const document = typeof evidence === 'string' ? await readEvidenceFile(evidence) : evidence
  return recordVerdict(store, service, env, ref, status, document, now)
}

/** The parameters before the evidence. */
type Head<T extends unknown[]> = T extends [...infer H, unknown, unknown] ? H : never

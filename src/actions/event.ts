import { readFile } from 'node:fs/promises'

/** The payload of the event that started the workflow (GITHUB_EVENT_PATH); {} when there is none. */
export async function readEvent<T extends object>(): Promise<Partial<T>> {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    const payload: unknown = JSON.parse(await readFile(path, 'utf8'))
    return typeof payload === 'object' && payload !== null ? (payload as Partial<T>) : {}
  } catch {
    return {}
  }
}

import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { InputError, ServiceError } from '../../core/errors.js'
import { sha256Hex } from '../../manifest/canonical.js'
import { nextLink } from '../../manifest/chain.js'
import {
  pickManifestId,
  storeLayout,
  withVerdict,
  type LatestPointer,
  type ManifestDraft,
  type ManifestStore,
  type StoredManifest
} from '../../manifest/store.js'
import type { RollbackManifest, Verdict } from '../../manifest/types.js'

const staleLockMs = 60_000

/**
 * Manifests in a folder with the branch store's layout (for workflow artifacts and other CI).
 * Writers on one machine are serialized by a lock folder; every file is written to a temporary
 * name and renamed, so a reader never sees half a manifest.
 */
export class FileManifestStore implements ManifestStore {
  constructor(private readonly root: string) {}

  async append(service: string, env: string, draft: ManifestDraft): Promise<StoredManifest> {
    return this.locked(service, env, async () => {
      const pointer = await this.readJson<LatestPointer>(storeLayout.pointer(service, env))
      const { id, sha256, manifest, text, snapshots, pointerText } = nextLink(pointer, draft)
      for (const [path, source] of snapshots) {
        const target = this.path(storeLayout.snapshot(service, env, id, path))
        await mkdir(dirname(target), { recursive: true })
        await copyFile(source, `${target}.tmp`)
        await rename(`${target}.tmp`, target)
      }
      await this.writeAtomic(storeLayout.manifest(service, env, id), text)
      await this.writeAtomic(storeLayout.pointer(service, env), pointerText)
      return {
        id,
        sha256,
        manifest,
        storeCommit: null,
        location: this.path(storeLayout.manifest(service, env, id))
      }
    })
  }

  async list(service: string, env: string): Promise<string[]> {
    try {
      const entries = await readdir(this.path(storeLayout.folder(service, env)), {
        withFileTypes: true
      })
      return entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort()
    } catch {
      return []
    }
  }

  async resolve(service: string, env: string, ref: string): Promise<StoredManifest | null> {
    const id =
      ref === 'latest'
        ? ((await this.readJson<LatestPointer>(storeLayout.pointer(service, env)))?.id ?? null)
        : await pickManifestId(
            await this.list(service, env),
            ref,
            async (candidate) =>
              (await this.readJson<RollbackManifest>(storeLayout.manifest(service, env, candidate)))
                ?.source.commit ?? '',
            (candidate) => this.readJson<Verdict>(storeLayout.verdict(service, env, candidate))
          )
    if (!id) return null
    const location = storeLayout.manifest(service, env, id)
    const text = await this.readText(location)
    if (text === null) return null
    const verdict = await this.readJson<Verdict>(storeLayout.verdict(service, env, id))
    return {
      id,
      sha256: sha256Hex(text),
      manifest: withVerdict(JSON.parse(text) as RollbackManifest, verdict),
      storeCommit: null,
      location: this.path(location)
    }
  }

  async setVerdict(
    service: string,
    env: string,
    ref: string,
    verdict: Verdict
  ): Promise<StoredManifest> {
    return this.locked(service, env, async () => {
      const stored = await this.resolve(service, env, ref)
      if (!stored) {
        throw new InputError(`no manifest '${ref}' for ${service}/${env} in '${this.root}'.`)
      }
      await this.writeAtomic(
        storeLayout.verdict(service, env, stored.id),
        `${JSON.stringify(verdict, null, 2)}\n`
      )
      return { ...stored, manifest: withVerdict(stored.manifest, verdict) }
    })
  }

  async readSnapshot(stored: StoredManifest, path: string): Promise<Buffer | null> {
    const { service, env } = stored.manifest
    return readFile(this.path(storeLayout.snapshot(service, env, stored.id, path))).catch(
      () => null
    )
  }

  private path(relative: string): string {
    return join(this.root, relative)
  }

  private async readText(relative: string): Promise<string | null> {
    return readFile(this.path(relative), 'utf8').catch(() => null)
  }

  private async readJson<T>(relative: string): Promise<T | null> {
    const text = await this.readText(relative)
    if (text === null) return null
    try {
      return JSON.parse(text) as T
    } catch {
      throw new InputError(
        `'${this.path(relative)}' is not valid JSON; it was edited by hand. Restore it from the artifact.`
      )
    }
  }

  private async writeAtomic(relative: string, text: string): Promise<void> {
    const target = this.path(relative)
    await mkdir(dirname(target), { recursive: true })
    const temporary = `${target}.${process.pid}.tmp`
    await writeFile(temporary, text)
    await rename(temporary, target)
  }

  private async locked<T>(service: string, env: string, body: () => Promise<T>): Promise<T> {
    const lock = this.path(`${storeLayout.folder(service, env)}/.lock`)
    await mkdir(dirname(lock), { recursive: true })
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(lock)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const age =
          Date.now() -
          (await stat(lock)
            .then((s) => s.mtimeMs)
            .catch(() => Date.now()))
        if (age > staleLockMs) await rm(lock, { recursive: true, force: true })
        if (attempt > 600)
          throw new ServiceError(`'${lock}' stayed locked; remove it if no other run is writing.`)
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 50))
      }
    }
    try {
      return await body()
    } finally {
      await rm(lock, { recursive: true, force: true })
    }
  }
}

import { resolve } from 'node:path'
import { readMigrationSet, readSqlFiles } from '../contract/migrations/layout.js'
import { migrationRecord } from '../contract/migrations/record.js'
import type { MigrationDirectoryRecord } from '../manifest/types.js'

/** The migration records of a manifest: one per contract of kind migrations that is a folder. */
export async function collectMigrationRecords(
  root: string,
  contracts: readonly { path: string; kind: string | null }[],
  isDirectory: (path: string) => Promise<boolean>
): Promise<MigrationDirectoryRecord[]> {
  const records: MigrationDirectoryRecord[] = []
  for (const contract of contracts) {
    if (contract.kind !== 'migrations') continue
    const dir = resolve(root, contract.path)
    if (!(await isDirectory(dir))) continue
    const set = readMigrationSet(await readSqlFiles(dir), contract.path)
    records.push(await migrationRecord(contract.path, set))
  }
  return records
}

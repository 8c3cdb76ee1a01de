import type { ContractEngine } from '../../core/engine.js'
import {
  createMigrationsEngine,
  type OpenRehearsalDatabase
} from '../../contract/migrations/engine.js'
import { openPostgres } from './pg.js'
import { openPglite } from './pglite.js'

/** PGlite by default, a real server when the contract or the command names one. */
export const openRehearsalDatabase: OpenRehearsalDatabase = ({ databaseUrl, log }) =>
  databaseUrl ? openPostgres(databaseUrl, log) : openPglite()

export const migrationsEngine: ContractEngine = createMigrationsEngine(openRehearsalDatabase)

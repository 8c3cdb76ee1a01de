import type { ChangeLevel } from '../../core/change.js'

/** One finding about one migration, before it becomes a contract Change. */
export interface Finding {
  id: string
  /** Set only when the rule's level does not fit this case (a widening type change). */
  level?: ChangeLevel
  message: string
  /** File relative to the migrations directory, and its 1-based line. */
  file: string
  line: number | null
  /** The database object (`users.email`), or the migration version for whole-file findings. */
  symbol: string | null
}

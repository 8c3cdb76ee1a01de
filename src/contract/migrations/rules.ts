import type { ChangeLevel, RuleDefinition } from '../../core/change.js'

interface MigrationRule extends RuleDefinition {
  /** The expand/contract way to make the same change without breaking the previous release. */
  alternative?: string
}

const rule = (
  id: string,
  level: ChangeLevel,
  categories: string[],
  reason: string,
  alternative?: string
): MigrationRule => ({ id, kind: 'migrations', level, categories, reason, alternative })

const previous = 'previous-release'
const rollback = 'rollback'
const locks = 'downtime'
const squawk = 'squawk'

/**
 * The migrations rules. Ids shared with squawk keep squawk's name (category `squawk`), so a team's
 * squawk excludes carry over; `migration-*` ids are the rollback rules squawk does not have.
 */
export const migrationRules: readonly MigrationRule[] = [
  rule(
    'ban-drop-column',
    'breaking',
    [previous, squawk],
    'the previous release still reads and writes the column; a rollback of the code fails on every query that names it',
    'expand/contract: stop using the column in one release, drop it in a later one'
  ),
  rule(
    'ban-drop-table',
    'breaking',
    [previous, squawk],
    'the previous release still queries the table',
    'expand/contract: stop using the table in one release, drop it in a later one'
  ),
  rule(
    'ban-drop-database',
    'breaking',
    [previous, squawk],
    'everything in the database is gone and no down migration brings it back',
    'drop a database outside the release process, once no release uses it'
  ),
  rule(
    'renaming-column',
    'breaking',
    [previous, squawk],
    'the previous release names the column by its old name',
    'expand/contract: add the new column, write both, backfill, switch reads, drop the old one later'
  ),
  rule(
    'renaming-table',
    'breaking',
    [previous, squawk],
    'the previous release names the table by its old name',
    'expand/contract: create the new table (or a view with the old name), write both, switch, drop later'
  ),
  rule(
    'changing-column-type',
    'breaking',
    [previous, squawk],
    'a narrower or different type rejects values the previous release writes, and the change rewrites the table under an exclusive lock',
    'expand/contract: add a column of the new type, write both, backfill, switch reads, drop the old one later'
  ),
  rule(
    'adding-required-field',
    'breaking',
    [previous, squawk],
    'a NOT NULL column without a default: every insert of the previous release fails',
    'expand/contract: add the column nullable or with a default, backfill, then set NOT NULL in a later release'
  ),
  rule(
    'adding-not-nullable-field',
    'breaking',
    [previous, squawk],
    'SET NOT NULL: inserts of the previous release that leave the column out fail, and the check scans the table under an exclusive lock',
    'expand/contract: add a CHECK (col IS NOT NULL) NOT VALID, validate it, and set NOT NULL once no release writes nulls'
  ),
  rule(
    'migration-constraint-rejects-old-writes',
    'breaking',
    [previous],
    'a new CHECK, UNIQUE, foreign key or exclusion constraint on an existing table rejects writes the previous release makes',
    'expand/contract: ship the code that respects the constraint first, then add it NOT VALID and validate it in a later release'
  ),
  rule(
    'migration-drop-default',
    'breaking',
    [previous],
    'inserts of the previous release that leave the column out relied on the default',
    'expand/contract: stop relying on the default in one release, drop it in a later one'
  ),
  rule(
    'ban-drop-not-null',
    'warning',
    [previous, squawk],
    'the previous release may not expect nulls in the column when it reads it'
  ),
  rule(
    'migration-missing-down',
    'breaking',
    [rollback],
    'the migration has no down step, so the release cannot be rolled back with the migration tool',
    'write the down migration; when it truly cannot exist, make the up additive so the old code runs on the new schema'
  ),
  rule(
    'migration-down-loses-data',
    'breaking',
    [rollback],
    'the down drops a table or column holding data the up did not create, or that the up backfilled',
    'keep the data in the down (rename or copy instead of drop), or make the up additive'
  ),
  rule(
    'migration-down-not-restoring',
    'breaking',
    [rollback],
    'rehearsed: after up and down the schema differs from before the up, so a rollback leaves a different database',
    'make the down the exact inverse of the up (types, nullability, defaults, constraints, indexes)'
  ),
  rule(
    'migration-up-fails',
    'breaking',
    [rollback],
    'rehearsed: the up migration fails on a database with every earlier migration applied'
  ),
  rule(
    'migration-down-fails',
    'breaking',
    [rollback],
    'rehearsed: the down migration fails right after its up, so a rollback would stop half way'
  ),
  rule(
    'migration-reapply-fails',
    'breaking',
    [rollback],
    'rehearsed: the up fails when applied again after its down, so rolling forward after a rollback breaks'
  ),
  rule(
    'migration-not-rehearsed',
    'warning',
    [rollback],
    'the rehearsal could not run the migration (an extension or feature the rehearsal database lacks); nothing about its down is proven'
  ),
  rule(
    'migration-released-edited',
    'breaking',
    [rollback],
    'a migration the last release shipped was edited: databases that ran the old text never run the new one',
    'leave released migrations alone and add a new migration with the change'
  ),
  rule(
    'migration-released-deleted',
    'breaking',
    [rollback],
    'a migration the last release shipped was deleted: databases keep its effects and the tool can no longer roll it back',
    'restore the file and add a new migration that undoes it'
  ),
  rule(
    'migration-out-of-order',
    'warning',
    [rollback],
    'a new migration is numbered before the newest released one; goose and golang-migrate refuse or skip it on databases already past that version'
  ),
  rule(
    'syntax-error',
    'breaking',
    [squawk],
    'Postgres cannot parse the migration, so it fails wherever it runs'
  ),
  rule(
    'constraint-missing-not-valid',
    'warning',
    [locks, squawk],
    'adding a constraint without NOT VALID scans the whole table while blocking writes'
  ),
  rule(
    'disallowed-unique-constraint',
    'warning',
    [locks, squawk],
    'a UNIQUE constraint builds its index while blocking writes; build the index CONCURRENTLY and add the constraint USING INDEX'
  ),
  rule(
    'adding-foreign-key-constraint',
    'warning',
    [locks, squawk],
    'a foreign key locks both tables while it validates; add it NOT VALID and VALIDATE separately'
  ),
  rule(
    'adding-serial-primary-key-field',
    'warning',
    [locks, squawk],
    'a primary key builds its index while blocking reads and writes; build the index CONCURRENTLY first'
  ),
  rule(
    'adding-field-with-default',
    'warning',
    [locks, squawk],
    'a volatile default rewrites the whole table under an exclusive lock'
  ),
  rule(
    'require-concurrent-index-creation',
    'warning',
    [locks, squawk],
    'CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds'
  ),
  rule(
    'require-concurrent-index-deletion',
    'warning',
    [locks, squawk],
    'DROP INDEX without CONCURRENTLY blocks reads and writes of the table'
  ),
  rule(
    'ban-concurrent-index-creation-in-transaction',
    'warning',
    [locks, squawk],
    'CREATE INDEX CONCURRENTLY cannot run inside a transaction; the migration fails'
  ),
  rule(
    'require-lock-timeout',
    'warning',
    [locks, squawk],
    'without `SET lock_timeout` a statement waiting for its lock queues every other query behind it'
  ),
  rule(
    'require-statement-timeout',
    'warning',
    [locks, squawk],
    'without `SET statement_timeout` a slow statement holds its locks for as long as it runs'
  ),
  rule(
    'ban-truncate-cascade',
    'warning',
    [locks, squawk],
    'TRUNCATE ... CASCADE empties every table that references this one'
  ),
  rule(
    'migration-table-added',
    'info',
    ['additive'],
    'a new table: the previous release ignores it'
  ),
  rule(
    'migration-column-added',
    'info',
    ['additive'],
    'a nullable or defaulted column: the previous release ignores it'
  ),
  rule(
    'migration-index-added',
    'info',
    ['additive'],
    'a new index: invisible to the previous release'
  )
]

const byId = new Map(migrationRules.map((r) => [r.id, r]))

export function migrationRule(id: string): MigrationRule {
  const found = byId.get(id)
  if (!found) throw new Error(`unknown migrations rule ${id}`)
  return found
}

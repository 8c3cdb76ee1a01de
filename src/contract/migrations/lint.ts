import {
  calledFunctions,
  constraints,
  dottedName,
  inner,
  list,
  obj,
  relationName,
  typeName,
  type Node
} from './ast.js'
import type { Finding } from './finding.js'
import type { Migration, MigrationTool } from './layout.js'
import type { Statement } from './parse.js'

/** Functions whose value differs per row: a default calling one rewrites the table. */
const volatileFunctions = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v4',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current'
])

/** Target types that hold every value of the usual source types (text, bigint, unbounded numeric). */
const wideTypes = new Set(['text', 'int8', 'bigint', 'numeric', 'varchar', 'jsonb', 'float8'])

/** Statements that take a lock on an existing object (squawk's timeout rules fire on these). */
const lockingStatements = new Set([
  'AlterTableStmt',
  'IndexStmt',
  'DropStmt',
  'RenameStmt',
  'CreateEnumStmt',
  'AlterEnumStmt',
  'ViewStmt',
  'CreateTrigStmt',
  'AlterSeqStmt',
  'TruncateStmt',
  'AlterDomainStmt',
  'CreateDomainStmt',
  'AlterObjectSchemaStmt',
  'DropdbStmt',
  'CreateFunctionStmt'
])

interface Context {
  file: string
  /** Tables the same up creates: no old rows, no old code uses them. */
  createdTables: Set<string>
  /** The tool wraps the up in a transaction (goose, dbmate, Flyway unless told otherwise). */
  inTransaction: boolean
  lockTimeout: boolean
  statementTimeout: boolean
  out: Finding[]
}

/** The lint rules over a new migration's up statements. */
export function lintUp(
  migration: Migration,
  statements: readonly Statement[],
  tool: MigrationTool
): Finding[] {
  const ctx: Context = {
    file: migration.up.file,
    createdTables: new Set(),
    inTransaction: (tool === 'goose' || tool === 'dbmate') && !migration.up.noTransaction,
    lockTimeout: false,
    statementTimeout: false,
    out: []
  }
  for (const statement of statements) {
    if (lockingStatements.has(statement.type)) timeouts(statement, ctx)
    const check = checks[statement.type]
    check?.(statement.node, statement, ctx)
  }
  return ctx.out
}

function add(
  ctx: Context,
  statement: Statement,
  id: string,
  symbol: string | null,
  message: string,
  level?: Finding['level']
): void {
  ctx.out.push({
    id,
    message,
    file: ctx.file,
    line: statement.line,
    symbol,
    ...(level ? { level } : {})
  })
}

function timeouts(statement: Statement, ctx: Context): void {
  if (!ctx.lockTimeout) {
    add(
      ctx,
      statement,
      'require-lock-timeout',
      null,
      'the migration takes locks without `SET lock_timeout` first'
    )
    ctx.lockTimeout = true
  }
  if (!ctx.statementTimeout) {
    add(
      ctx,
      statement,
      'require-statement-timeout',
      null,
      'the migration runs without `SET statement_timeout` first'
    )
    ctx.statementTimeout = true
  }
}

type Check = (node: Node, statement: Statement, ctx: Context) => void

const checks: Record<string, Check> = {
  CreateStmt(node, statement, ctx) {
    const table = relationName(node.relation)
    ctx.createdTables.add(table)
    add(ctx, statement, 'migration-table-added', table, `table ${table} is added`)
  },
  VariableSetStmt(node, _statement, ctx) {
    if (node.name === 'lock_timeout') ctx.lockTimeout = true
    if (node.name === 'statement_timeout') ctx.statementTimeout = true
  },
  TransactionStmt(node, _statement, ctx) {
    if (node.kind === 'TRANS_STMT_BEGIN' || node.kind === 'TRANS_STMT_START')
      ctx.inTransaction = true
    if (node.kind === 'TRANS_STMT_COMMIT' || node.kind === 'TRANS_STMT_ROLLBACK')
      ctx.inTransaction = false
  },
  DropdbStmt(node, statement, ctx) {
    add(
      ctx,
      statement,
      'ban-drop-database',
      String(node.dbname),
      `database ${String(node.dbname)} is dropped`
    )
  },
  TruncateStmt(node, statement, ctx) {
    if (node.behavior !== 'DROP_CASCADE') return
    const tables = list(node.relations).map((r) => relationName(inner(r, 'RangeVar')))
    add(
      ctx,
      statement,
      'ban-truncate-cascade',
      tables.join(', '),
      `TRUNCATE ${tables.join(', ')} CASCADE empties every table that references them`
    )
  },
  RenameStmt(node, statement, ctx) {
    const table = relationName(node.relation)
    if (node.renameType === 'OBJECT_COLUMN') {
      add(
        ctx,
        statement,
        'renaming-column',
        `${table}.${String(node.subname)}`,
        `column ${table}.${String(node.subname)} is renamed to ${String(node.newname)}; the previous release still uses the old name`
      )
    } else if (node.renameType === 'OBJECT_TABLE') {
      add(
        ctx,
        statement,
        'renaming-table',
        table,
        `table ${table} is renamed to ${String(node.newname)}; the previous release still uses the old name`
      )
    }
  },
  DropStmt(node, statement, ctx) {
    for (const object of list(node.objects)) {
      const name = dottedName(object)
      if (node.removeType === 'OBJECT_TABLE' && !ctx.createdTables.has(name)) {
        add(
          ctx,
          statement,
          'ban-drop-table',
          name,
          `table ${name} is dropped; the previous release still queries it, and its rows are gone for good`
        )
      } else if (node.removeType === 'OBJECT_INDEX' && !node.concurrent) {
        add(
          ctx,
          statement,
          'require-concurrent-index-deletion',
          name,
          `index ${name} is dropped without CONCURRENTLY`
        )
      }
    }
  },
  IndexStmt(node, statement, ctx) {
    const table = relationName(node.relation)
    const index = typeof node.idxname === 'string' ? node.idxname : `on ${table}`
    if (node.concurrent && ctx.inTransaction) {
      add(
        ctx,
        statement,
        'ban-concurrent-index-creation-in-transaction',
        index,
        `index ${index} is built CONCURRENTLY inside a transaction, which Postgres refuses; mark the migration as running outside a transaction`
      )
    }
    if (!node.concurrent && !ctx.createdTables.has(table)) {
      add(
        ctx,
        statement,
        'require-concurrent-index-creation',
        index,
        `index ${index} is built without CONCURRENTLY, blocking writes to ${table}`
      )
    }
    add(ctx, statement, 'migration-index-added', index, `index ${index} is added`)
  },
  AlterTableStmt(node, statement, ctx) {
    if (node.objtype !== undefined && node.objtype !== 'OBJECT_TABLE') return
    const table = relationName(node.relation)
    const existing = !ctx.createdTables.has(table)
    for (const raw of list(node.cmds)) {
      const cmd = inner(raw, 'AlterTableCmd')
      if (cmd) alterTableCommand(cmd, table, existing, statement, ctx)
    }
  }
}

function alterTableCommand(
  cmd: Node,
  table: string,
  existing: boolean,
  statement: Statement,
  ctx: Context
): void {
  const column = `${table}.${String(cmd.name ?? '?')}`
  switch (cmd.subtype) {
    case 'AT_DropColumn':
      if (existing)
        add(
          ctx,
          statement,
          'ban-drop-column',
          column,
          `column ${column} is dropped; the previous release still reads and writes it, and its data is gone (a down can only re-create it empty)`
        )
      return
    case 'AT_AlterColumnType': {
      const type = typeName(inner(cmd.def, 'ColumnDef')?.typeName)
      const widening = wideTypes.has(type.name) && !type.hasModifiers
      add(
        ctx,
        statement,
        'changing-column-type',
        column,
        widening
          ? `column ${column} changes type to ${type.text}: it holds the old values, but the table is rewritten under an exclusive lock`
          : `column ${column} changes type to ${type.text}, which may reject values the previous release writes`,
        widening ? 'warning' : undefined
      )
      return
    }
    case 'AT_SetNotNull':
      if (existing)
        add(
          ctx,
          statement,
          'adding-not-nullable-field',
          column,
          `column ${column} becomes NOT NULL; inserts of the previous release that leave it out fail`
        )
      return
    case 'AT_DropNotNull':
      add(
        ctx,
        statement,
        'ban-drop-not-null',
        column,
        `column ${column} may now hold nulls the previous release does not expect`
      )
      return
    case 'AT_ColumnDefault':
      if (cmd.def === undefined && existing)
        add(
          ctx,
          statement,
          'migration-drop-default',
          column,
          `the default of ${column} is dropped; inserts of the previous release that leave the column out now store null or fail`
        )
      return
    case 'AT_AddColumn':
      addColumn(inner(cmd.def, 'ColumnDef'), table, existing, statement, ctx)
      return
    case 'AT_AddConstraint': {
      const constraint = inner(cmd.def, 'Constraint')
      if (constraint) addConstraint(constraint, table, existing, statement, ctx)
      return
    }
  }
}

function addColumn(
  def: Node | null,
  table: string,
  existing: boolean,
  statement: Statement,
  ctx: Context
): void {
  const column = `${table}.${String(def?.colname ?? '?')}`
  const list = constraints(def)
  const has = (type: string) => list.some((c) => c.contype === type)
  const defaultExpr = list.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr
  const filled =
    defaultExpr !== undefined ||
    has('CONSTR_IDENTITY') ||
    has('CONSTR_GENERATED') ||
    /serial$/.test(typeName(def?.typeName).name)
  if (existing && (has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY')) && !filled) {
    add(
      ctx,
      statement,
      'adding-required-field',
      column,
      `column ${column} is added NOT NULL without a default; every insert of the previous release fails`
    )
  }
  const volatile = calledFunctions(defaultExpr).find((f) => volatileFunctions.has(f))
  if (existing && volatile) {
    add(
      ctx,
      statement,
      'adding-field-with-default',
      column,
      `column ${column} defaults to ${volatile}(), which rewrites the table under an exclusive lock`
    )
  }
  if (existing && has('CONSTR_PRIMARY')) {
    add(
      ctx,
      statement,
      'adding-serial-primary-key-field',
      column,
      `primary key column ${column} builds its index while blocking reads and writes`
    )
  }
  add(ctx, statement, 'migration-column-added', column, `column ${column} is added`)
}

const constraintNames: Record<string, string> = {
  CONSTR_CHECK: 'CHECK',
  CONSTR_UNIQUE: 'UNIQUE',
  CONSTR_FOREIGN: 'foreign key',
  CONSTR_EXCLUSION: 'exclusion',
  CONSTR_PRIMARY: 'primary key'
}

function addConstraint(
  constraint: Node,
  table: string,
  existing: boolean,
  statement: Statement,
  ctx: Context
): void {
  if (!existing) return
  const what = constraintNames[String(constraint.contype)]
  if (!what) return
  const name = typeof constraint.conname === 'string' ? `${table}.${constraint.conname}` : table
  const usingIndex = typeof constraint.indexname === 'string'
  if (constraint.contype !== 'CONSTR_PRIMARY') {
    add(
      ctx,
      statement,
      'migration-constraint-rejects-old-writes',
      name,
      `a ${what} constraint is added to ${table}; writes of the previous release that break it now fail`
    )
  }
  if (!constraint.skip_validation && !usingIndex && constraint.contype !== 'CONSTR_EXCLUSION') {
    add(
      ctx,
      statement,
      'constraint-missing-not-valid',
      name,
      `the ${what} constraint on ${table} is validated while writes are blocked; add it NOT VALID and VALIDATE it separately`
    )
  }
  if (constraint.contype === 'CONSTR_UNIQUE' && !usingIndex) {
    add(
      ctx,
      statement,
      'disallowed-unique-constraint',
      name,
      `the UNIQUE constraint on ${table} builds its index while writes are blocked; build it CONCURRENTLY and add the constraint USING INDEX`
    )
  }
  if (constraint.contype === 'CONSTR_FOREIGN' && !constraint.skip_validation) {
    add(
      ctx,
      statement,
      'adding-foreign-key-constraint',
      name,
      `the foreign key on ${table} locks ${table} and ${relationName(constraint.pktable)} while it is added`
    )
  }
  if (constraint.contype === 'CONSTR_PRIMARY' && !usingIndex) {
    add(
      ctx,
      statement,
      'adding-serial-primary-key-field',
      name,
      `the primary key on ${table} builds its index while blocking reads and writes`
    )
  }
}

/** What the up creates and fills, to judge whether its down throws data away. */
export interface UpEffects {
  tables: Set<string>
  columns: Set<string>
  /** Tables the up inserts into, and columns it updates (backfills). */
  filledTables: Set<string>
  filledColumns: Set<string>
}

export function upEffects(statements: readonly Statement[]): UpEffects {
  const effects: UpEffects = {
    tables: new Set(),
    columns: new Set(),
    filledTables: new Set(),
    filledColumns: new Set()
  }
  for (const { type, node } of statements) {
    if (type === 'CreateStmt' || type === 'CreateTableAsStmt') {
      const table = relationName(node.relation ?? obj(node.into).rel)
      effects.tables.add(table)
      if (type === 'CreateTableAsStmt') effects.filledTables.add(table)
    } else if (type === 'AlterTableStmt') {
      const table = relationName(node.relation)
      for (const raw of list(node.cmds)) {
        const cmd = inner(raw, 'AlterTableCmd')
        if (cmd?.subtype === 'AT_AddColumn')
          effects.columns.add(`${table}.${String(inner(cmd.def, 'ColumnDef')?.colname)}`)
      }
    } else if (type === 'InsertStmt') {
      effects.filledTables.add(relationName(node.relation))
    } else if (type === 'UpdateStmt') {
      const table = relationName(node.relation)
      for (const target of list(node.targetList)) {
        effects.filledColumns.add(`${table}.${String(inner(target, 'ResTarget')?.name)}`)
      }
    }
  }
  return effects
}

/** migration-down-loses-data: the down drops data the up did not create, or that the up wrote. */
export function lintDown(
  migration: Migration,
  statements: readonly Statement[],
  effects: UpEffects
): Finding[] {
  const out: Finding[] = []
  const file = migration.down?.file ?? migration.up.file
  const report = (statement: Statement, symbol: string, why: string) =>
    out.push({
      id: 'migration-down-loses-data',
      message: `the down drops ${symbol}: ${why}`,
      file,
      line: statement.line,
      symbol
    })
  for (const statement of statements) {
    const { type, node } = statement
    if (type === 'DropStmt' && node.removeType === 'OBJECT_TABLE') {
      for (const object of list(node.objects)) {
        const table = dottedName(object)
        if (!effects.tables.has(table))
          report(statement, `table ${table}`, 'the up did not create it, so its rows are lost')
        else if (effects.filledTables.has(table))
          report(statement, `table ${table}`, 'the up filled it with rows, which are lost')
      }
    } else if (type === 'AlterTableStmt') {
      const table = relationName(node.relation)
      for (const raw of list(node.cmds)) {
        const cmd = inner(raw, 'AlterTableCmd')
        if (cmd?.subtype !== 'AT_DropColumn') continue
        const column = `${table}.${String(cmd.name)}`
        if (!effects.columns.has(column) && !effects.tables.has(table))
          report(statement, `column ${column}`, 'the up did not add it, so its values are lost')
        else if (effects.filledColumns.has(column))
          report(
            statement,
            `column ${column}`,
            'the up backfilled it, and the backfilled values are lost'
          )
      }
    } else if (type === 'TruncateStmt') {
      for (const r of list(node.relations)) {
        const table = relationName(inner(r, 'RangeVar'))
        if (!effects.tables.has(table))
          report(
            statement,
            `the rows of ${table}`,
            'TRUNCATE in a down empties a table the up did not create'
          )
      }
    }
  }
  return out
}

import { resolve as resolvePath } from 'node:path'
import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { describeError, ExitCode, exitCodeOf, NotAvailableError } from '../core/errors.js'
import { manifestCommand } from './manifest.js'
import { sloCommand } from './slo.js'
import { revertCommand } from './revert.js'
import { contractCommand, rulesCommand } from './contract.js'
import { findExamplesDir, runDemo } from '../wiring/demo.js'
import type { CliIo } from './io.js'

export interface CommandResult {
  exitCode: number
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

const exitCodesHelp = `
Exit codes:
  0  success, nothing found at the failing level
  1  the check found what it guards against (a breaking change, a failed SLO)
  2  usage or input error (bad flag, unreadable or invalid file)
  3  an outside service failed after retries (Prometheus down, GitHub 5xx)
  4  an unexpected error: a bug in rollback-guard (run again with --debug and report it)`

/** Runs the CLI and returns its exit code; errors are one line on stderr (stack with --debug). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok
  const debug = argv.includes('--debug')
  const run = async (body: () => Promise<CommandResult>) => {
    try {
      exitCode = (await body()).exitCode
    } catch (error) {
      // Commander's own errors (a bad argument) are usage errors whichever handler throws them.
      exitCode = error instanceof CommanderError ? ExitCode.usage : exitCodeOf(error)
      io.stderr(`rollback-guard: error: ${describeError(error)}\n`)
      if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`)
    }
  }
  const program = new Command('rollback-guard')
    .description(
      'Make every release safe to undo: rollback manifests, API contract checks, SLO gates and revert PRs.'
    )
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', exitCodesHelp)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
  program.addCommand(manifestCommand(io, run))
  program.addCommand(contractCommand(io, run))
  program.addCommand(rulesCommand(io, run))
  program.addCommand(sloCommand(io, run))
  program.addCommand(revertCommand(io, run))
  program
    .command('demo')
    .description('run the whole flow on the bundled example: no network, no token')
    .option('--dir <path>', 'build the demo repository here instead of a temporary folder')
    .action((options: { dir?: string }) =>
      run(async () => {
        await runDemo({
          examplesDir: findExamplesDir(import.meta.url),
          // relative to where the command runs: git is started in other folders
          workDir: options.dir === undefined ? undefined : resolvePath(io.cwd, options.dir),
          print: io.stdout,
          now: io.now
        })
        return { exitCode: ExitCode.ok }
      })
    )
  for (const [name, description] of unbuilt) {
    program
      .command(name)
      .description(`${description} (not available yet)`)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() =>
        run(async () => Promise.reject(new NotAvailableError(`'rollback-guard ${name}'`)))
      )
  }
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .showHelpAfterError('(run with --help for usage)')
    command.commands.forEach(configure)
  }
  configure(program)
  try {
    await program.parseAsync(argv as string[], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return ExitCode.ok
      return ExitCode.usage
    }
    io.stderr(`rollback-guard: error: ${describeError(error)}\n`)
    return exitCodeOf(error)
  }
  return exitCode
}

const unbuilt: [string, string][] = []

import { Command, Option } from 'commander'
import { parseStoreKind } from '../wiring/store.js'
import type { StoreSettings } from '../wiring/settings.js'

/** The flags that name the manifest store, with the same defaults as the manifest command. */
export function addStoreOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--store <kind>',
        'where manifests are kept: branch (an orphan branch of this repository), file (a folder), none (output only)'
      ).default('branch')
    )
    .option('--branch <name>', 'the manifest branch (store branch)', 'rollback-manifests')
    .option(
      '--remote <name>',
      "remote to fetch from and push to (store branch); '' keeps the branch local (default: origin when it exists)"
    )
    .option('--store-path <dir>', 'the manifest folder (store file)', '.rollback-guard/manifests')
    .option(
      '--service <name>',
      'service name: one folder of manifests per service and env (default: the repository name)'
    )
    .option('--env <name>', 'environment name', 'production')
}

/** The store flags as the wiring takes them (`--store` checked here, named as a flag). */
export function storeSettingsOf(flags: {
  store: string
  branch: string
  remote?: string | undefined
  storePath: string
}): StoreSettings {
  return {
    kind: parseStoreKind(flags.store, '--store'),
    branch: flags.branch,
    remote: flags.remote,
    path: flags.storePath
  }
}

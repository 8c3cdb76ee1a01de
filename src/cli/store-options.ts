import { Command, Option } from 'commander'

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

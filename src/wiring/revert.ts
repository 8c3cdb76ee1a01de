import { openRevert, planRevert, type RevertResult } from '../commands/revert.js'
import { InputError } from '../core/errors.js'
import { GitRevertRepository } from '../platform/git/revert.js'
import { createGitHubClient, type GitHubClient } from '../platform/github/client.js'
import { gitHubRevertPulls } from '../platform/github/revert-pull.js'
import { pushSignedCommits } from '../platform/github/signed-push.js'
import { commandEngines } from './engines.js'
import type { RevertJobSettings } from './settings.js'
import { openStore } from './store.js'

export interface RevertJobLog {
  info: (message: string) => void
  warn: (message: string) => void
  debug?: (message: string) => void
}

/**
 * The revert-pr job, for the action and the CLI alike: a plan builds the revert branch in a scratch
 * worktree and pushes nothing; open pushes it (through the Git Data API with `signCommits`, so
 * GitHub signs the commits) and opens or updates its one pull request. The settings were checked
 * by the face that made them (a token and a repository for open).
 */
export async function runRevertJob(
  settings: RevertJobSettings,
  log: RevertJobLog,
  names: { store: string; storePath: string } = { store: '--store', storePath: '--store-path' }
): Promise<RevertResult> {
  const store = await openStore(settings.root, settings.store, log.info, names)
  if (!store) {
    throw new InputError(
      `${names.store} none keeps no manifests; revert needs the store the manifest job writes to (branch or file).`
    )
  }
  const { token, owner, repo, serverUrl, apiUrl } = settings.github
  let client: GitHubClient | null = null
  const git = new GitRevertRepository({
    cwd: settings.root,
    remote: settings.remote,
    token: token || null,
    serverUrl,
    log: log.info,
    ...(settings.signCommits
      ? {
          signedPush: (request) => {
            if (!client) throw new Error('internal error: signed push before the GitHub client')
            return pushSignedCommits(client, { owner, repo, ...request })
          }
        }
      : {})
  })
  if (settings.mode === 'plan') {
    return planRevert(settings.options, {
      store,
      git,
      pulls: null,
      log: log.info,
      engines: commandEngines
    })
  }
  client = createGitHubClient({ token, baseUrl: apiUrl, log })
  return openRevert(settings.options, {
    store,
    git,
    pulls: gitHubRevertPulls({ client, owner, repo, log }),
    log: log.info,
    engines: commandEngines
  })
}

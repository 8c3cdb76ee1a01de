import { execFileSync } from 'node:child_process'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Runs git in a test repository with a fixed identity (argument arrays, no shell). */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_TERMINAL_PROMPT: '0'
    }
  }).trim()
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
}

/** A working repository with one commit of `files`, cloned from (and pushing to) a local bare remote. */
export async function repoWithRemote(
  files: Record<string, string>
): Promise<{ base: string; work: string; remote: string; head: string }> {
  const base = await mkdtemp(join(tmpdir(), 'rollback-guard-git-'))
  const remote = join(base, 'remote.git')
  const work = join(base, 'work')
  gitIn(base, 'init', '-q', '--bare', '-b', 'main', remote)
  gitIn(base, 'init', '-q', '-b', 'main', work)
  await writeFiles(work, files)
  gitIn(work, 'add', '-A')
  gitIn(work, 'commit', '-q', '-m', 'initial')
  gitIn(work, 'remote', 'add', 'origin', remote)
  gitIn(work, 'push', '-q', 'origin', 'main')
  return { base, work, remote, head: gitIn(work, 'rev-parse', 'HEAD') }
}

export function cloneOf(remote: string, into: string): string {
  gitIn(dirname(into), 'clone', '-q', remote, into)
  return into
}

import { mkdtemp, rm, mkdir, copyFile, rename, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';

var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

/** Query parameters whose value is a credential, whatever the service calls it. */
const secretParameter = /^(access_?token|token|private_token|auth|key|api_?key|password|secret|sig|signature|x-amz-signature|x-goog-signature|code)$/i;
/** `scheme://user:secret@host` -> `scheme://host`; secret query values -> `***`. */
const urlInText = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]*@)?([^\s'"<>]*)/gi;
/** Every URL inside a piece of text (an error message, git's stderr) made safe to record. */
function redactText(text) {
    return text.replace(urlInText, (_match, scheme, _userinfo, rest) => {
        return `${scheme}${redactQuery(rest)}`;
    });
}
function redactQuery(rest) {
    const query = rest.indexOf('?');
    if (query < 0)
        return rest;
    const hash = rest.indexOf('#', query);
    const end = hash < 0 ? rest.length : hash;
    const parameters = rest
        .slice(query + 1, end)
        .split('&')
        .map((pair) => {
        const equals = pair.indexOf('=');
        if (equals < 0)
            return pair;
        const name = decodeSafely(pair.slice(0, equals));
        return secretParameter.test(name) ? `${pair.slice(0, equals)}=***` : pair;
    });
    return `${rest.slice(0, query)}?${parameters.join('&')}${rest.slice(end)}`;
}
function decodeSafely(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** A nullable recorded value redacted when set. */
function redactNullable(value) {
    return value === null ? null : redactText(value);
}

/** Exit codes shared by the CLI and the actions (INTERFACES.md). */
const ExitCode = {
    ok: 0,
    found: 1,
    usage: 2,
    service: 3
};
/** An error the user can fix: a bad flag, an unreadable or invalid file. Exit code 2. */
class InputError extends Error {
    exitCode = ExitCode.usage;
    constructor(message, options) {
        super(message, options);
        this.name = 'InputError';
    }
}
/** An outside service failed after retries (Prometheus down, GitHub 5xx). Exit code 3. */
class ServiceError extends Error {
    exitCode = ExitCode.service;
    constructor(message, options) {
        super(message, options);
        this.name = 'ServiceError';
    }
}
/** A job that a later release will provide. Exit code 2: the user asked for something unavailable. */
class NotAvailableError extends InputError {
    constructor(what) {
        super(`${what} is not available yet in this version of rollback-guard; see the README for what is.`);
        this.name = 'NotAvailableError';
    }
}
function exitCodeOf(error) {
    if (error instanceof InputError || error instanceof ServiceError)
        return error.exitCode;
    return ExitCode.usage;
}
function messageOf(error) {
    return redactText(error instanceof Error ? error.message : String(error));
}

class GitError extends Error {
    args;
    code;
    stderr;
    constructor(args, code, stderr) {
        super(redactCredentials(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
        this.args = args;
        this.code = code;
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** Runs git with an argument array (never a shell). Prompts are disabled so CI never hangs. */
function git(args, options) {
    return new Promise((resolve, reject) => {
        const child = execFile('git', args, {
            cwd: options.cwd,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
            maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
            encoding: 'buffer'
        }, (error, stdoutRaw, stderrRaw) => {
            const stdout = stdoutRaw.toString('utf8');
            const stderr = stderrRaw.toString('utf8');
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            if (error && error.code === 'ENOENT') {
                reject(new Error('git is not installed or not on PATH; install git and retry.'));
                return;
            }
            if (code !== 0 && !options.allowFailure) {
                reject(new GitError(args, code, stderr));
                return;
            }
            resolve(options.encoding === 'buffer'
                ? { stdout, stderr, code, stdoutBuffer: stdoutRaw }
                : { stdout, stderr, code });
        });
        if (options.input !== undefined)
            child.stdin?.end(options.input);
    });
}
/** Hides credentials embedded in remote URLs (https://user:token@host) before anything is printed. */
function redactCredentials(text) {
    return text.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1***@');
}

/** The bytes a manifest is stored as: stable 2-space JSON with a final newline. Its sha256 chains manifests. */
function serializeManifest(manifest) {
    return `${JSON.stringify(manifest, null, 2)}\n`;
}
function sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
}
/**
 * A manifest's store id: its place in the chain (so ids sort in chain order even when two builds
 * share a second or two runners' clocks disagree), the time, the commit and the content hash.
 */
function manifestId(manifest, sha256, sequence = 1) {
    const stamp = manifest.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const place = String(sequence).padStart(6, '0');
    return `${place}-${stamp}-${manifest.source.commit.slice(0, 12)}-${sha256.slice(0, 8)}`;
}

/**
 * Builds the manifest that follows `pointer` (the chain's current end; null for the first one):
 * it records the previous manifest's id, commit and sha256, and takes the next sequence number.
 * Every store appends through this, so the chain means the same wherever it is kept.
 */
function nextLink(pointer, draft) {
    const previous = pointer
        ? { id: pointer.id, commit: pointer.commit, sha256: pointer.sha256 }
        : null;
    const { manifest, snapshots } = draft(previous);
    const text = serializeManifest(manifest);
    const sha256 = sha256Hex(text);
    const sequence = (pointer?.sequence ?? 0) + 1;
    const id = manifestId(manifest, sha256, sequence);
    const next = { id, sha256, commit: manifest.source.commit, sequence };
    return {
        id,
        sha256,
        manifest,
        text,
        snapshots,
        pointer: next,
        pointerText: `${JSON.stringify(next, null, 2)}\n`
    };
}

const storeLayout = {
    folder: (service, env) => `${service}/${env}`,
    pointer: (service, env) => `${service}/${env}/latest.json`,
    manifest: (service, env, id) => `${service}/${env}/${id}/manifest.json`,
    verdict: (service, env, id) => `${service}/${env}/${id}/verdict.json`,
    snapshot: (service, env, id, path) => `${service}/${env}/${id}/contracts/${path}`
};
/** The effective manifest: the stored one with its latest verdict applied. */
function withVerdict(manifest, verdict) {
    return verdict ? { ...manifest, verdict } : manifest;
}
/** Resolves a ref among ids sorted oldest first; verdicts are read lazily for last-good. */
async function pickManifestId(ids, ref, readCommitOf, readVerdictOf) {
    if (ids.length === 0)
        return null;
    if (ref === 'latest')
        return ids[ids.length - 1] ?? null;
    if (ref === 'last-good') {
        for (let index = ids.length - 1; index >= 0; index--) {
            const id = ids[index];
            if ((await readVerdictOf(id))?.status === 'good')
                return id;
        }
        return null;
    }
    const byId = ids.filter((id) => id === ref || id.startsWith(ref));
    if (byId.length === 1)
        return byId[0];
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
        for (let index = ids.length - 1; index >= 0; index--) {
            const id = ids[index];
            if ((await readCommitOf(id)).startsWith(ref))
                return id;
        }
    }
    return null;
}

/**
 * The one rule for names that reach git as arguments, refs and paths. Stricter than
 * `git check-ref-format`: a name starting with '-' would be read as an option (`--upload-pack=…`
 * runs a command), and names starting with '.', '_' or '/' are refused as well.
 */
function isBranchName(branch) {
    return (/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) &&
        !branch.includes('..') &&
        !branch.includes('//') &&
        !branch.includes('/.') &&
        !/[./]$/.test(branch) &&
        !/\.lock(\/|$)/.test(branch));
}
function isRemoteName(remote) {
    return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote) && !remote.includes('..');
}
/** service and env names: they become parts of paths, branch names and labels. */
const plainNamePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$';
const plainName = new RegExp(plainNamePattern);
function isPlainName(name) {
    return plainName.test(name);
}
function assertRemoteName(remote, input = 'remote') {
    if (!isRemoteName(remote)) {
        throw new InputError(`${input} '${remote}' is not a remote name (such as origin).`);
    }
}
function assertBranchName(branch, input = 'branch', example = 'rollback-manifests') {
    if (!isBranchName(branch)) {
        throw new InputError(`${input} '${branch}' is not a usable branch name (such as ${example}).`);
    }
}

const zeroOid = '0000000000000000000000000000000000000000';
const committerEnv = {
    GIT_AUTHOR_NAME: 'rollback-guard',
    GIT_AUTHOR_EMAIL: 'rollback-guard@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'rollback-guard',
    GIT_COMMITTER_EMAIL: 'rollback-guard@users.noreply.github.com'
};
/**
 * Manifests on an orphan branch, written with git plumbing (hash-object, a temporary index,
 * write-tree, commit-tree) so the user's checkout is never touched, and pushed without force:
 * when another writer landed first, the write is rebuilt on the new tip and pushed again.
 */
class BranchManifestStore {
    options;
    trackingRef;
    constructor(options) {
        this.options = options;
        assertBranchName(options.branch, 'branch');
        if (options.remote !== null)
            assertRemoteName(options.remote, 'remote');
        this.trackingRef = options.remote
            ? `refs/rollback-guard/${options.remote}/${options.branch}`
            : `refs/heads/${options.branch}`;
    }
    async append(service, env, draft) {
        const maxAttempts = this.options.maxAttempts ?? 12;
        for (let attempt = 1;; attempt++) {
            const tip = await this.fetchTip();
            const pointer = tip
                ? await this.readJson(tip, storeLayout.pointer(service, env))
                : null;
            const { id, sha256, manifest, text, snapshots, pointerText } = nextLink(pointer, draft);
            const files = new Map();
            files.set(storeLayout.manifest(service, env, id), await this.writeBlob(text));
            files.set(storeLayout.pointer(service, env), await this.writeBlob(pointerText));
            for (const [path, source] of snapshots) {
                files.set(storeLayout.snapshot(service, env, id, path), await this.writeFileBlob(source));
            }
            const message = `manifest ${service}/${env} ${id}\n\nsource commit ${manifest.source.commit}\nsha256 ${sha256}\n`;
            const commit = await this.commitFiles(tip, files, message);
            if (await this.publish(tip, commit)) {
                this.options.log?.(`stored manifest ${id} on ${this.options.branch} (${commit.slice(0, 12)})`);
                return {
                    id,
                    sha256,
                    manifest,
                    storeCommit: commit,
                    location: storeLayout.manifest(service, env, id)
                };
            }
            if (attempt >= maxAttempts) {
                throw new ServiceError(`could not store the manifest on '${this.options.branch}' after ${maxAttempts} attempts: other writers kept landing first. Nothing was written; run the job again.`);
            }
            await this.backoff(attempt);
        }
    }
    async list(service, env) {
        const tip = await this.fetchTip();
        return tip ? this.listIds(tip, service, env) : [];
    }
    async resolve(service, env, ref) {
        const tip = await this.fetchTip();
        if (!tip)
            return null;
        return this.resolveAt(tip, service, env, ref);
    }
    async setVerdict(service, env, ref, verdict) {
        const maxAttempts = this.options.maxAttempts ?? 12;
        for (let attempt = 1;; attempt++) {
            const tip = await this.fetchTip();
            const stored = tip ? await this.resolveAt(tip, service, env, ref) : null;
            if (!tip || !stored) {
                throw new InputError(`no manifest '${ref}' for ${service}/${env} on branch '${this.options.branch}'; list them with 'rollback-guard manifest show latest --service ${service} --env ${env}'.`);
            }
            const files = new Map([
                [
                    storeLayout.verdict(service, env, stored.id),
                    await this.writeBlob(`${JSON.stringify(verdict, null, 2)}\n`)
                ]
            ]);
            const commit = await this.commitFiles(tip, files, `verdict ${verdict.status} for ${service}/${env} ${stored.id}\n`);
            if (await this.publish(tip, commit)) {
                return { ...stored, manifest: withVerdict(stored.manifest, verdict), storeCommit: commit };
            }
            if (attempt >= maxAttempts) {
                throw new ServiceError(`could not record the verdict on '${this.options.branch}' after ${maxAttempts} attempts; run the job again.`);
            }
            await this.backoff(attempt);
        }
    }
    async readSnapshot(stored, path) {
        const tip = await this.currentTip();
        if (!tip)
            return null;
        const { service, env } = stored.manifest;
        const result = await git(['cat-file', 'blob', `${tip}:${storeLayout.snapshot(service, env, stored.id, path)}`], {
            cwd: this.options.cwd,
            allowFailure: true,
            encoding: 'buffer'
        });
        return result.code === 0 ? (result.stdoutBuffer ?? null) : null;
    }
    async resolveAt(tip, service, env, ref) {
        let id;
        if (ref === 'latest') {
            id = (await this.readJson(tip, storeLayout.pointer(service, env)))?.id ?? null;
        }
        else {
            const ids = await this.listIds(tip, service, env);
            id = await pickManifestId(ids, ref, async (candidate) => (await this.readManifest(tip, service, env, candidate))?.source.commit ?? '', (candidate) => this.readJson(tip, storeLayout.verdict(service, env, candidate)));
        }
        if (!id)
            return null;
        const manifest = await this.readManifest(tip, service, env, id);
        if (!manifest)
            return null;
        const verdict = await this.readJson(tip, storeLayout.verdict(service, env, id));
        const text = await this.readText(tip, storeLayout.manifest(service, env, id));
        return {
            id,
            sha256: sha256Hex(text ?? ''),
            manifest: withVerdict(manifest, verdict),
            storeCommit: tip,
            location: storeLayout.manifest(service, env, id)
        };
    }
    async listIds(tip, service, env) {
        const folder = storeLayout.folder(service, env);
        const result = await git(['ls-tree', '--name-only', tip, `${folder}/`], {
            cwd: this.options.cwd,
            allowFailure: true
        });
        if (result.code !== 0)
            return [];
        return result.stdout
            .split('\n')
            .map((line) => line.slice(folder.length + 1))
            .filter((name) => name !== '' && name !== 'latest.json')
            .sort();
    }
    async readManifest(tip, service, env, id) {
        return this.readJson(tip, storeLayout.manifest(service, env, id));
    }
    async readText(tip, path) {
        const result = await git(['cat-file', 'blob', `${tip}:${path}`], {
            cwd: this.options.cwd,
            allowFailure: true
        });
        return result.code === 0 ? result.stdout : null;
    }
    async readJson(tip, path) {
        const text = await this.readText(tip, path);
        if (text === null)
            return null;
        try {
            return JSON.parse(text);
        }
        catch {
            throw new InputError(`'${path}' on branch '${this.options.branch}' is not valid JSON; it was edited by hand. Fix or revert that commit.`);
        }
    }
    /** The branch tip after fetching it from the remote, or null when the branch does not exist yet. */
    async fetchTip() {
        const { remote, branch, cwd } = this.options;
        if (remote) {
            const fetched = await git(['fetch', '--no-tags', '--quiet', remote, `+refs/heads/${branch}:${this.trackingRef}`], {
                cwd,
                allowFailure: true
            });
            if (fetched.code !== 0) {
                if (/couldn't find remote ref|could not find remote ref/i.test(fetched.stderr))
                    return null;
                throw new ServiceError(`could not fetch '${branch}' from remote '${remote}': ${lastLine(fetched.stderr)}`);
            }
        }
        return this.currentTip();
    }
    async currentTip() {
        const result = await git(['rev-parse', '--verify', '--quiet', `${this.trackingRef}^{commit}`], {
            cwd: this.options.cwd,
            allowFailure: true
        });
        return result.code === 0 ? result.stdout.trim() : null;
    }
    async writeBlob(text) {
        return (await git(['hash-object', '-w', '--stdin'], { cwd: this.options.cwd, input: text })).stdout.trim();
    }
    async writeFileBlob(path) {
        return (await git(['hash-object', '-w', '--no-filters', '--', path], { cwd: this.options.cwd })).stdout.trim();
    }
    /** A commit of `tip`'s tree plus `files`, built in a throw-away index. */
    async commitFiles(tip, files, message) {
        const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-index-'));
        try {
            const env = { GIT_INDEX_FILE: join(scratch, 'index') };
            const cwd = this.options.cwd;
            await git(tip ? ['read-tree', tip] : ['read-tree', '--empty'], { cwd, env });
            const entries = [...files].map(([path, blob]) => `100644 ${blob}\t${path}\n`).join('');
            await git(['update-index', '--add', '--index-info'], { cwd, env, input: entries });
            const tree = (await git(['write-tree'], { cwd, env })).stdout.trim();
            const parents = tip ? ['-p', tip] : [];
            return (await git(['commit-tree', tree, ...parents, '-m', message], { cwd, env: committerEnv })).stdout.trim();
        }
        finally {
            await rm(scratch, { recursive: true, force: true });
        }
    }
    /** Publishes `commit` as the new tip; false when another writer moved the branch first. */
    async publish(tip, commit) {
        const { remote, branch, cwd } = this.options;
        if (!remote) {
            const result = await git(['update-ref', this.trackingRef, commit, tip ?? zeroOid], {
                cwd,
                allowFailure: true
            });
            return result.code === 0;
        }
        const pushed = await git(['push', '--porcelain', '--quiet', remote, `${commit}:refs/heads/${branch}`], {
            cwd,
            allowFailure: true
        });
        if (pushed.code === 0) {
            await git(['update-ref', this.trackingRef, commit], { cwd });
            return true;
        }
        const output = `${pushed.stdout}\n${pushed.stderr}`;
        if (/non-fast-forward|fetch first|rejected|cannot lock ref|failed to update ref|stale info|incorrect old value/i.test(output)) {
            this.options.log?.(`another run updated '${branch}' first; rebuilding on the new tip`);
            return false;
        }
        if (/permission|denied|403|authentication|could not read Username/i.test(output)) {
            throw new InputError(`pushing to '${branch}' on '${remote}' was refused: ${lastLine(output)}. The job needs 'contents: write' permission (permissions: contents: write) and a checkout that keeps credentials (actions/checkout persist-credentials: true).`);
        }
        throw new ServiceError(`pushing to '${branch}' on '${remote}' failed: ${lastLine(output)}`);
    }
    async backoff(attempt) {
        const base = this.options.backoffMs ?? 200;
        const random = this.options.random ?? Math.random;
        const delay = Math.min(5000, base * 2 ** Math.min(attempt - 1, 5)) * (0.5 + random());
        await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(delay);
    }
}
function lastLine(text) {
    const lines = text
        .trim()
        .split('\n')
        .filter((line) => line.trim() !== '');
    return lines[lines.length - 1] ?? 'no output';
}

const staleLockMs = 60_000;
/**
 * Manifests in a folder with the branch store's layout (for workflow artifacts and other CI).
 * Writers on one machine are serialized by a lock folder; every file is written to a temporary
 * name and renamed, so a reader never sees half a manifest.
 */
class FileManifestStore {
    root;
    constructor(root) {
        this.root = root;
    }
    async append(service, env, draft) {
        return this.locked(service, env, async () => {
            const pointer = await this.readJson(storeLayout.pointer(service, env));
            const { id, sha256, manifest, text, snapshots, pointerText } = nextLink(pointer, draft);
            for (const [path, source] of snapshots) {
                const target = this.path(storeLayout.snapshot(service, env, id, path));
                await mkdir(dirname(target), { recursive: true });
                await copyFile(source, `${target}.tmp`);
                await rename(`${target}.tmp`, target);
            }
            await this.writeAtomic(storeLayout.manifest(service, env, id), text);
            await this.writeAtomic(storeLayout.pointer(service, env), pointerText);
            return {
                id,
                sha256,
                manifest,
                storeCommit: null,
                location: this.path(storeLayout.manifest(service, env, id))
            };
        });
    }
    async list(service, env) {
        try {
            const entries = await readdir(this.path(storeLayout.folder(service, env)), {
                withFileTypes: true
            });
            return entries
                .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
                .map((entry) => entry.name)
                .sort();
        }
        catch {
            return [];
        }
    }
    async resolve(service, env, ref) {
        const id = ref === 'latest'
            ? ((await this.readJson(storeLayout.pointer(service, env)))?.id ?? null)
            : await pickManifestId(await this.list(service, env), ref, async (candidate) => (await this.readJson(storeLayout.manifest(service, env, candidate)))
                ?.source.commit ?? '', (candidate) => this.readJson(storeLayout.verdict(service, env, candidate)));
        if (!id)
            return null;
        const location = storeLayout.manifest(service, env, id);
        const text = await this.readText(location);
        if (text === null)
            return null;
        const verdict = await this.readJson(storeLayout.verdict(service, env, id));
        return {
            id,
            sha256: sha256Hex(text),
            manifest: withVerdict(JSON.parse(text), verdict),
            storeCommit: null,
            location: this.path(location)
        };
    }
    async setVerdict(service, env, ref, verdict) {
        return this.locked(service, env, async () => {
            const stored = await this.resolve(service, env, ref);
            if (!stored) {
                throw new InputError(`no manifest '${ref}' for ${service}/${env} in '${this.root}'.`);
            }
            await this.writeAtomic(storeLayout.verdict(service, env, stored.id), `${JSON.stringify(verdict, null, 2)}\n`);
            return { ...stored, manifest: withVerdict(stored.manifest, verdict) };
        });
    }
    async readSnapshot(stored, path) {
        const { service, env } = stored.manifest;
        return readFile(this.path(storeLayout.snapshot(service, env, stored.id, path))).catch(() => null);
    }
    path(relative) {
        return join(this.root, relative);
    }
    async readText(relative) {
        return readFile(this.path(relative), 'utf8').catch(() => null);
    }
    async readJson(relative) {
        const text = await this.readText(relative);
        if (text === null)
            return null;
        try {
            return JSON.parse(text);
        }
        catch {
            throw new InputError(`'${this.path(relative)}' is not valid JSON; it was edited by hand. Restore it from the artifact.`);
        }
    }
    async writeAtomic(relative, text) {
        const target = this.path(relative);
        await mkdir(dirname(target), { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        await writeFile(temporary, text);
        await rename(temporary, target);
    }
    async locked(service, env, body) {
        const lock = this.path(`${storeLayout.folder(service, env)}/.lock`);
        await mkdir(dirname(lock), { recursive: true });
        for (let attempt = 0;; attempt++) {
            try {
                await mkdir(lock);
                break;
            }
            catch (error) {
                if (error.code !== 'EEXIST')
                    throw error;
                const age = Date.now() -
                    (await stat(lock)
                        .then((s) => s.mtimeMs)
                        .catch(() => Date.now()));
                if (age > staleLockMs)
                    await rm(lock, { recursive: true, force: true });
                if (attempt > 600)
                    throw new ServiceError(`'${lock}' stayed locked; remove it if no other run is writing.`);
                await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 50));
            }
        }
        try {
            return await body();
        }
        finally {
            await rm(lock, { recursive: true, force: true });
        }
    }
}

export { BranchManifestStore as B, ExitCode as E, FileManifestStore as F, InputError as I, NotAvailableError as N, ServiceError as S, assertRemoteName as a, messageOf as b, isBranchName as c, redactCredentials as d, commonjsGlobal as e, getDefaultExportFromCjs as f, git as g, exitCodeOf as h, isPlainName as i, sha256Hex as j, redactText as k, manifestId as m, plainNamePattern as p, redactNullable as r, serializeManifest as s };

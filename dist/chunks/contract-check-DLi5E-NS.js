import { mkdir, writeFile, mkdtemp, rm, stat, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { posix, join, dirname, resolve, relative, isAbsolute } from 'node:path';
import { I as InputError, g as git, c as remainingSeconds, b as messageOf, E as ExitCode } from './revert-auth-CKzvVpr3.js';
import { T as formatSemver, U as parseSemver, V as compareSemver, m as fingerprintOf, r as loadContractConfig, W as defaultConfigFile, X as engineFor, Y as unknownRuleNotes, c as commandEngines, Z as readDeclaredVersion, _ as assembleReport, C as renderReport, $ as dependencyImpactScope } from './body-limit-DKEvYjdc.js';
import { spawn } from 'node:child_process';

function patternRegex(pattern) {
    const [before, after] = pattern.split('{version}');
    const quote = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*');
    return new RegExp(`^${quote(before)}(.+)${quote(after ?? '')}$`);
}
/** The version a tag carries under the first pattern it fits (`v{version}`, `api/v{version}`…). */
function versionOfTag(tag, patterns) {
    for (const pattern of patterns) {
        const match = patternRegex(pattern).exec(tag);
        const version = match?.[1] ? parseSemver(match[1]) : null;
        if (version)
            return version;
    }
    return null;
}
/** Release tags, newest first by semver precedence (never by string order: v1.10.0 > v1.9.0). */
function releaseTags(tags, settings) {
    const releases = [];
    for (const tag of new Set(tags)) {
        const version = versionOfTag(tag, settings.tagPatterns);
        if (!version)
            continue;
        if (version.prerelease.length > 0 && !settings.includePrereleases)
            continue;
        releases.push({ tag, version });
    }
    return releases.sort((a, b) => compareSemver(b.version, a.version) || a.tag.localeCompare(b.tag));
}
/**
 * The release to compare against. `auto`: the newest semver tag, else the latest GitHub release,
 * else the last manifest marked good; nothing found is not an error (every contract is new).
 */
async function findBaseline(options) {
    const { settings, git } = options;
    const log = options.log ?? (() => { });
    if (options.against !== 'auto') {
        const sha = await git.resolveCommit(options.against);
        if (!sha) {
            throw new InputError(`against '${options.against}' names no tag, branch or commit here or on the remote '${settings.remote}'; check the name, or use 'auto' for the last release.`);
        }
        const version = versionOfTag(options.against, settings.tagPatterns);
        return {
            source: 'ref',
            ref: options.against,
            sha,
            version: version ? formatSemver(version) : null,
            notes: []
        };
    }
    const notes = [];
    const tags = await git.listTags();
    for (const candidate of releaseTags(tags, settings)) {
        const sha = await git.resolveCommit(candidate.tag);
        if (!sha) {
            notes.push({
                level: 'warning',
                message: `release tag ${candidate.tag} could not be fetched from '${settings.remote}'.`
            });
            break;
        }
        if (options.currentCommit && sha === options.currentCommit) {
            log(`baseline: skipping tag ${candidate.tag}, which is the commit being checked`);
            continue;
        }
        log(`baseline: tag ${candidate.tag} (${sha.slice(0, 7)}), the newest of ${tags.length} tags`);
        return {
            source: 'tag',
            ref: candidate.tag,
            sha,
            version: formatSemver(candidate.version),
            notes
        };
    }
    if (settings.githubReleases && options.releases) {
        const release = await options.releases.latestRelease();
        if (release) {
            const sha = await git.resolveCommit(release.tag);
            if (sha) {
                const version = versionOfTag(release.tag, settings.tagPatterns) ??
                    parseSemver(release.tag.replace(/^v/, ''));
                log(`baseline: latest GitHub release ${release.tag} (${sha.slice(0, 7)})`);
                return {
                    source: 'github-release',
                    ref: release.tag,
                    sha,
                    version: version ? formatSemver(version) : null,
                    notes
                };
            }
            notes.push({
                level: 'warning',
                message: `the latest GitHub release's tag ${release.tag} could not be fetched.`
            });
        }
    }
    if (settings.manifests && options.manifests && options.service && options.env) {
        const good = await options.manifests.lastGood(options.service, options.env);
        if (good) {
            if (good.contractsDir) {
                log(`baseline: contract snapshots of the last good manifest (${good.commit.slice(0, 7)})`);
                return {
                    source: 'manifest',
                    ref: null,
                    sha: good.commit,
                    version: null,
                    contractsDir: good.contractsDir,
                    notes
                };
            }
            const sha = await git.resolveCommit(good.commit);
            if (sha) {
                log(`baseline: commit ${sha.slice(0, 7)} of the last good manifest`);
                return { source: 'manifest', ref: null, sha, version: null, notes };
            }
        }
    }
    const tried = [
        `a tag like ${settings.tagPatterns.join(' or ')}${settings.includePrereleases ? '' : ' (pre-releases excluded)'}`
    ];
    if (settings.githubReleases && options.releases)
        tried.push('a GitHub release');
    if (settings.manifests && options.manifests && options.service && options.env)
        tried.push('a manifest marked good');
    notes.push({
        level: 'notice',
        message: `No earlier release found (looked for ${tried.join(', ')}); every contract is reported as new. Tag a release, or set --against REF.`
    });
    return { source: 'none', ref: null, sha: null, version: null, notes };
}

/** Refuses what git would read as an option, or what is not a ref name at all. */
function checkRef(ref) {
    if (ref === '' ||
        ref.startsWith('-') ||
        /[\s:?*[\\\p{Cc}]/u.test(ref.replace(/\^\{commit\}$/, ''))) {
        throw new InputError(`'${ref}' is not a valid git ref name; pass a tag, branch or commit.`);
    }
}
/**
 * BaselineGit over a local clone. CI clones are often shallow and tag-less: tags are listed on the
 * remote as well, and a missing ref is fetched alone (depth 1 when the clone is shallow).
 */
function gitBaseline(options) {
    const { cwd } = options;
    const remote = options.remote ?? 'origin';
    const log = options.log ?? (() => { });
    let remoteTags = null;
    async function hasRemote() {
        const result = await git(['remote'], { cwd, allowFailure: true });
        return result.code === 0 && result.stdout.split('\n').includes(remote);
    }
    async function listRemoteTags() {
        if (remoteTags)
            return remoteTags;
        remoteTags = new Map();
        if (!(await hasRemote()))
            return remoteTags;
        const result = await git(['ls-remote', '--tags', '--refs', remote], { cwd, allowFailure: true });
        if (result.code !== 0) {
            log(`could not list the tags of '${remote}' (${result.stderr.trim().split('\n').pop() ?? ''}); using local tags`);
            return remoteTags;
        }
        for (const line of result.stdout.split('\n')) {
            const [sha, ref] = line.split('\t');
            if (sha && ref?.startsWith('refs/tags/'))
                remoteTags.set(ref.slice('refs/tags/'.length), sha);
        }
        return remoteTags;
    }
    async function localCommit(ref) {
        const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
            cwd,
            allowFailure: true
        });
        return result.code === 0 ? result.stdout.trim() : null;
    }
    async function isShallow() {
        const result = await git(['rev-parse', '--is-shallow-repository'], { cwd, allowFailure: true });
        return result.stdout.trim() === 'true';
    }
    async function fetch(refspec) {
        const depth = (await isShallow()) ? ['--depth=1'] : [];
        log(`fetching ${refspec} from ${remote}`);
        const result = await git(['fetch', '--quiet', '--no-tags', ...depth, remote, refspec], {
            cwd,
            allowFailure: true
        });
        if (result.code !== 0)
            log(`fetch failed: ${result.stderr.trim().split('\n').pop() ?? ''}`);
        return result.code === 0;
    }
    let checkedRepo = false;
    async function ensureRepository() {
        if (checkedRepo)
            return;
        const inside = await git(['rev-parse', '--git-dir'], { cwd, allowFailure: true });
        if (inside.code !== 0) {
            throw new InputError(`'${cwd}' is not a git repository, so there is no release to compare with; run inside a clone, or compare two files with \`rollback-guard contract diff\`.`);
        }
        checkedRepo = true;
    }
    return {
        async listTags() {
            await ensureRepository();
            const local = await git(['tag', '--list'], { cwd });
            const names = local.stdout.split('\n').filter(Boolean);
            return [...new Set([...names, ...(await listRemoteTags()).keys()])];
        },
        async resolveCommit(ref) {
            checkRef(ref);
            await ensureRepository();
            const direct = (await localCommit(`refs/tags/${ref}`)) ?? (await localCommit(ref));
            if (direct)
                return direct;
            if (!(await hasRemote()))
                return null;
            const tags = await listRemoteTags();
            if (tags.has(ref)) {
                if (await fetch(`+refs/tags/${ref}:refs/tags/${ref}`))
                    return localCommit(`refs/tags/${ref}`);
                return null;
            }
            const tracking = await localCommit(`refs/remotes/${remote}/${ref}`);
            if (tracking)
                return tracking;
            if (await fetch(ref))
                return localCommit('FETCH_HEAD');
            return null;
        },
        async head() {
            const sha = await localCommit('HEAD');
            const branch = await git(['symbolic-ref', '--short', '-q', 'HEAD'], {
                cwd,
                allowFailure: true
            });
            return { ref: branch.code === 0 ? branch.stdout.trim() : null, sha };
        },
        async materialize(sha, paths, dest, kind) {
            return materializeAt(cwd, sha, paths, dest, kind);
        }
    };
}
async function listTree(cwd, sha, path) {
    const result = await git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', path], { cwd });
    return result.stdout
        .split('\0')
        .filter(Boolean)
        .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, object] = line.slice(0, tab).split(' ');
        return { mode, type, object, path: line.slice(tab + 1) };
    });
}
/** Blob contents by object id through one `git cat-file --batch` (binary-safe). */
function readBlobs(cwd, objects) {
    return new Promise((resolve, reject) => {
        if (objects.length === 0) {
            resolve(new Map());
            return;
        }
        const child = spawn('git', ['cat-file', '--batch'], {
            cwd,
            env: { ...process.env, LC_ALL: 'C' }
        });
        const chunks = [];
        const errors = [];
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.stderr.on('data', (chunk) => errors.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0) {
                reject(new Error(`git cat-file failed (exit ${code}): ${Buffer.concat(errors).toString().trim()}`));
                return;
            }
            const out = Buffer.concat(chunks);
            const blobs = new Map();
            let offset = 0;
            while (offset < out.length) {
                const newline = out.indexOf(0x0a, offset);
                const header = out.subarray(offset, newline).toString();
                const [object, type, size] = header.split(' ');
                if (type === 'missing' || !object || size === undefined) {
                    offset = newline + 1;
                    continue;
                }
                const start = newline + 1;
                const end = start + Number(size);
                blobs.set(object, out.subarray(start, end));
                offset = end + 1;
            }
            resolve(blobs);
        });
        child.stdin.end(objects.join('\n') + '\n');
    });
}
/**
 * Inside a contract folder, only the files its engine reads (a gomod folder may be the whole
 * repository). Go folders come whole: `//go:embed` files must exist for the package to load.
 */
function wanted(kind, path) {
    const name = posix.basename(path);
    switch (kind) {
        case 'gomod':
            return name === 'go.mod' || name === 'go.sum';
        case 'gomod-code': // the module's code, for the uses of its dependencies
            return (name === 'go.mod' ||
                name === 'go.sum' ||
                (name.endsWith('.go') && !name.endsWith('_test.go')) ||
                path.endsWith('vendor/modules.txt'));
        case 'protobuf':
            return name.endsWith('.proto') || /^buf(\.work)?\.ya?ml$|^buf\.lock$/.test(name);
        default:
            return true;
    }
}
/** Relative `$ref` targets of an OpenAPI document (fragments and URLs left out). */
function relativeRefs(text) {
    const refs = new Set();
    for (const match of text.matchAll(/["']?\$ref["']?\s*:\s*["']?([^"'\s,}]+)/g)) {
        const target = (match[1] ?? '').split('#')[0] ?? '';
        if (target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target))
            refs.add(decodeURIComponent(target));
    }
    return [...refs];
}
/**
 * Writes the contracts' files as they were at `sha` into `dest`, at their repository paths.
 * Directories (protobuf, go) come whole; an OpenAPI file comes with the files its relative `$ref`s
 * reach. Returns the paths that did not exist at `sha`.
 */
async function materializeAt(cwd, sha, paths, dest, kind) {
    const missing = [];
    const done = new Set();
    let queue = [...paths];
    while (queue.length > 0) {
        const entries = [];
        for (const path of queue) {
            const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
            if (done.has(clean) || clean.startsWith('../'))
                continue;
            done.add(clean);
            const listed = (await listTree(cwd, sha, clean)).filter((e) => e.type === 'blob' && e.mode !== '120000' && (e.path === clean || wanted(kind, e.path)));
            if (listed.length === 0 && paths.includes(path))
                missing.push(path);
            entries.push(...listed);
        }
        const blobs = await readBlobs(cwd, entries.map((e) => e.object));
        const next = [];
        for (const entry of entries) {
            const content = blobs.get(entry.object);
            if (!content)
                continue;
            const target = join(dest, ...entry.path.split('/'));
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, content);
            if (kind === 'openapi' && /\.(ya?ml|json)$/i.test(entry.path)) {
                const folder = posix.dirname(entry.path);
                for (const ref of relativeRefs(content.toString('utf8')))
                    next.push(posix.join(folder, ref));
            }
        }
        queue = next;
    }
    return missing;
}

/**
 * What rolling this change back would remove: the same engine run the other way (head -> base),
 * whose breaking changes are exactly the additions that break clients once they adopt them.
 */
async function rollbackRemovals(engine, contract, sides, options) {
    const found = await engine.diff(sides.headPath, sides.basePath, {
        baseRoot: sides.headRoot,
        headRoot: sides.baseRoot,
        now: options.now,
        settings: options.settings
    });
    return found
        .filter((change) => change.level === 'breaking')
        .map((change) => ({ ...change, contract: contract.name }));
}
/** A contract new in this change: a rollback removes all of it. */
function newContractRemoval(contract, path) {
    const id = 'contract-removed';
    return {
        kind: contract.kind,
        id,
        level: 'breaking',
        message: `${contract.kind} contract ${path} is new in this change; a rollback removes all of it`,
        operation: null,
        symbol: null,
        file: path,
        line: null,
        ignored: false,
        fingerprint: fingerprintOf({ kind: contract.kind, id: `rollback-${id}`, subject: path }),
        contract: contract.name
    };
}

/**
 * The manifest store as the baseline search sees it: the last manifest marked good, with its
 * contract snapshots written under `dest` at their repository paths.
 */
function manifestBaselineReader(store, dest) {
    return {
        async lastGood(service, env) {
            const stored = await store.resolve(service, env, 'last-good');
            if (!stored)
                return null;
            let written = 0;
            for (const record of stored.manifest.contracts ?? []) {
                const path = posix.normalize(record.path);
                if (path.startsWith('../') || isAbsolute(path))
                    continue;
                const content = await store.readSnapshot(stored, record.path);
                if (!content)
                    continue;
                await mkdir(dirname(join(dest, path)), { recursive: true });
                await writeFile(join(dest, path), content);
                written += 1;
            }
            return written > 0
                ? { commit: stored.manifest.source.commit, contractsDir: dest }
                : { commit: stored.manifest.source.commit };
        }
    };
}
/**
 * The ports for a run with git only (the CLI on any CI): tags and refs from the clone and its
 * remote; add `releases` (a GitHub token) or `manifests` (the manifest store) when available.
 */
function localContractCheckPorts(cwd, log) {
    return {
        git: (remote) => gitBaseline({ cwd, remote, log }),
        releases: null,
        manifests: null,
        log
    };
}
/**
 * A contract reached through a symlink that leaves the repository would put an outside file
 * (a runner secret, say) into a public report: refuse it.
 */
async function assertInside(root, path, where) {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    const inside = relative(realRoot, realPath);
    if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new InputError(`${where}: contract path ${relative(root, path)} leads outside the repository (through a symlink); point \`path:\` at a file inside it.`);
    }
}
async function exists(path) {
    try {
        await stat(path);
        return true;
    }
    catch {
        return false;
    }
}
function contractChange(contract, path, id, level, message) {
    return {
        kind: contract.kind,
        id,
        level,
        message,
        operation: null,
        symbol: null,
        file: path,
        line: null,
        ignored: false,
        fingerprint: fingerprintOf({ kind: contract.kind, id, subject: path }),
        contract: contract.name
    };
}
/** Settings as written (`exempt-stability`) and in camelCase (`exemptStability`), for the engines. */
function engineSettings(settings) {
    const out = { ...settings };
    for (const [key, value] of Object.entries(settings)) {
        out[key.replace(/-([a-z])/g, (_m, c) => c.toUpperCase())] = value;
    }
    return out;
}
function gomodImpact(contract, options) {
    return options.dependencyImpact ?? dependencyImpactScope(engineSettings(contract.settings));
}
/** The error the Go engine throws when no Go toolchain is installed (matched by name: no import cycle). */
function isMissingToolchain(error) {
    return error instanceof Error && error.name === 'GoToolchainMissingError';
}
/**
 * `contract check`: every contract of the config against the last release (or `against`). The base
 * side is written from git into a temporary folder that mirrors the repository's paths, so the
 * engines see two ordinary trees; it is removed afterwards.
 */
async function runContractCheck(options) {
    const { ports } = options;
    const startedAt = performance.now();
    const cwd = resolve(options.cwd);
    const configPath = options.configPath ?? defaultConfigFile;
    const config = await loadContractConfig(resolve(cwd, configPath), configPath);
    if (config.contracts.length === 0) {
        throw new InputError(`${configPath} lists no contracts; add a \`contracts:\` entry such as \`- { kind: openapi, path: api/openapi.yaml }\`.`);
    }
    const git = typeof ports.git === 'function' ? ports.git(config.baseline.remote) : ports.git;
    const engines = options.engines ?? commandEngines;
    for (const contract of config.contracts)
        engineFor(contract.kind, engines);
    const failOn = options.failOn ?? config.failOn;
    const manifestSettings = config.manifest;
    const baseline = await findBaseline({
        currentCommit: options.releasing ?? null,
        against: options.against || 'auto',
        settings: config.baseline,
        git,
        releases: ports.releases ?? null,
        manifests: ports.manifests ?? null,
        service: options.service ??
            (typeof manifestSettings.service === 'string' ? manifestSettings.service : null),
        env: options.env ?? (typeof manifestSettings.env === 'string' ? manifestSettings.env : null),
        log: ports.log
    });
    const head = options.head ?? (git.head ? await git.head() : { ref: null, sha: null });
    const usedEngines = [...new Set(config.contracts.map((c) => engineFor(c.kind, engines)))];
    const notes = [...baseline.notes, ...unknownRuleNotes(config, usedEngines)];
    const contracts = [];
    const changes = [];
    const rollbackImpact = options.rollbackImpact ?? config.rollbackImpact;
    const removes = [];
    const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-base-'));
    try {
        // A manifest's snapshot is what was released (even generated files); git fills in the rest.
        const snapshot = baseline.contractsDir ?? null;
        const inSnapshot = new Set();
        const missingAtBase = new Set();
        let gitSha = snapshot ? undefined : baseline.sha;
        for (const contract of config.contracts) {
            const fromGit = [];
            for (const path of contract.paths) {
                if (snapshot && (await exists(join(snapshot, path))))
                    inSnapshot.add(path);
                else
                    fromGit.push(path);
            }
            if (fromGit.length === 0)
                continue;
            if (gitSha === undefined)
                gitSha = baseline.sha ? await git.resolveCommit(baseline.sha) : null;
            const missing = gitSha
                ? await git.materialize(gitSha, fromGit, scratch, contract.kind)
                : fromGit;
            for (const path of missing)
                missingAtBase.add(path);
        }
        // Dependency impact looks for the uses of dependencies in the Go code beside the base go.mod.
        for (const contract of config.contracts) {
            if (contract.kind !== 'gomod' || gomodImpact(contract, options) === 'off')
                continue;
            if (gitSha === undefined)
                gitSha = baseline.sha ? await git.resolveCommit(baseline.sha) : null;
            if (!gitSha)
                continue;
            const folders = contract.paths.map((p) => (p.endsWith('go.mod') ? posix.dirname(p) : p));
            await git.materialize(gitSha, folders, scratch, 'gomod-code');
        }
        for (const contract of config.contracts) {
            const engine = engineFor(contract.kind, engines);
            let status = 'compared';
            let note;
            for (const path of contract.paths) {
                const headPath = join(cwd, path);
                const baseRoot = inSnapshot.has(path) && snapshot ? snapshot : scratch;
                const basePath = join(baseRoot, path);
                const atHead = await exists(headPath);
                if (atHead)
                    await assertInside(cwd, headPath, `${configPath}:${contract.line ?? 1}`);
                const atBase = baseline.source !== 'none' && !missingAtBase.has(path) && (await exists(basePath));
                if (!atHead && !atBase) {
                    throw new InputError(`${configPath}:${contract.line ?? 1}: contract '${contract.name}' path '${path}' exists neither in the working tree nor at ${baseline.ref ?? baseline.sha ?? 'the base'}; fix \`path:\`.`);
                }
                if (!atBase) {
                    status = 'new';
                    note =
                        baseline.source === 'none'
                            ? 'no earlier release to compare with'
                            : `not in ${baseline.ref ?? baseline.sha?.slice(0, 7)}; new in this change`;
                    changes.push(contractChange(contract, path, 'contract-added', 'info', `new ${contract.kind} contract ${path} (${note})`));
                    if (rollbackImpact && atHead && baseline.source !== 'none')
                        removes.push(newContractRemoval(contract, path));
                    continue;
                }
                if (!atHead) {
                    status = 'removed';
                    note = `${path} is gone at head; if it moved, update \`path:\` in ${configPath}`;
                    changes.push(contractChange(contract, path, 'contract-removed', 'breaking', `${contract.kind} contract ${path} was removed; clients of the last release still use it`));
                    continue;
                }
                try {
                    const found = await engine.diff(basePath, headPath, {
                        baseRoot,
                        headRoot: cwd,
                        now: options.now,
                        settings: engineSettings(contract.kind === 'gomod' && options.dependencyImpact
                            ? { ...contract.settings, dependencyImpact: options.dependencyImpact }
                            : contract.settings),
                        log: ports.log,
                        maxSeconds: remainingSeconds(startedAt, options.maxSeconds)
                    });
                    for (const change of found)
                        changes.push({ ...change, contract: contract.name });
                    if (rollbackImpact) {
                        const sides = { basePath, headPath, baseRoot, headRoot: cwd };
                        // What a rollback removes is read from go.mod lines; the upgrade's call sites are above.
                        const settings = { ...engineSettings(contract.settings), dependencyImpact: 'off' };
                        removes.push(...(await rollbackRemovals(engine, contract, sides, { now: options.now, settings })));
                    }
                }
                catch (error) {
                    if (isMissingToolchain(error) && contract.settings['missing-toolchain'] !== 'fail') {
                        status = 'skipped';
                        note = messageOf(error);
                        notes.push({
                            level: 'warning',
                            message: `contract '${contract.name}' was not checked: ${messageOf(error)} (set \`missing-toolchain: fail\` to fail instead).`
                        });
                        break;
                    }
                    throw error;
                }
            }
            contracts.push({
                name: contract.name,
                kind: contract.kind,
                paths: contract.paths,
                status,
                ...(note ? { note } : {})
            });
        }
    }
    finally {
        await rm(scratch, { recursive: true, force: true });
    }
    const declaredVersion = await readDeclaredVersion(cwd, config.version.files);
    const report = assembleReport({
        base: { ref: baseline.ref, sha: baseline.sha, source: baseline.source },
        head,
        contracts,
        changes,
        notes,
        config,
        failOn,
        baseVersion: baseline.version,
        declaredVersion,
        now: options.now
    });
    if (rollbackImpact)
        report.rollback = { removes };
    return {
        report,
        output: renderReport(report, options.format, options.markdown),
        exitCode: report.verdict === 'fail' ? ExitCode.found : ExitCode.ok
    };
}

export { gitBaseline as g, localContractCheckPorts as l, manifestBaselineReader as m, runContractCheck as r };

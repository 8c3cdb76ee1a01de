import { resolve } from 'node:path';
import { F as FileManifestStore, g as git, I as InputError, B as BranchManifestStore } from './revert-auth-vpl0Mztc.js';

function parseStoreKind(value) {
    if (value === 'branch' || value === 'file' || value === 'none')
        return value;
    throw new InputError(`--store must be branch, file or none, got '${value}'.`);
}
/** The store the flags name; the branch store pushes to `origin` when the repository has it. */
async function openStore(root, options, log) {
    const kind = parseStoreKind(options.store);
    if (kind === 'none')
        return null;
    if (kind === 'file')
        return new FileManifestStore(resolve(root, options.storePath));
    const inside = await git(['rev-parse', '--git-dir'], { cwd: root, allowFailure: true });
    if (inside.code !== 0) {
        throw new InputError(`--store branch needs a git repository, and '${root}' is not one; use --store file --store-path DIR instead.`);
    }
    let remote = options.remote ?? null;
    if (remote === null) {
        const remotes = (await git(['remote'], { cwd: root })).stdout
            .split('\n')
            .map((line) => line.trim());
        remote = remotes.includes('origin') ? 'origin' : null;
    }
    else if (remote === '') {
        remote = null;
    }
    return new BranchManifestStore({
        cwd: root,
        branch: options.branch,
        remote,
        log,
        ...(options.gitEnv ? { env: options.gitEnv } : {})
    });
}

export { openStore as o };

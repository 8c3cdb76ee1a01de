import { r as runAction, i as input, m as multilineInput, b as booleanInput, s as setOutput, a as info, c as summary, d as actionLog } from './chunks/runtime-Dcgont7_.js';
import { d as createManifest, r as renderManifestMarkdown } from './chunks/manifest-DbfhPzl6.js';
import { r as repositoryRoot, o as openStore, d as detectSource } from './chunks/ci-source-uqowYGKx.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import './chunks/errors-CPLHv7me.js';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import 'node:fs/promises';
import 'node:path';
import './chunks/manifest-file-store-D0PzkV1Q.js';
import 'process';
import 'buffer';
import 'node:os';
import 'node:child_process';
import 'node:crypto';
import './chunks/ajv--SMmDqeS.js';
import 'node:fs';
import 'url';
import 'module';

const contractKinds = ['openapi', 'protobuf', 'go', 'gomod'];
async function runManifestAction() {
    const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd();
    const root = (await repositoryRoot(workspace)) ?? workspace;
    const service = input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service';
    const env = input('env') || 'production';
    const store = await openStore(root, {
        store: input('store') || 'branch',
        branch: input('branch') || 'rollback-manifests',
        remote: input('remote') || undefined,
        storePath: input('store-path') || '.rollback-guard/manifests'
    }, actionLog.info);
    const goModules = input('go-modules');
    const result = await createManifest({
        root,
        service,
        env,
        goMods: goModules === 'none'
            ? null
            : goModules === '' || goModules === 'auto'
                ? []
                : multilineInput('go-modules'),
        images: multilineInput('images'),
        buildMetadata: input('build-metadata') ? [input('build-metadata')] : [],
        digest: input('digest') || null,
        imageName: input('image-name') || null,
        allowTagOnlyImages: booleanInput('allow-tag-only-images', false),
        configVersion: input('config-version') || null,
        configVersionFile: input('config-version-file') || null,
        configVersionKey: input('config-version-key') || null,
        configFiles: multilineInput('config-files'),
        contracts: multilineInput('contracts').map((line) => {
            const colon = line.indexOf(':');
            const kind = colon > 0 ? line.slice(0, colon) : '';
            return contractKinds.includes(kind)
                ? { kind, path: line.slice(colon + 1) }
                : { kind: null, path: line };
        }),
        source: await detectSource(root, process.env),
        now: new Date(),
        out: input('out') || null
    }, { store, log: actionLog.info });
    setOutput('manifest-path', result.outPath ?? result.location ?? '');
    setOutput('manifest-sha256', result.sha256);
    setOutput('manifest-id', result.id);
    setOutput('manifest-json', result.json.trim());
    setOutput('previous-sha256', result.previousSha256 ?? '');
    setOutput('store-commit', result.storeCommit ?? '');
    info(`manifest ${result.id} (sha256 ${result.sha256})${result.storeCommit ? ` stored at ${result.storeCommit}` : ''}`);
    await summary.addRaw(renderManifestMarkdown(result.manifest, result)).write();
    return 0;
}
await runAction(runManifestAction);

export { runManifestAction };

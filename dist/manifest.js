import { w as workspaceRoot, i as input, m as multilineInput, b as booleanInput, s as storeSettingsFromInputs, r as runAction, a as setOutput, c as info, d as summary, e as inputStoreNames, f as actionLog } from './chunks/runtime-CMjfH61q.js';
import { r as renderManifestMarkdown } from './chunks/manifest-D1692HQ7.js';
import { r as runManifestJob } from './chunks/manifest-NkFjpgKR.js';
import { p as parseContractSpec } from './chunks/config-section-BXAKoGNM.js';
import { d as detectSource } from './chunks/ci-source-Du9gr27e.js';
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
import './chunks/revert-auth-D1fpjJ97.js';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
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
import 'node:path';
import 'node:fs/promises';
import 'node:os';
import 'node:crypto';
import 'node:child_process';
import 'child_process';
import 'timers';
import './chunks/rules-BV59h7l_.js';
import 'process';
import 'buffer';
import './chunks/files-ConGNvR8.js';
import 'node:fs';
import './chunks/index-DX77Szb2.js';
import 'url';
import 'module';
import './chunks/change-BNGh1OCi.js';

/** The inputs as the manifest job's settings; every error names an input. */
async function parseManifestInputs() {
    const root = await workspaceRoot();
    const goModules = input('go-modules');
    return {
        store: await storeSettingsFromInputs(root),
        create: {
            root,
            service: input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service',
            env: input('env') || 'production',
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
            contracts: multilineInput('contracts').map(parseContractSpec),
            source: await detectSource(root, process.env),
            now: new Date(),
            out: input('out') || null
        }
    };
}

async function runManifestAction() {
    const settings = await parseManifestInputs();
    const result = await runManifestJob(settings, actionLog.info, inputStoreNames);
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

import { f as createManifest$1 } from './manifest-D1692HQ7.js';
import { f as fileHelpers } from './files-ConGNvR8.js';
import { o as openStore } from './revert-auth-D1fpjJ97.js';

/** `createManifest` reading and writing the repository's files (unless the caller passes others). */
function createManifest(options, ports) {
    return createManifest$1(options, { ...ports, files: ports.files ?? fileHelpers });
}
/** The manifest job, for the action and the CLI alike: open the store, record the release. */
async function runManifestJob(settings, log, names) {
    const store = await openStore(settings.create.root, settings.store, log, names);
    return createManifest(settings.create, { store, log });
}

export { createManifest as c, runManifestJob as r };

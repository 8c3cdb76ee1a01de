export { E as ExitCode, I as InputError, S as ServiceError } from './chunks/_commonjsHelpers-DmUW0I9q.js';
import { createHash } from 'node:crypto';
export { B as BranchManifestStore, F as FileManifestStore, b as assertValidManifest, d as buildManifest, e as configDigest, c as createManifest, f as manifestId, h as manifestSchema, i as manifestSchemaErrors, m as markManifest, p as parseBuildMetadata, j as parseImageReference, r as renderManifestMarkdown, a as serializeManifest, s as showManifest } from './chunks/manifest-file-store-DiDNBvrQ.js';
import 'node:fs/promises';
import 'node:path';
import 'process';
import 'buffer';
import 'node:fs';
import 'fs';
import 'path';
import 'url';
import 'module';
import 'node:os';
import 'node:child_process';

/**
 * A change's fingerprint: the rule, the contract kind and the element it is about, never the line,
 * so it survives edits elsewhere in the file and can be referred to by ignore entries.
 */
function fingerprintOf(parts) {
    const key = [
        parts.kind,
        parts.id,
        parts.operation ?? '',
        parts.symbol ?? '',
        parts.subject ?? ''
    ].join('\u0000');
    return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export { fingerprintOf };

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile, rename, stat, readFile } from 'node:fs/promises';
import { dirname, resolve, isAbsolute, relative } from 'node:path';
import { i as isDynamicPattern, g as glob } from './index-DX77Szb2.js';
import { I as InputError } from './revert-auth-D1fpjJ97.js';

/** sha256 of a file, streamed so a multi-gigabyte file costs no memory. */
function hashFile(path) {
    return new Promise((resolvePromise, reject) => {
        const hash = createHash('sha256');
        let size = 0;
        createReadStream(path, { highWaterMark: 1024 * 1024 })
            .on('data', (chunk) => {
            size += chunk.length;
            hash.update(chunk);
        })
            .on('error', reject)
            .on('end', () => resolvePromise({ sha256: hash.digest('hex'), size }));
    });
}
/** Reads a file the user named; a missing or unreadable one is an InputError naming the input. */
async function readUserFile(path, input) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        throw new InputError(`${input}: cannot read '${path}' (${error.code ?? 'error'}); check the path (relative to the repository root).`);
    }
}
async function isFile(path) {
    return stat(path)
        .then((s) => s.isFile())
        .catch(() => false);
}
async function isDirectory(path) {
    return stat(path)
        .then((s) => s.isDirectory())
        .catch(() => false);
}
const ignoredFolders = ['**/node_modules/**', '**/.git/**'];
/**
 * Expands paths and globs relative to `root` into sorted, repository-relative file paths.
 * A glob that matches nothing, or a path that does not exist, is an error naming the input.
 */
async function expandFilePatterns(root, patterns, input) {
    const found = new Set();
    for (const pattern of patterns) {
        if (isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
            throw new InputError(`${input}: '${pattern}' points outside the repository; use a path relative to the repository root.`);
        }
        if (isDynamicPattern(pattern)) {
            const matches = await glob(pattern, {
                cwd: root,
                ignore: ignoredFolders,
                onlyFiles: true,
                dot: true
            });
            if (matches.length === 0) {
                throw new InputError(`${input}: the glob '${pattern}' matches no file under '${root}'; fix the pattern or remove it.`);
            }
            for (const match of matches)
                found.add(match);
        }
        else {
            const full = resolve(root, pattern);
            if (await isFile(full))
                found.add(relative(root, full));
            else if (await isDirectory(full)) {
                const matches = await glob('**/*', {
                    cwd: full,
                    ignore: ignoredFolders,
                    onlyFiles: true,
                    dot: true
                });
                if (matches.length === 0)
                    throw new InputError(`${input}: the folder '${pattern}' holds no file.`);
                for (const match of matches)
                    found.add(relative(root, resolve(full, match)));
            }
            else {
                throw new InputError(`${input}: '${pattern}' does not exist under '${root}'; fix the path or remove it.`);
            }
        }
    }
    return [...found].map((path) => path.split('\\').join('/')).sort();
}
/** Every go.mod below root, skipping vendored, test-data and dependency folders. */
async function findGoModFiles(root) {
    const matches = await glob('**/go.mod', {
        cwd: root,
        ignore: [...ignoredFolders, '**/vendor/**', '**/testdata/**'],
        onlyFiles: true
    });
    return matches.sort();
}
/** Writes a file whole or not at all (temporary name, then rename). */
async function writeFileAtomic(path, text) {
    await mkdir(dirname(resolve(path)), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, path);
}

var fileHelpers = /*#__PURE__*/Object.freeze({
    __proto__: null,
    expandFilePatterns: expandFilePatterns,
    findGoModFiles: findGoModFiles,
    hashFile: hashFile,
    isDirectory: isDirectory,
    isFile: isFile,
    readUserFile: readUserFile,
    writeFileAtomic: writeFileAtomic
});

export { fileHelpers as f, writeFileAtomic as w };

import { c as contractKinds } from './change-BNGh1OCi.js';
import { I as InputError } from './revert-auth-D1fpjJ97.js';

const stringKeys = {
    service: 'service',
    env: 'env',
    'config-version': 'configVersion',
    'config-version-file': 'configVersionFile',
    'config-version-key': 'configVersionKey',
    store: 'store',
    branch: 'branch',
    remote: 'remote',
    'store-path': 'storePath'
};
const listKeys = {
    images: 'images',
    'config-files': 'configFiles',
    contracts: 'contracts'
};
function parseManifestSettings(section, file) {
    const settings = {};
    const where = (key) => `${file}: manifest.${key}`;
    for (const [key, value] of Object.entries(section)) {
        if (key in stringKeys) {
            if (typeof value !== 'string' && typeof value !== 'number')
                throw new InputError(`${where(key)} must be a string.`);
            settings[stringKeys[key]] = String(value);
        }
        else if (key in listKeys) {
            settings[listKeys[key]] = stringList(value, where(key));
        }
        else if (key === 'go-modules') {
            settings.goModules =
                value === 'auto' || value === 'none' ? value : stringList(value, where(key));
        }
        else if (key === 'allow-tag-only-images') {
            if (typeof value !== 'boolean')
                throw new InputError(`${where(key)} must be true or false.`);
            settings.allowTagOnlyImages = value;
        }
        else {
            const known = [
                ...Object.keys(stringKeys),
                ...Object.keys(listKeys),
                'go-modules',
                'allow-tag-only-images'
            ];
            throw new InputError(`${where(key)} is not a manifest setting; use one of ${known.join(', ')}.`);
        }
    }
    return settings;
}
function stringList(value, where) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value;
    throw new InputError(`${where} must be a string or a list of strings.`);
}
/** A contract to snapshot, as flags and inputs give it: `path`, or `kind:path` to set its kind. */
function parseContractSpec(value) {
    const colon = value.indexOf(':');
    const kind = colon > 0 ? value.slice(0, colon) : '';
    return contractKinds.includes(kind)
        ? { kind, path: value.slice(colon + 1) }
        : { kind: null, path: value };
}

export { parseManifestSettings as a, parseContractSpec as p };

import { v as sha256Hex, r as redactNullable, I as InputError, c as getDefaultExportFromCjs, w as plainNamePattern, x as redactText, s as serializeManifest, m as manifestId, i as isPlainName } from './revert-auth-D1fpjJ97.js';
import { resolve, join, dirname } from 'node:path';
import { d as distExports$1, a as requireNames, b as requireCodegen, c as requireCompile, f as requireRef, g as requireUtil, h as requireDependencies, j as requireCore, k as requireValidation, l as requireFormat, m as requireMetadata, n as requireApplicator, o as requireCore$1, p as requireDiscriminator, q as requireValidate, s as requireValidation_error, t as requireRef_error, r as requireAjv, u as parseScript, M as MigrationParserUnavailable, v as lintUp, w as migrationRule, x as readMigrationSet, y as readSqlFiles, i as inlineCode } from './rules-BV59h7l_.js';
import { createHash } from 'node:crypto';

/** One sha256 over the config files: each file's path, size and hash, in path order. */
function configDigest(files) {
    if (files.length === 0)
        return null;
    const lines = [...files]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((file) => `${file.path}\u0000${file.size}\u0000${file.sha256}\n`);
    return sha256Hex(lines.join(''));
}
function buildManifest(parts, previous) {
    // A fresh document each time: a retry rebuilds from the same parts, and callers may edit the result.
    return structuredClone({
        schemaVersion: 1,
        service: parts.service,
        env: parts.env,
        createdAt: parts.createdAt.toISOString(),
        source: redactSource(parts.source),
        go: parts.go,
        images: parts.images,
        config: {
            version: parts.configVersion,
            sha256: configDigest(parts.configFiles),
            files: parts.configFiles
        },
        contracts: parts.contracts,
        ...(parts.migrations && parts.migrations.length > 0 ? { migrations: parts.migrations } : {}),
        previous,
        verdict: { status: 'unknown', decidedAt: null, evidence: null }
    });
}
/** Whatever the caller passed, no credential is recorded in a manifest (its history is never rewritten). */
function redactSource(source) {
    return {
        ...source,
        repository: redactNullable(source.repository),
        ref: redactNullable(source.ref),
        tag: redactNullable(source.tag),
        runUrl: redactNullable(source.runUrl),
        actor: redactNullable(source.actor)
    };
}

/**
 * The config version read from a file: the value at a dotted key of a YAML/JSON document
 * (`version`, `image.tag`), or, without a key, the file's trimmed text (a VERSION file).
 */
function readConfigVersion(text, file, key) {
    if (!key) {
        const value = text.trim();
        if (value === '' || value.includes('\n')) {
            throw new InputError(`config-version-file '${file}' must hold one line (the version); or name a YAML key with config-version-key.`);
        }
        return value;
    }
    const document = distExports$1.parseDocument(text);
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const line = first?.linePos?.[0]?.line;
        throw new InputError(`config-version-file '${file}'${line ? `:${line}` : ''}: not valid YAML (${first?.message.split('\n')[0]}).`);
    }
    let value = document.toJS();
    for (const part of key.split('.')) {
        if (typeof value !== 'object' || value === null || !(part in value)) {
            throw new InputError(`config-version-key '${key}' is not in '${file}'; name a key that holds the version (e.g. 'version' or 'image.tag').`);
        }
        value = value[part];
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
        throw new InputError(`config-version-key '${key}' in '${file}' holds ${value === null ? 'null' : typeof value}, not a version string.`);
    }
    return String(value);
}

/** Reads the module path and `go` directive of a go.mod without the go command. */
function readGoModHeader(text) {
    let module = null;
    let goVersion = null;
    for (const raw of text.split('\n')) {
        const line = raw.replace(/\/\/.*$/, '').trim();
        const moduleMatch = /^module\s+("?)([^"\s]+)\1$/.exec(line);
        if (moduleMatch && module === null)
            module = moduleMatch[2] ?? null;
        const goMatch = /^go\s+([0-9][0-9A-Za-z.]*)$/.exec(line);
        if (goMatch && goVersion === null)
            goVersion = goMatch[1] ?? null;
    }
    return { module, goVersion };
}

const digestPattern = /^sha256:[0-9a-f]{64}$/;
const hostPart = String.raw `(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?`;
const pathPart = String.raw `[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`;
const namePattern = new RegExp(`^${hostPart}${pathPart}$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
function parseImageReference(reference, origin, options) {
    const ref = reference.trim();
    const at = ref.indexOf('@');
    const namePart = at === -1 ? ref : ref.slice(0, at);
    const digest = at === -1 ? null : ref.slice(at + 1);
    if (digest !== null)
        assertDigest(digest, `${origin}: image '${ref}'`);
    const { name, tag } = splitTag(namePart, `${origin}: image '${ref}'`);
    if (digest === null && !options.allowTagOnly) {
        throw new InputError(`${origin}: image '${ref}' has no digest; a tag can be moved, so it cannot be restored. ` +
            `Give NAME@sha256:<64 hex> (docker buildx prints it; docker/build-push-action outputs 'digest'), ` +
            `or set allow-tag-only-images to record it anyway.`);
    }
    return { name, tag, digest };
}
function assertDigest(digest, where) {
    if (digestPattern.test(digest))
        return;
    const hint = /^sha256:[0-9a-fA-F]{64}$/.test(digest)
        ? 'use lower-case hex'
        : 'a digest is sha256: followed by 64 lower-case hex characters';
    throw new InputError(`${where}: malformed digest '${digest}' (${hint}).`);
}
function splitTag(namePart, where) {
    const slash = namePart.lastIndexOf('/');
    const colon = namePart.lastIndexOf(':');
    const hasTag = colon > slash;
    const name = hasTag ? namePart.slice(0, colon) : namePart;
    const tag = hasTag ? namePart.slice(colon + 1) : null;
    if (!namePattern.test(name)) {
        throw new InputError(`${where}: '${name}' is not a valid image name (lower-case, e.g. ghcr.io/org/app).`);
    }
    if (tag !== null && !tagPattern.test(tag)) {
        throw new InputError(`${where}: '${tag}' is not a valid image tag.`);
    }
    return { name, tag };
}
/**
 * docker/build-push-action's `metadata` output: `image.name` holds one or more comma-separated
 * names (with tags), `containerimage.digest` the pushed digest.
 */
function parseBuildMetadata(text, origin, options) {
    let metadata;
    try {
        metadata = JSON.parse(text);
    }
    catch (error) {
        throw new InputError(`${origin}: not valid JSON (${error.message}); pass docker/build-push-action's 'metadata' output as is.`);
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
        throw new InputError(`${origin}: expected a JSON object (docker/build-push-action's 'metadata' output).`);
    }
    const record = metadata;
    const names = typeof record['image.name'] === 'string' ? record['image.name'] : '';
    const digest = typeof record['containerimage.digest'] === 'string' ? record['containerimage.digest'] : null;
    if (names.trim() === '') {
        throw new InputError(`${origin}: no 'image.name' in the build metadata; was the image pushed with a name (tags input)?`);
    }
    if (digest === null && !options.allowTagOnly) {
        throw new InputError(`${origin}: no 'containerimage.digest' in the build metadata; was the image pushed (push: true)?`);
    }
    return names
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
        .map((name) => parseImageReference(digest ? `${name}@${digest}` : name, origin, options));
}
/** The same name:tag twice is a mistake (or two different digests for one tag: a conflict). */
function assertNoDuplicateImages(images) {
    const seen = new Map();
    for (const image of images) {
        const key = `${image.name}:${image.tag ?? ''}`;
        const earlier = seen.get(key);
        if (earlier) {
            const what = `${image.name}${image.tag ? `:${image.tag}` : ''}`;
            throw new InputError(earlier.digest === image.digest
                ? `images: '${what}' is listed twice; list each image once.`
                : `images: '${what}' is listed with two digests (${earlier.digest} and ${image.digest}); keep the one that was pushed.`);
        }
        seen.set(key, image);
    }
}

var _2020 = {exports: {}};

var draft2020 = {};

var dynamic = {};

var dynamicAnchor = {};

var hasRequiredDynamicAnchor;

function requireDynamicAnchor () {
	if (hasRequiredDynamicAnchor) return dynamicAnchor;
	hasRequiredDynamicAnchor = 1;
	Object.defineProperty(dynamicAnchor, "__esModule", { value: true });
	dynamicAnchor.dynamicAnchor = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const compile_1 = /*@__PURE__*/ requireCompile();
	const ref_1 = /*@__PURE__*/ requireRef();
	const def = {
	    keyword: "$dynamicAnchor",
	    schemaType: "string",
	    code: (cxt) => dynamicAnchor$1(cxt, cxt.schema),
	};
	function dynamicAnchor$1(cxt, anchor) {
	    const { gen, it } = cxt;
	    it.schemaEnv.root.dynamicAnchors[anchor] = true;
	    const v = (0, codegen_1._) `${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`;
	    const validate = it.errSchemaPath === "#" ? it.validateName : _getValidate(cxt);
	    gen.if((0, codegen_1._) `!${v}`, () => gen.assign(v, validate));
	}
	dynamicAnchor.dynamicAnchor = dynamicAnchor$1;
	function _getValidate(cxt) {
	    const { schemaEnv, schema, self } = cxt.it;
	    const { root, baseId, localRefs, meta } = schemaEnv.root;
	    const { schemaId } = self.opts;
	    const sch = new compile_1.SchemaEnv({ schema, schemaId, root, baseId, localRefs, meta });
	    compile_1.compileSchema.call(self, sch);
	    return (0, ref_1.getValidate)(cxt, sch);
	}
	dynamicAnchor.default = def;
	
	return dynamicAnchor;
}

var dynamicRef = {};

var hasRequiredDynamicRef;

function requireDynamicRef () {
	if (hasRequiredDynamicRef) return dynamicRef;
	hasRequiredDynamicRef = 1;
	Object.defineProperty(dynamicRef, "__esModule", { value: true });
	dynamicRef.dynamicRef = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const ref_1 = /*@__PURE__*/ requireRef();
	const def = {
	    keyword: "$dynamicRef",
	    schemaType: "string",
	    code: (cxt) => dynamicRef$1(cxt, cxt.schema),
	};
	function dynamicRef$1(cxt, ref) {
	    const { gen, keyword, it } = cxt;
	    if (ref[0] !== "#")
	        throw new Error(`"${keyword}" only supports hash fragment reference`);
	    const anchor = ref.slice(1);
	    if (it.allErrors) {
	        _dynamicRef();
	    }
	    else {
	        const valid = gen.let("valid", false);
	        _dynamicRef(valid);
	        cxt.ok(valid);
	    }
	    function _dynamicRef(valid) {
	        // TODO the assumption here is that `recursiveRef: #` always points to the root
	        // of the schema object, which is not correct, because there may be $id that
	        // makes # point to it, and the target schema may not contain dynamic/recursiveAnchor.
	        // Because of that 2 tests in recursiveRef.json fail.
	        // This is a similar problem to #815 (`$id` doesn't alter resolution scope for `{ "$ref": "#" }`).
	        // (This problem is not tested in JSON-Schema-Test-Suite)
	        if (it.schemaEnv.root.dynamicAnchors[anchor]) {
	            const v = gen.let("_v", (0, codegen_1._) `${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`);
	            gen.if(v, _callRef(v, valid), _callRef(it.validateName, valid));
	        }
	        else {
	            _callRef(it.validateName, valid)();
	        }
	    }
	    function _callRef(validate, valid) {
	        return valid
	            ? () => gen.block(() => {
	                (0, ref_1.callRef)(cxt, validate);
	                gen.let(valid, true);
	            })
	            : () => (0, ref_1.callRef)(cxt, validate);
	    }
	}
	dynamicRef.dynamicRef = dynamicRef$1;
	dynamicRef.default = def;
	
	return dynamicRef;
}

var recursiveAnchor = {};

var hasRequiredRecursiveAnchor;

function requireRecursiveAnchor () {
	if (hasRequiredRecursiveAnchor) return recursiveAnchor;
	hasRequiredRecursiveAnchor = 1;
	Object.defineProperty(recursiveAnchor, "__esModule", { value: true });
	const dynamicAnchor_1 = /*@__PURE__*/ requireDynamicAnchor();
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: "$recursiveAnchor",
	    schemaType: "boolean",
	    code(cxt) {
	        if (cxt.schema)
	            (0, dynamicAnchor_1.dynamicAnchor)(cxt, "");
	        else
	            (0, util_1.checkStrictMode)(cxt.it, "$recursiveAnchor: false is ignored");
	    },
	};
	recursiveAnchor.default = def;
	
	return recursiveAnchor;
}

var recursiveRef = {};

var hasRequiredRecursiveRef;

function requireRecursiveRef () {
	if (hasRequiredRecursiveRef) return recursiveRef;
	hasRequiredRecursiveRef = 1;
	Object.defineProperty(recursiveRef, "__esModule", { value: true });
	const dynamicRef_1 = /*@__PURE__*/ requireDynamicRef();
	const def = {
	    keyword: "$recursiveRef",
	    schemaType: "string",
	    code: (cxt) => (0, dynamicRef_1.dynamicRef)(cxt, cxt.schema),
	};
	recursiveRef.default = def;
	
	return recursiveRef;
}

var hasRequiredDynamic;

function requireDynamic () {
	if (hasRequiredDynamic) return dynamic;
	hasRequiredDynamic = 1;
	Object.defineProperty(dynamic, "__esModule", { value: true });
	const dynamicAnchor_1 = /*@__PURE__*/ requireDynamicAnchor();
	const dynamicRef_1 = /*@__PURE__*/ requireDynamicRef();
	const recursiveAnchor_1 = /*@__PURE__*/ requireRecursiveAnchor();
	const recursiveRef_1 = /*@__PURE__*/ requireRecursiveRef();
	const dynamic$1 = [dynamicAnchor_1.default, dynamicRef_1.default, recursiveAnchor_1.default, recursiveRef_1.default];
	dynamic.default = dynamic$1;
	
	return dynamic;
}

var next = {};

var dependentRequired = {};

var hasRequiredDependentRequired;

function requireDependentRequired () {
	if (hasRequiredDependentRequired) return dependentRequired;
	hasRequiredDependentRequired = 1;
	Object.defineProperty(dependentRequired, "__esModule", { value: true });
	const dependencies_1 = /*@__PURE__*/ requireDependencies();
	const def = {
	    keyword: "dependentRequired",
	    type: "object",
	    schemaType: "object",
	    error: dependencies_1.error,
	    code: (cxt) => (0, dependencies_1.validatePropertyDeps)(cxt),
	};
	dependentRequired.default = def;
	
	return dependentRequired;
}

var dependentSchemas = {};

var hasRequiredDependentSchemas;

function requireDependentSchemas () {
	if (hasRequiredDependentSchemas) return dependentSchemas;
	hasRequiredDependentSchemas = 1;
	Object.defineProperty(dependentSchemas, "__esModule", { value: true });
	const dependencies_1 = /*@__PURE__*/ requireDependencies();
	const def = {
	    keyword: "dependentSchemas",
	    type: "object",
	    schemaType: "object",
	    code: (cxt) => (0, dependencies_1.validateSchemaDeps)(cxt),
	};
	dependentSchemas.default = def;
	
	return dependentSchemas;
}

var limitContains = {};

var hasRequiredLimitContains;

function requireLimitContains () {
	if (hasRequiredLimitContains) return limitContains;
	hasRequiredLimitContains = 1;
	Object.defineProperty(limitContains, "__esModule", { value: true });
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: ["maxContains", "minContains"],
	    type: "array",
	    schemaType: "number",
	    code({ keyword, parentSchema, it }) {
	        if (parentSchema.contains === undefined) {
	            (0, util_1.checkStrictMode)(it, `"${keyword}" without "contains" is ignored`);
	        }
	    },
	};
	limitContains.default = def;
	
	return limitContains;
}

var hasRequiredNext;

function requireNext () {
	if (hasRequiredNext) return next;
	hasRequiredNext = 1;
	Object.defineProperty(next, "__esModule", { value: true });
	const dependentRequired_1 = /*@__PURE__*/ requireDependentRequired();
	const dependentSchemas_1 = /*@__PURE__*/ requireDependentSchemas();
	const limitContains_1 = /*@__PURE__*/ requireLimitContains();
	const next$1 = [dependentRequired_1.default, dependentSchemas_1.default, limitContains_1.default];
	next.default = next$1;
	
	return next;
}

var unevaluated = {};

var unevaluatedProperties = {};

var hasRequiredUnevaluatedProperties;

function requireUnevaluatedProperties () {
	if (hasRequiredUnevaluatedProperties) return unevaluatedProperties;
	hasRequiredUnevaluatedProperties = 1;
	Object.defineProperty(unevaluatedProperties, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const names_1 = /*@__PURE__*/ requireNames();
	const error = {
	    message: "must NOT have unevaluated properties",
	    params: ({ params }) => (0, codegen_1._) `{unevaluatedProperty: ${params.unevaluatedProperty}}`,
	};
	const def = {
	    keyword: "unevaluatedProperties",
	    type: "object",
	    schemaType: ["boolean", "object"],
	    trackErrors: true,
	    error,
	    code(cxt) {
	        const { gen, schema, data, errsCount, it } = cxt;
	        /* istanbul ignore if */
	        if (!errsCount)
	            throw new Error("ajv implementation error");
	        const { allErrors, props } = it;
	        if (props instanceof codegen_1.Name) {
	            gen.if((0, codegen_1._) `${props} !== true`, () => gen.forIn("key", data, (key) => gen.if(unevaluatedDynamic(props, key), () => unevaluatedPropCode(key))));
	        }
	        else if (props !== true) {
	            gen.forIn("key", data, (key) => props === undefined
	                ? unevaluatedPropCode(key)
	                : gen.if(unevaluatedStatic(props, key), () => unevaluatedPropCode(key)));
	        }
	        it.props = true;
	        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
	        function unevaluatedPropCode(key) {
	            if (schema === false) {
	                cxt.setParams({ unevaluatedProperty: key });
	                cxt.error();
	                if (!allErrors)
	                    gen.break();
	                return;
	            }
	            if (!(0, util_1.alwaysValidSchema)(it, schema)) {
	                const valid = gen.name("valid");
	                cxt.subschema({
	                    keyword: "unevaluatedProperties",
	                    dataProp: key,
	                    dataPropType: util_1.Type.Str,
	                }, valid);
	                if (!allErrors)
	                    gen.if((0, codegen_1.not)(valid), () => gen.break());
	            }
	        }
	        function unevaluatedDynamic(evaluatedProps, key) {
	            return (0, codegen_1._) `!${evaluatedProps} || !${evaluatedProps}[${key}]`;
	        }
	        function unevaluatedStatic(evaluatedProps, key) {
	            const ps = [];
	            for (const p in evaluatedProps) {
	                if (evaluatedProps[p] === true)
	                    ps.push((0, codegen_1._) `${key} !== ${p}`);
	            }
	            return (0, codegen_1.and)(...ps);
	        }
	    },
	};
	unevaluatedProperties.default = def;
	
	return unevaluatedProperties;
}

var unevaluatedItems = {};

var hasRequiredUnevaluatedItems;

function requireUnevaluatedItems () {
	if (hasRequiredUnevaluatedItems) return unevaluatedItems;
	hasRequiredUnevaluatedItems = 1;
	Object.defineProperty(unevaluatedItems, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
	    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
	};
	const def = {
	    keyword: "unevaluatedItems",
	    type: "array",
	    schemaType: ["boolean", "object"],
	    error,
	    code(cxt) {
	        const { gen, schema, data, it } = cxt;
	        const items = it.items || 0;
	        if (items === true)
	            return;
	        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
	        if (schema === false) {
	            cxt.setParams({ len: items });
	            cxt.fail((0, codegen_1._) `${len} > ${items}`);
	        }
	        else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
	            const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items}`);
	            gen.if((0, codegen_1.not)(valid), () => validateItems(valid, items));
	            cxt.ok(valid);
	        }
	        it.items = true;
	        function validateItems(valid, from) {
	            gen.forRange("i", from, len, (i) => {
	                cxt.subschema({ keyword: "unevaluatedItems", dataProp: i, dataPropType: util_1.Type.Num }, valid);
	                if (!it.allErrors)
	                    gen.if((0, codegen_1.not)(valid), () => gen.break());
	            });
	        }
	    },
	};
	unevaluatedItems.default = def;
	
	return unevaluatedItems;
}

var hasRequiredUnevaluated;

function requireUnevaluated () {
	if (hasRequiredUnevaluated) return unevaluated;
	hasRequiredUnevaluated = 1;
	Object.defineProperty(unevaluated, "__esModule", { value: true });
	const unevaluatedProperties_1 = /*@__PURE__*/ requireUnevaluatedProperties();
	const unevaluatedItems_1 = /*@__PURE__*/ requireUnevaluatedItems();
	const unevaluated$1 = [unevaluatedProperties_1.default, unevaluatedItems_1.default];
	unevaluated.default = unevaluated$1;
	
	return unevaluated;
}

var hasRequiredDraft2020;

function requireDraft2020 () {
	if (hasRequiredDraft2020) return draft2020;
	hasRequiredDraft2020 = 1;
	Object.defineProperty(draft2020, "__esModule", { value: true });
	const core_1 = /*@__PURE__*/ requireCore();
	const validation_1 = /*@__PURE__*/ requireValidation();
	const applicator_1 = /*@__PURE__*/ requireApplicator();
	const dynamic_1 = /*@__PURE__*/ requireDynamic();
	const next_1 = /*@__PURE__*/ requireNext();
	const unevaluated_1 = /*@__PURE__*/ requireUnevaluated();
	const format_1 = /*@__PURE__*/ requireFormat();
	const metadata_1 = /*@__PURE__*/ requireMetadata();
	const draft2020Vocabularies = [
	    dynamic_1.default,
	    core_1.default,
	    validation_1.default,
	    (0, applicator_1.default)(true),
	    format_1.default,
	    metadata_1.metadataVocabulary,
	    metadata_1.contentVocabulary,
	    next_1.default,
	    unevaluated_1.default,
	];
	draft2020.default = draft2020Vocabularies;
	
	return draft2020;
}

var jsonSchema202012 = {};

var $schema$7 = "https://json-schema.org/draft/2020-12/schema";
var $id$7 = "https://json-schema.org/draft/2020-12/schema";
var $vocabulary$7 = {
	"https://json-schema.org/draft/2020-12/vocab/core": true,
	"https://json-schema.org/draft/2020-12/vocab/applicator": true,
	"https://json-schema.org/draft/2020-12/vocab/unevaluated": true,
	"https://json-schema.org/draft/2020-12/vocab/validation": true,
	"https://json-schema.org/draft/2020-12/vocab/meta-data": true,
	"https://json-schema.org/draft/2020-12/vocab/format-annotation": true,
	"https://json-schema.org/draft/2020-12/vocab/content": true
};
var $dynamicAnchor$7 = "meta";
var title$7 = "Core and Validation specifications meta-schema";
var allOf = [
	{
		$ref: "meta/core"
	},
	{
		$ref: "meta/applicator"
	},
	{
		$ref: "meta/unevaluated"
	},
	{
		$ref: "meta/validation"
	},
	{
		$ref: "meta/meta-data"
	},
	{
		$ref: "meta/format-annotation"
	},
	{
		$ref: "meta/content"
	}
];
var type$7 = [
	"object",
	"boolean"
];
var $comment = "This meta-schema also defines keywords that have appeared in previous drafts in order to prevent incompatible extensions as they remain in common use.";
var properties$7 = {
	definitions: {
		$comment: "\"definitions\" has been replaced by \"$defs\".",
		type: "object",
		additionalProperties: {
			$dynamicRef: "#meta"
		},
		deprecated: true,
		"default": {
		}
	},
	dependencies: {
		$comment: "\"dependencies\" has been split and replaced by \"dependentSchemas\" and \"dependentRequired\" in order to serve their differing semantics.",
		type: "object",
		additionalProperties: {
			anyOf: [
				{
					$dynamicRef: "#meta"
				},
				{
					$ref: "meta/validation#/$defs/stringArray"
				}
			]
		},
		deprecated: true,
		"default": {
		}
	},
	$recursiveAnchor: {
		$comment: "\"$recursiveAnchor\" has been replaced by \"$dynamicAnchor\".",
		$ref: "meta/core#/$defs/anchorString",
		deprecated: true
	},
	$recursiveRef: {
		$comment: "\"$recursiveRef\" has been replaced by \"$dynamicRef\".",
		$ref: "meta/core#/$defs/uriReferenceString",
		deprecated: true
	}
};
var require$$0 = {
	$schema: $schema$7,
	$id: $id$7,
	$vocabulary: $vocabulary$7,
	$dynamicAnchor: $dynamicAnchor$7,
	title: title$7,
	allOf: allOf,
	type: type$7,
	$comment: $comment,
	properties: properties$7
};

var $schema$6 = "https://json-schema.org/draft/2020-12/schema";
var $id$6 = "https://json-schema.org/draft/2020-12/meta/applicator";
var $vocabulary$6 = {
	"https://json-schema.org/draft/2020-12/vocab/applicator": true
};
var $dynamicAnchor$6 = "meta";
var title$6 = "Applicator vocabulary meta-schema";
var type$6 = [
	"object",
	"boolean"
];
var properties$6 = {
	prefixItems: {
		$ref: "#/$defs/schemaArray"
	},
	items: {
		$dynamicRef: "#meta"
	},
	contains: {
		$dynamicRef: "#meta"
	},
	additionalProperties: {
		$dynamicRef: "#meta"
	},
	properties: {
		type: "object",
		additionalProperties: {
			$dynamicRef: "#meta"
		},
		"default": {
		}
	},
	patternProperties: {
		type: "object",
		additionalProperties: {
			$dynamicRef: "#meta"
		},
		propertyNames: {
			format: "regex"
		},
		"default": {
		}
	},
	dependentSchemas: {
		type: "object",
		additionalProperties: {
			$dynamicRef: "#meta"
		},
		"default": {
		}
	},
	propertyNames: {
		$dynamicRef: "#meta"
	},
	"if": {
		$dynamicRef: "#meta"
	},
	then: {
		$dynamicRef: "#meta"
	},
	"else": {
		$dynamicRef: "#meta"
	},
	allOf: {
		$ref: "#/$defs/schemaArray"
	},
	anyOf: {
		$ref: "#/$defs/schemaArray"
	},
	oneOf: {
		$ref: "#/$defs/schemaArray"
	},
	not: {
		$dynamicRef: "#meta"
	}
};
var $defs$2 = {
	schemaArray: {
		type: "array",
		minItems: 1,
		items: {
			$dynamicRef: "#meta"
		}
	}
};
var require$$1 = {
	$schema: $schema$6,
	$id: $id$6,
	$vocabulary: $vocabulary$6,
	$dynamicAnchor: $dynamicAnchor$6,
	title: title$6,
	type: type$6,
	properties: properties$6,
	$defs: $defs$2
};

var $schema$5 = "https://json-schema.org/draft/2020-12/schema";
var $id$5 = "https://json-schema.org/draft/2020-12/meta/unevaluated";
var $vocabulary$5 = {
	"https://json-schema.org/draft/2020-12/vocab/unevaluated": true
};
var $dynamicAnchor$5 = "meta";
var title$5 = "Unevaluated applicator vocabulary meta-schema";
var type$5 = [
	"object",
	"boolean"
];
var properties$5 = {
	unevaluatedItems: {
		$dynamicRef: "#meta"
	},
	unevaluatedProperties: {
		$dynamicRef: "#meta"
	}
};
var require$$2 = {
	$schema: $schema$5,
	$id: $id$5,
	$vocabulary: $vocabulary$5,
	$dynamicAnchor: $dynamicAnchor$5,
	title: title$5,
	type: type$5,
	properties: properties$5
};

var $schema$4 = "https://json-schema.org/draft/2020-12/schema";
var $id$4 = "https://json-schema.org/draft/2020-12/meta/content";
var $vocabulary$4 = {
	"https://json-schema.org/draft/2020-12/vocab/content": true
};
var $dynamicAnchor$4 = "meta";
var title$4 = "Content vocabulary meta-schema";
var type$4 = [
	"object",
	"boolean"
];
var properties$4 = {
	contentEncoding: {
		type: "string"
	},
	contentMediaType: {
		type: "string"
	},
	contentSchema: {
		$dynamicRef: "#meta"
	}
};
var require$$3 = {
	$schema: $schema$4,
	$id: $id$4,
	$vocabulary: $vocabulary$4,
	$dynamicAnchor: $dynamicAnchor$4,
	title: title$4,
	type: type$4,
	properties: properties$4
};

var $schema$3 = "https://json-schema.org/draft/2020-12/schema";
var $id$3 = "https://json-schema.org/draft/2020-12/meta/core";
var $vocabulary$3 = {
	"https://json-schema.org/draft/2020-12/vocab/core": true
};
var $dynamicAnchor$3 = "meta";
var title$3 = "Core vocabulary meta-schema";
var type$3 = [
	"object",
	"boolean"
];
var properties$3 = {
	$id: {
		$ref: "#/$defs/uriReferenceString",
		$comment: "Non-empty fragments not allowed.",
		pattern: "^[^#]*#?$"
	},
	$schema: {
		$ref: "#/$defs/uriString"
	},
	$ref: {
		$ref: "#/$defs/uriReferenceString"
	},
	$anchor: {
		$ref: "#/$defs/anchorString"
	},
	$dynamicRef: {
		$ref: "#/$defs/uriReferenceString"
	},
	$dynamicAnchor: {
		$ref: "#/$defs/anchorString"
	},
	$vocabulary: {
		type: "object",
		propertyNames: {
			$ref: "#/$defs/uriString"
		},
		additionalProperties: {
			type: "boolean"
		}
	},
	$comment: {
		type: "string"
	},
	$defs: {
		type: "object",
		additionalProperties: {
			$dynamicRef: "#meta"
		}
	}
};
var $defs$1 = {
	anchorString: {
		type: "string",
		pattern: "^[A-Za-z_][-A-Za-z0-9._]*$"
	},
	uriString: {
		type: "string",
		format: "uri"
	},
	uriReferenceString: {
		type: "string",
		format: "uri-reference"
	}
};
var require$$4 = {
	$schema: $schema$3,
	$id: $id$3,
	$vocabulary: $vocabulary$3,
	$dynamicAnchor: $dynamicAnchor$3,
	title: title$3,
	type: type$3,
	properties: properties$3,
	$defs: $defs$1
};

var $schema$2 = "https://json-schema.org/draft/2020-12/schema";
var $id$2 = "https://json-schema.org/draft/2020-12/meta/format-annotation";
var $vocabulary$2 = {
	"https://json-schema.org/draft/2020-12/vocab/format-annotation": true
};
var $dynamicAnchor$2 = "meta";
var title$2 = "Format vocabulary meta-schema for annotation results";
var type$2 = [
	"object",
	"boolean"
];
var properties$2 = {
	format: {
		type: "string"
	}
};
var require$$5 = {
	$schema: $schema$2,
	$id: $id$2,
	$vocabulary: $vocabulary$2,
	$dynamicAnchor: $dynamicAnchor$2,
	title: title$2,
	type: type$2,
	properties: properties$2
};

var $schema$1 = "https://json-schema.org/draft/2020-12/schema";
var $id$1 = "https://json-schema.org/draft/2020-12/meta/meta-data";
var $vocabulary$1 = {
	"https://json-schema.org/draft/2020-12/vocab/meta-data": true
};
var $dynamicAnchor$1 = "meta";
var title$1 = "Meta-data vocabulary meta-schema";
var type$1 = [
	"object",
	"boolean"
];
var properties$1 = {
	title: {
		type: "string"
	},
	description: {
		type: "string"
	},
	"default": true,
	deprecated: {
		type: "boolean",
		"default": false
	},
	readOnly: {
		type: "boolean",
		"default": false
	},
	writeOnly: {
		type: "boolean",
		"default": false
	},
	examples: {
		type: "array",
		items: true
	}
};
var require$$6 = {
	$schema: $schema$1,
	$id: $id$1,
	$vocabulary: $vocabulary$1,
	$dynamicAnchor: $dynamicAnchor$1,
	title: title$1,
	type: type$1,
	properties: properties$1
};

var $schema = "https://json-schema.org/draft/2020-12/schema";
var $id = "https://json-schema.org/draft/2020-12/meta/validation";
var $vocabulary = {
	"https://json-schema.org/draft/2020-12/vocab/validation": true
};
var $dynamicAnchor = "meta";
var title = "Validation vocabulary meta-schema";
var type = [
	"object",
	"boolean"
];
var properties = {
	type: {
		anyOf: [
			{
				$ref: "#/$defs/simpleTypes"
			},
			{
				type: "array",
				items: {
					$ref: "#/$defs/simpleTypes"
				},
				minItems: 1,
				uniqueItems: true
			}
		]
	},
	"const": true,
	"enum": {
		type: "array",
		items: true
	},
	multipleOf: {
		type: "number",
		exclusiveMinimum: 0
	},
	maximum: {
		type: "number"
	},
	exclusiveMaximum: {
		type: "number"
	},
	minimum: {
		type: "number"
	},
	exclusiveMinimum: {
		type: "number"
	},
	maxLength: {
		$ref: "#/$defs/nonNegativeInteger"
	},
	minLength: {
		$ref: "#/$defs/nonNegativeIntegerDefault0"
	},
	pattern: {
		type: "string",
		format: "regex"
	},
	maxItems: {
		$ref: "#/$defs/nonNegativeInteger"
	},
	minItems: {
		$ref: "#/$defs/nonNegativeIntegerDefault0"
	},
	uniqueItems: {
		type: "boolean",
		"default": false
	},
	maxContains: {
		$ref: "#/$defs/nonNegativeInteger"
	},
	minContains: {
		$ref: "#/$defs/nonNegativeInteger",
		"default": 1
	},
	maxProperties: {
		$ref: "#/$defs/nonNegativeInteger"
	},
	minProperties: {
		$ref: "#/$defs/nonNegativeIntegerDefault0"
	},
	required: {
		$ref: "#/$defs/stringArray"
	},
	dependentRequired: {
		type: "object",
		additionalProperties: {
			$ref: "#/$defs/stringArray"
		}
	}
};
var $defs = {
	nonNegativeInteger: {
		type: "integer",
		minimum: 0
	},
	nonNegativeIntegerDefault0: {
		$ref: "#/$defs/nonNegativeInteger",
		"default": 0
	},
	simpleTypes: {
		"enum": [
			"array",
			"boolean",
			"integer",
			"null",
			"number",
			"object",
			"string"
		]
	},
	stringArray: {
		type: "array",
		items: {
			type: "string"
		},
		uniqueItems: true,
		"default": [
		]
	}
};
var require$$7 = {
	$schema: $schema,
	$id: $id,
	$vocabulary: $vocabulary,
	$dynamicAnchor: $dynamicAnchor,
	title: title,
	type: type,
	properties: properties,
	$defs: $defs
};

var hasRequiredJsonSchema202012;

function requireJsonSchema202012 () {
	if (hasRequiredJsonSchema202012) return jsonSchema202012;
	hasRequiredJsonSchema202012 = 1;
	Object.defineProperty(jsonSchema202012, "__esModule", { value: true });
	const metaSchema = require$$0;
	const applicator = require$$1;
	const unevaluated = require$$2;
	const content = require$$3;
	const core = require$$4;
	const format = require$$5;
	const metadata = require$$6;
	const validation = require$$7;
	const META_SUPPORT_DATA = ["/properties"];
	function addMetaSchema2020($data) {
	    [
	        metaSchema,
	        applicator,
	        unevaluated,
	        content,
	        core,
	        with$data(this, format),
	        metadata,
	        with$data(this, validation),
	    ].forEach((sch) => this.addMetaSchema(sch, undefined, false));
	    return this;
	    function with$data(ajv, sch) {
	        return $data ? ajv.$dataMetaSchema(sch, META_SUPPORT_DATA) : sch;
	    }
	}
	jsonSchema202012.default = addMetaSchema2020;
	
	return jsonSchema202012;
}

var hasRequired_2020;

function require_2020 () {
	if (hasRequired_2020) return _2020.exports;
	hasRequired_2020 = 1;
	(function (module, exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv2020 = void 0;
		const core_1 = /*@__PURE__*/ requireCore$1();
		const draft2020_1 = /*@__PURE__*/ requireDraft2020();
		const discriminator_1 = /*@__PURE__*/ requireDiscriminator();
		const json_schema_2020_12_1 = /*@__PURE__*/ requireJsonSchema202012();
		const META_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema";
		class Ajv2020 extends core_1.default {
		    constructor(opts = {}) {
		        super({
		            ...opts,
		            dynamicRef: true,
		            next: true,
		            unevaluated: true,
		        });
		    }
		    _addVocabularies() {
		        super._addVocabularies();
		        draft2020_1.default.forEach((v) => this.addVocabulary(v));
		        if (this.opts.discriminator)
		            this.addKeyword(discriminator_1.default);
		    }
		    _addDefaultMetaSchema() {
		        super._addDefaultMetaSchema();
		        const { $data, meta } = this.opts;
		        if (!meta)
		            return;
		        json_schema_2020_12_1.default.call(this, $data);
		        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
		    }
		    defaultMeta() {
		        return (this.opts.defaultMeta =
		            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
		    }
		}
		exports.Ajv2020 = Ajv2020;
		module.exports = exports = Ajv2020;
		module.exports.Ajv2020 = Ajv2020;
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.default = Ajv2020;
		var validate_1 = /*@__PURE__*/ requireValidate();
		Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function () { return validate_1.KeywordCxt; } });
		var codegen_1 = /*@__PURE__*/ requireCodegen();
		Object.defineProperty(exports, "_", { enumerable: true, get: function () { return codegen_1._; } });
		Object.defineProperty(exports, "str", { enumerable: true, get: function () { return codegen_1.str; } });
		Object.defineProperty(exports, "stringify", { enumerable: true, get: function () { return codegen_1.stringify; } });
		Object.defineProperty(exports, "nil", { enumerable: true, get: function () { return codegen_1.nil; } });
		Object.defineProperty(exports, "Name", { enumerable: true, get: function () { return codegen_1.Name; } });
		Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function () { return codegen_1.CodeGen; } });
		var validation_error_1 = /*@__PURE__*/ requireValidation_error();
		Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function () { return validation_error_1.default; } });
		var ref_error_1 = /*@__PURE__*/ requireRef_error();
		Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function () { return ref_error_1.default; } });
		
	} (_2020, _2020.exports));
	return _2020.exports;
}

var _2020Exports = /*@__PURE__*/ require_2020();

var dist = {exports: {}};

var formats = {};

var hasRequiredFormats;

function requireFormats () {
	if (hasRequiredFormats) return formats;
	hasRequiredFormats = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.formatNames = exports.fastFormats = exports.fullFormats = void 0;
		function fmtDef(validate, compare) {
		    return { validate, compare };
		}
		exports.fullFormats = {
		    // date: http://tools.ietf.org/html/rfc3339#section-5.6
		    date: fmtDef(date, compareDate),
		    // date-time: http://tools.ietf.org/html/rfc3339#section-5.6
		    time: fmtDef(getTime(true), compareTime),
		    "date-time": fmtDef(getDateTime(true), compareDateTime),
		    "iso-time": fmtDef(getTime(), compareIsoTime),
		    "iso-date-time": fmtDef(getDateTime(), compareIsoDateTime),
		    // duration: https://tools.ietf.org/html/rfc3339#appendix-A
		    duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
		    uri,
		    "uri-reference": /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,
		    // uri-template: https://tools.ietf.org/html/rfc6570
		    "uri-template": /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,
		    // For the source: https://gist.github.com/dperini/729294
		    // For test cases: https://mathiasbynens.be/demo/url-regex
		    url: /^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,
		    email: /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
		    hostname: /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,
		    // optimized https://www.safaribooksonline.com/library/view/regular-expressions-cookbook/9780596802837/ch07s16.html
		    ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
		    ipv6: /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,
		    regex,
		    // uuid: http://tools.ietf.org/html/rfc4122
		    uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
		    // JSON-pointer: https://tools.ietf.org/html/rfc6901
		    // uri fragment: https://tools.ietf.org/html/rfc3986#appendix-A
		    "json-pointer": /^(?:\/(?:[^~/]|~0|~1)*)*$/,
		    "json-pointer-uri-fragment": /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,
		    // relative JSON-pointer: http://tools.ietf.org/html/draft-luff-relative-json-pointer-00
		    "relative-json-pointer": /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,
		    // the following formats are used by the openapi specification: https://spec.openapis.org/oas/v3.0.0#data-types
		    // byte: https://github.com/miguelmota/is-base64
		    byte,
		    // signed 32 bit integer
		    int32: { type: "number", validate: validateInt32 },
		    // signed 64 bit integer
		    int64: { type: "number", validate: validateInt64 },
		    // C-type float
		    float: { type: "number", validate: validateNumber },
		    // C-type double
		    double: { type: "number", validate: validateNumber },
		    // hint to the UI to hide input strings
		    password: true,
		    // unchecked string payload
		    binary: true,
		};
		exports.fastFormats = {
		    ...exports.fullFormats,
		    date: fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d$/, compareDate),
		    time: fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareTime),
		    "date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareDateTime),
		    "iso-time": fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoTime),
		    "iso-date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoDateTime),
		    // uri: https://github.com/mafintosh/is-my-json-valid/blob/master/formats.js
		    uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
		    "uri-reference": /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,
		    // email (sources from jsen validator):
		    // http://stackoverflow.com/questions/201323/using-a-regular-expression-to-validate-an-email-address#answer-8829363
		    // http://www.w3.org/TR/html5/forms.html#valid-e-mail-address (search for 'wilful violation')
		    email: /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
		};
		exports.formatNames = Object.keys(exports.fullFormats);
		function isLeapYear(year) {
		    // https://tools.ietf.org/html/rfc3339#appendix-C
		    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
		}
		const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
		const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
		function date(str) {
		    // full-date from http://tools.ietf.org/html/rfc3339#section-5.6
		    const matches = DATE.exec(str);
		    if (!matches)
		        return false;
		    const year = +matches[1];
		    const month = +matches[2];
		    const day = +matches[3];
		    return (month >= 1 &&
		        month <= 12 &&
		        day >= 1 &&
		        day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]));
		}
		function compareDate(d1, d2) {
		    if (!(d1 && d2))
		        return undefined;
		    if (d1 > d2)
		        return 1;
		    if (d1 < d2)
		        return -1;
		    return 0;
		}
		const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
		function getTime(strictTimeZone) {
		    return function time(str) {
		        const matches = TIME.exec(str);
		        if (!matches)
		            return false;
		        const hr = +matches[1];
		        const min = +matches[2];
		        const sec = +matches[3];
		        const tz = matches[4];
		        const tzSign = matches[5] === "-" ? -1 : 1;
		        const tzH = +(matches[6] || 0);
		        const tzM = +(matches[7] || 0);
		        if (tzH > 23 || tzM > 59 || (strictTimeZone && !tz))
		            return false;
		        if (hr <= 23 && min <= 59 && sec < 60)
		            return true;
		        // leap second
		        const utcMin = min - tzM * tzSign;
		        const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
		        return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
		    };
		}
		function compareTime(s1, s2) {
		    if (!(s1 && s2))
		        return undefined;
		    const t1 = new Date("2020-01-01T" + s1).valueOf();
		    const t2 = new Date("2020-01-01T" + s2).valueOf();
		    if (!(t1 && t2))
		        return undefined;
		    return t1 - t2;
		}
		function compareIsoTime(t1, t2) {
		    if (!(t1 && t2))
		        return undefined;
		    const a1 = TIME.exec(t1);
		    const a2 = TIME.exec(t2);
		    if (!(a1 && a2))
		        return undefined;
		    t1 = a1[1] + a1[2] + a1[3];
		    t2 = a2[1] + a2[2] + a2[3];
		    if (t1 > t2)
		        return 1;
		    if (t1 < t2)
		        return -1;
		    return 0;
		}
		const DATE_TIME_SEPARATOR = /t|\s/i;
		function getDateTime(strictTimeZone) {
		    const time = getTime(strictTimeZone);
		    return function date_time(str) {
		        // http://tools.ietf.org/html/rfc3339#section-5.6
		        const dateTime = str.split(DATE_TIME_SEPARATOR);
		        return dateTime.length === 2 && date(dateTime[0]) && time(dateTime[1]);
		    };
		}
		function compareDateTime(dt1, dt2) {
		    if (!(dt1 && dt2))
		        return undefined;
		    const d1 = new Date(dt1).valueOf();
		    const d2 = new Date(dt2).valueOf();
		    if (!(d1 && d2))
		        return undefined;
		    return d1 - d2;
		}
		function compareIsoDateTime(dt1, dt2) {
		    if (!(dt1 && dt2))
		        return undefined;
		    const [d1, t1] = dt1.split(DATE_TIME_SEPARATOR);
		    const [d2, t2] = dt2.split(DATE_TIME_SEPARATOR);
		    const res = compareDate(d1, d2);
		    if (res === undefined)
		        return undefined;
		    return res || compareTime(t1, t2);
		}
		const NOT_URI_FRAGMENT = /\/|:/;
		const URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
		function uri(str) {
		    // http://jmrware.com/articles/2009/uri_regexp/URI_regex.html + optional protocol + required "."
		    return NOT_URI_FRAGMENT.test(str) && URI.test(str);
		}
		const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
		function byte(str) {
		    BYTE.lastIndex = 0;
		    return BYTE.test(str);
		}
		const MIN_INT32 = -2147483648;
		const MAX_INT32 = 2 ** 31 - 1;
		function validateInt32(value) {
		    return Number.isInteger(value) && value <= MAX_INT32 && value >= MIN_INT32;
		}
		function validateInt64(value) {
		    // JSON and javascript max Int is 2**53, so any int that passes isInteger is valid for Int64
		    return Number.isInteger(value);
		}
		function validateNumber() {
		    return true;
		}
		const Z_ANCHOR = /[^\\]\\Z/;
		function regex(str) {
		    if (Z_ANCHOR.test(str))
		        return false;
		    try {
		        new RegExp(str);
		        return true;
		    }
		    catch (e) {
		        return false;
		    }
		}
		
	} (formats));
	return formats;
}

var limit = {};

var hasRequiredLimit;

function requireLimit () {
	if (hasRequiredLimit) return limit;
	hasRequiredLimit = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.formatLimitDefinition = void 0;
		const ajv_1 = /*@__PURE__*/ requireAjv();
		const codegen_1 = /*@__PURE__*/ requireCodegen();
		const ops = codegen_1.operators;
		const KWDs = {
		    formatMaximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
		    formatMinimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
		    formatExclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
		    formatExclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE },
		};
		const error = {
		    message: ({ keyword, schemaCode }) => (0, codegen_1.str) `should be ${KWDs[keyword].okStr} ${schemaCode}`,
		    params: ({ keyword, schemaCode }) => (0, codegen_1._) `{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`,
		};
		exports.formatLimitDefinition = {
		    keyword: Object.keys(KWDs),
		    type: "string",
		    schemaType: "string",
		    $data: true,
		    error,
		    code(cxt) {
		        const { gen, data, schemaCode, keyword, it } = cxt;
		        const { opts, self } = it;
		        if (!opts.validateFormats)
		            return;
		        const fCxt = new ajv_1.KeywordCxt(it, self.RULES.all.format.definition, "format");
		        if (fCxt.$data)
		            validate$DataFormat();
		        else
		            validateFormat();
		        function validate$DataFormat() {
		            const fmts = gen.scopeValue("formats", {
		                ref: self.formats,
		                code: opts.code.formats,
		            });
		            const fmt = gen.const("fmt", (0, codegen_1._) `${fmts}[${fCxt.schemaCode}]`);
		            cxt.fail$data((0, codegen_1.or)((0, codegen_1._) `typeof ${fmt} != "object"`, (0, codegen_1._) `${fmt} instanceof RegExp`, (0, codegen_1._) `typeof ${fmt}.compare != "function"`, compareCode(fmt)));
		        }
		        function validateFormat() {
		            const format = fCxt.schema;
		            const fmtDef = self.formats[format];
		            if (!fmtDef || fmtDef === true)
		                return;
		            if (typeof fmtDef != "object" ||
		                fmtDef instanceof RegExp ||
		                typeof fmtDef.compare != "function") {
		                throw new Error(`"${keyword}": format "${format}" does not define "compare" function`);
		            }
		            const fmt = gen.scopeValue("formats", {
		                key: format,
		                ref: fmtDef,
		                code: opts.code.formats ? (0, codegen_1._) `${opts.code.formats}${(0, codegen_1.getProperty)(format)}` : undefined,
		            });
		            cxt.fail$data(compareCode(fmt));
		        }
		        function compareCode(fmt) {
		            return (0, codegen_1._) `${fmt}.compare(${data}, ${schemaCode}) ${KWDs[keyword].fail} 0`;
		        }
		    },
		    dependencies: ["format"],
		};
		const formatLimitPlugin = (ajv) => {
		    ajv.addKeyword(exports.formatLimitDefinition);
		    return ajv;
		};
		exports.default = formatLimitPlugin;
		
	} (limit));
	return limit;
}

var hasRequiredDist;

function requireDist () {
	if (hasRequiredDist) return dist.exports;
	hasRequiredDist = 1;
	(function (module, exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		const formats_1 = requireFormats();
		const limit_1 = requireLimit();
		const codegen_1 = /*@__PURE__*/ requireCodegen();
		const fullName = new codegen_1.Name("fullFormats");
		const fastName = new codegen_1.Name("fastFormats");
		const formatsPlugin = (ajv, opts = { keywords: true }) => {
		    if (Array.isArray(opts)) {
		        addFormats(ajv, opts, formats_1.fullFormats, fullName);
		        return ajv;
		    }
		    const [formats, exportName] = opts.mode === "fast" ? [formats_1.fastFormats, fastName] : [formats_1.fullFormats, fullName];
		    const list = opts.formats || formats_1.formatNames;
		    addFormats(ajv, list, formats, exportName);
		    if (opts.keywords)
		        (0, limit_1.default)(ajv);
		    return ajv;
		};
		formatsPlugin.get = (name, mode = "full") => {
		    const formats = mode === "fast" ? formats_1.fastFormats : formats_1.fullFormats;
		    const f = formats[name];
		    if (!f)
		        throw new Error(`Unknown format "${name}"`);
		    return f;
		};
		function addFormats(ajv, list, fs, exportName) {
		    var _a;
		    var _b;
		    (_a = (_b = ajv.opts.code).formats) !== null && _a !== void 0 ? _a : (_b.formats = (0, codegen_1._) `require("ajv-formats/dist/formats").${exportName}`);
		    for (const f of list)
		        ajv.addFormat(f, fs[f]);
		}
		module.exports = exports = formatsPlugin;
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.default = formatsPlugin;
		
	} (dist, dist.exports));
	return dist.exports;
}

var distExports = requireDist();
var addFormatsModule = /*@__PURE__*/getDefaultExportFromCjs(distExports);

// The manifest's JSON Schema. schemas/rollback-manifest.schema.json is written from this by
// `npm run schemas`, and a test checks that the two agree.
const manifestSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://rollback-guard.dev/schemas/rollback-manifest.schema.json',
    title: 'rollback-guard rollback manifest',
    description: 'What was built and released, so the release can be restored: source, Go modules, images, config and contract snapshots, chained to the manifest before it.',
    type: 'object',
    additionalProperties: false,
    required: [
        'schemaVersion',
        'service',
        'env',
        'createdAt',
        'source',
        'go',
        'images',
        'config',
        'contracts',
        'previous',
        'verdict'
    ],
    properties: {
        schemaVersion: {
            const: 1
        },
        service: {
            $ref: '#/$defs/name'
        },
        env: {
            $ref: '#/$defs/name'
        },
        createdAt: {
            type: 'string',
            format: 'date-time'
        },
        source: {
            type: 'object',
            additionalProperties: false,
            required: ['commit'],
            properties: {
                repository: {
                    type: ['string', 'null']
                },
                commit: {
                    type: 'string',
                    pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$'
                },
                ref: {
                    type: ['string', 'null']
                },
                tag: {
                    type: ['string', 'null']
                },
                runUrl: {
                    type: ['string', 'null']
                },
                runAttempt: {
                    type: ['integer', 'null'],
                    minimum: 1
                },
                actor: {
                    type: ['string', 'null']
                }
            }
        },
        go: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['path', 'module', 'goVersion', 'goModSha256', 'goSumSha256'],
                properties: {
                    path: {
                        type: 'string',
                        description: "go.mod's folder, relative to the repository root ('.' for the root)."
                    },
                    module: {
                        type: 'string',
                        minLength: 1
                    },
                    goVersion: {
                        type: ['string', 'null']
                    },
                    goModSha256: {
                        $ref: '#/$defs/sha256'
                    },
                    goSumSha256: {
                        oneOf: [
                            {
                                $ref: '#/$defs/sha256'
                            },
                            {
                                type: 'null'
                            }
                        ]
                    }
                }
            }
        },
        images: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'digest'],
                properties: {
                    name: {
                        type: 'string',
                        minLength: 1
                    },
                    tag: {
                        type: ['string', 'null']
                    },
                    digest: {
                        oneOf: [
                            {
                                $ref: '#/$defs/digest'
                            },
                            {
                                type: 'null'
                            }
                        ],
                        description: 'null only for a tag-only image recorded with allow-tag-only-images.'
                    },
                    platforms: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['platform', 'digest'],
                            properties: {
                                platform: {
                                    type: 'string'
                                },
                                digest: {
                                    $ref: '#/$defs/digest'
                                }
                            }
                        }
                    }
                }
            }
        },
        config: {
            type: 'object',
            additionalProperties: false,
            required: ['version', 'sha256', 'files'],
            properties: {
                version: {
                    type: ['string', 'null']
                },
                sha256: {
                    oneOf: [
                        {
                            $ref: '#/$defs/sha256'
                        },
                        {
                            type: 'null'
                        }
                    ]
                },
                files: {
                    type: 'array',
                    items: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['path', 'sha256', 'size'],
                        properties: {
                            path: {
                                type: 'string'
                            },
                            sha256: {
                                $ref: '#/$defs/sha256'
                            },
                            size: {
                                type: 'integer',
                                minimum: 0
                            }
                        }
                    }
                }
            }
        },
        contracts: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['path', 'sha256'],
                properties: {
                    path: {
                        type: 'string'
                    },
                    sha256: {
                        $ref: '#/$defs/sha256'
                    },
                    kind: {
                        type: ['string', 'null']
                    }
                }
            }
        },
        migrations: {
            description: 'Per migrations directory: tool, newest version, checksum of the applied set.',
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['path', 'tool', 'version', 'count', 'sha256', 'migrations'],
                properties: {
                    path: { type: 'string' },
                    tool: { type: 'string' },
                    version: { type: ['string', 'null'] },
                    count: { type: 'integer', minimum: 0 },
                    sha256: { $ref: '#/$defs/sha256' },
                    migrations: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['version', 'file', 'hasDown', 'breaks'],
                            properties: {
                                version: { type: 'string' },
                                file: { type: 'string' },
                                hasDown: { type: 'boolean' },
                                breaks: { type: 'array', items: { type: 'string' } },
                                analysed: { type: 'boolean' }
                            }
                        }
                    }
                }
            }
        },
        previous: {
            oneOf: [
                {
                    type: 'null'
                },
                {
                    type: 'object',
                    additionalProperties: false,
                    required: ['id', 'commit', 'sha256'],
                    properties: {
                        id: {
                            type: 'string'
                        },
                        commit: {
                            type: 'string',
                            pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$'
                        },
                        sha256: {
                            $ref: '#/$defs/sha256'
                        }
                    }
                }
            ]
        },
        verdict: {
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: {
                status: {
                    enum: ['unknown', 'good', 'bad']
                },
                decidedAt: {
                    type: ['string', 'null'],
                    format: 'date-time'
                },
                evidence: {
                    description: "The SLO evidence that decided the verdict (slo-gate's evidence JSON).",
                    type: ['object', 'null']
                }
            }
        }
    },
    $defs: {
        name: {
            type: 'string',
            pattern: plainNamePattern
        },
        sha256: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$'
        },
        digest: {
            type: 'string',
            pattern: '^sha256:[0-9a-f]{64}$'
        }
    }
};

// ajv-formats is CommonJS; under ESM its default export may be wrapped once more.
const addFormats = (addFormatsModule.default ??
    addFormatsModule);
let compiled;
function validator() {
    if (!compiled) {
        const ajv = new _2020Exports.Ajv2020({ allErrors: true, strict: false });
        addFormats(ajv);
        compiled = ajv.compile(manifestSchema);
    }
    return compiled;
}
function manifestSchemaErrors(value) {
    const validate = validator();
    if (validate(value))
        return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
/** Throws one InputError listing what is wrong, naming where the manifest came from. */
function assertValidManifest(value, origin) {
    const errors = manifestSchemaErrors(value);
    if (errors.length > 0) {
        throw new InputError(`${origin} is not a valid rollback manifest: ${errors.slice(0, 5).join('; ')}`);
    }
}

/**
 * What a manifest keeps about one migrations directory: the tool, the newest version, a checksum
 * of the applied set, and per migration whether it has a down and which previous-release rules its
 * up breaks, so a later revert can tell whether the last good code runs on this schema.
 */
async function migrationRecord(path, set) {
    const hash = createHash('sha256');
    const migrations = [];
    for (const m of set.migrations) {
        hash.update(`${m.version}\0${m.checksum}\n`);
        let parsed;
        try {
            parsed = await parseScript(m.up);
        }
        catch (error) {
            // a manifest is never lost for want of the parser: the migration is recorded as not analysed
            if (!(error instanceof MigrationParserUnavailable))
                throw error;
            migrations.push({
                version: m.version,
                file: m.up.file,
                hasDown: m.down !== null && m.down.sql.trim() !== '',
                breaks: [],
                analysed: false
            });
            continue;
        }
        const breaks = parsed.ok
            ? lintUp(m, parsed.statements, set.tool)
                .filter((f) => {
                const rule = migrationRule(f.id);
                return ((f.level ?? rule.level) === 'breaking' &&
                    rule.categories?.includes('previous-release'));
            })
                .map((f) => `${f.id}${f.symbol ? ` ${f.symbol}` : ''}`)
            : ['syntax-error'];
        migrations.push({
            version: m.version,
            file: m.up.file,
            hasDown: m.down !== null && m.down.sql.trim() !== '',
            breaks: [...new Set(breaks)]
        });
    }
    return {
        path,
        tool: set.tool,
        version: set.migrations[set.migrations.length - 1]?.version ?? null,
        count: set.migrations.length,
        sha256: hash.digest('hex'),
        migrations
    };
}

/** The migration records of a manifest: one per contract of kind migrations that is a folder. */
async function collectMigrationRecords(root, contracts, isDirectory) {
    const records = [];
    for (const contract of contracts) {
        if (contract.kind !== 'migrations')
            continue;
        const dir = resolve(root, contract.path);
        if (!(await isDirectory(dir)))
            continue;
        const set = readMigrationSet(await readSqlFiles(dir), contract.path);
        records.push(await migrationRecord(contract.path, set));
    }
    return records;
}

/**
 * Collects and validates everything first, so a bad input fails before anything is written;
 * then stores the manifest chained to the previous one, then writes --out.
 */
async function createManifest(options, ports) {
    assertName(options.service, 'service');
    assertName(options.env, 'env');
    const { files } = ports;
    const parts = {
        service: options.service,
        env: options.env,
        createdAt: options.now,
        source: options.source,
        go: await collectGoModules(files, options.root, options.goMods, ports.log),
        images: await collectImages(files, options),
        configVersion: await collectConfigVersion(files, options),
        configFiles: await collectConfigFiles(files, options.root, options.configFiles, ports.log),
        contracts: []
    };
    const contractPaths = new Map();
    for (const contract of options.contracts) {
        for (const path of await files.expandFilePatterns(options.root, [contract.path], 'contracts'))
            contractPaths.set(path, contract.kind);
    }
    const contracts = [];
    const snapshots = new Map();
    for (const [path, kind] of contractPaths) {
        const full = join(options.root, path);
        contracts.push({ path, sha256: (await files.hashFile(full)).sha256, kind });
        snapshots.set(path, full);
    }
    parts.contracts = contracts;
    parts.migrations = await collectMigrationRecords(options.root, options.contracts, files.isDirectory);
    // Validate the shape once before storing: a schema error must not leave a commit behind.
    assertValidManifest(buildManifest(parts, null), 'the manifest built from these inputs');
    let stored;
    if (ports.store) {
        stored = await ports.store.append(options.service, options.env, (previous) => ({
            manifest: buildManifest(parts, previous),
            snapshots
        }));
    }
    else {
        const manifest = buildManifest(parts, null);
        const sha256 = sha256Hex(serializeManifest(manifest));
        stored = { id: manifestId(manifest, sha256), sha256, manifest, storeCommit: null, location: '' };
    }
    assertValidManifest(stored.manifest, 'the stored manifest');
    const json = serializeManifest(stored.manifest);
    if (options.out)
        await files.writeFileAtomic(resolve(options.root, options.out), json);
    return {
        manifest: stored.manifest,
        json,
        sha256: stored.sha256,
        id: stored.id,
        previousSha256: stored.manifest.previous?.sha256 ?? null,
        storeCommit: stored.storeCommit,
        location: stored.location || null,
        outPath: options.out ? resolve(options.root, options.out) : null
    };
}
function assertName(value, input) {
    if (!isPlainName(value)) {
        throw new InputError(`${input} '${value}' is not a valid name: use letters, digits, '.', '_' or '-' (at most 63), starting with a letter or digit.`);
    }
}
async function collectGoModules(files, root, named, log) {
    if (named === null)
        return [];
    let goModFiles;
    if (named.length === 0) {
        goModFiles = await files.findGoModFiles(root);
        if (goModFiles.length > 0)
            log(`found ${goModFiles.length} Go module(s)`);
    }
    else {
        goModFiles = [];
        for (const entry of named) {
            const path = (await files.isDirectory(join(root, entry))) ? join(entry, 'go.mod') : entry;
            goModFiles.push(...(await files.expandFilePatterns(root, [path], 'go-mod')));
        }
    }
    const modules = [];
    for (const file of [...new Set(goModFiles)].sort()) {
        const full = join(root, file);
        const text = await files.readUserFile(full, 'go-mod');
        const header = readGoModHeader(text);
        if (!header.module) {
            throw new InputError(`go-mod: '${file}' has no 'module' line; is it a go.mod file?`);
        }
        const goSum = join(dirname(full), 'go.sum');
        const goSumHash = await files
            .hashFile(goSum)
            .then((h) => h.sha256)
            .catch(() => null);
        modules.push({
            path: dirname(file).split('\\').join('/'),
            module: header.module,
            goVersion: header.goVersion,
            goModSha256: sha256Hex(text),
            goSumSha256: goSumHash
        });
    }
    return modules;
}
async function collectImages(files, options) {
    const imageOptions = { allowTagOnly: options.allowTagOnlyImages };
    const images = options.images.map((line) => parseImageReference(line, 'images', imageOptions));
    for (const entry of options.buildMetadata) {
        const inline = entry.trimStart().startsWith('{');
        const text = inline
            ? entry
            : await files.readUserFile(resolve(options.root, entry), 'build-metadata');
        images.push(...parseBuildMetadata(text, inline ? 'build-metadata' : `build-metadata '${entry}'`, imageOptions));
    }
    if (options.digest !== null || options.imageName !== null) {
        if (!options.digest || !options.imageName) {
            throw new InputError(`'digest' and 'image-name' go together: give both (image-name: ghcr.io/org/app, digest: sha256:…), or use 'images'.`);
        }
        assertDigest(options.digest, 'digest');
        images.push(parseImageReference(`${options.imageName}@${options.digest}`, 'image-name/digest', imageOptions));
    }
    assertNoDuplicateImages(images);
    return images;
}
async function collectConfigVersion(files, options) {
    if (options.configVersion !== null && options.configVersionFile !== null) {
        throw new InputError(`give either config-version or config-version-file, not both.`);
    }
    if (options.configVersion !== null)
        return options.configVersion;
    if (options.configVersionFile === null) {
        if (options.configVersionKey)
            throw new InputError(`config-version-key needs config-version-file (the file that holds the key).`);
        return null;
    }
    const text = await files.readUserFile(resolve(options.root, options.configVersionFile), 'config-version-file');
    return readConfigVersion(text, options.configVersionFile, options.configVersionKey);
}
async function collectConfigFiles(files, root, patterns, log) {
    if (patterns.length === 0)
        return [];
    const paths = await files.expandFilePatterns(root, patterns, 'config-files');
    const started = Date.now();
    const records = [];
    let bytes = 0;
    for (const path of paths) {
        const { sha256, size } = await files.hashFile(join(root, path));
        bytes += size;
        records.push({ path, sha256, size });
    }
    log(`hashed ${records.length} config file(s), ${(bytes / 1048576).toFixed(1)} MiB, in ${Date.now() - started} ms`);
    return records;
}
async function showManifest(store, service, env, ref) {
    const stored = await store.resolve(service, env, ref);
    if (!stored) {
        const hint = ref === 'last-good'
            ? 'no manifest has been marked good yet (rollback-guard manifest mark-good REF)'
            : 'check the service, env and reference';
        throw new InputError(`no manifest '${ref}' for ${service}/${env}: ${hint}.`);
    }
    return stored;
}
/** A run link only to an http(s) URL, redacted, with nothing that could end the link early. */
function runLink(runUrl, attempt) {
    if (!runUrl || !/^https?:\/\/[^\s()<>]+$/.test(runUrl))
        return '—';
    return `[attempt ${attempt ?? 1}](${redactText(runUrl)})`;
}
/**
 * Records the verdict of a release on its manifest (beside it: the manifest itself is immutable),
 * with the evidence that decided it, as an object (an SLO gate's evidence document).
 */
async function markManifest(store, service, env, ref, status, evidence, now) {
    const verdict = { status, decidedAt: now.toISOString(), evidence };
    return store.setVerdict(service, env, ref, verdict);
}
/** A readable table of what was recorded: the job summary and `manifest show --format markdown`. */
function renderManifestMarkdown(manifest, extra) {
    const cell = (text) => text === null || text === undefined || text === ''
        ? '—'
        : inlineCode(String(text), { inTable: true });
    const rows = [
        `### Rollback manifest ${inlineCode(manifest.service)} / ${inlineCode(manifest.env)}`,
        '',
        '| | |',
        '|---|---|',
        `| Manifest | ${cell(extra.id)} |`,
        `| sha256 | ${cell(extra.sha256)} |`,
        `| Verdict | ${manifest.verdict.status} |`,
        `| Source commit | ${cell(manifest.source.commit)} |`,
        `| Ref / tag | ${cell(manifest.source.ref)} / ${cell(manifest.source.tag)} |`,
        `| Run | ${runLink(manifest.source.runUrl, manifest.source.runAttempt)} |`,
        `| Previous | ${manifest.previous ? `${cell(manifest.previous.id)} (${cell(manifest.previous.sha256.slice(0, 12))})` : 'none (first manifest)'} |`,
        `| Config version | ${cell(manifest.config.version)} (${manifest.config.files.length} file(s), sha256 ${cell(manifest.config.sha256?.slice(0, 12))}) |`,
        `| Stored at | ${cell(extra.storeCommit)} |`
    ];
    if (manifest.images.length > 0) {
        rows.push('', '| Image | Tag | Digest |', '|---|---|---|');
        for (const image of manifest.images)
            rows.push(`| ${cell(image.name)} | ${cell(image.tag)} | ${cell(image.digest)} |`);
    }
    if (manifest.go.length > 0) {
        rows.push('', '| Go module | Path | go | go.mod sha256 | go.sum sha256 |', '|---|---|---|---|---|');
        for (const mod of manifest.go) {
            rows.push(`| ${cell(mod.module)} | ${cell(mod.path)} | ${cell(mod.goVersion)} | ${cell(mod.goModSha256.slice(0, 12))} | ${cell(mod.goSumSha256?.slice(0, 12))} |`);
        }
    }
    if (manifest.contracts.length > 0) {
        rows.push('', '| Contract snapshot | Kind | sha256 |', '|---|---|---|');
        for (const contract of manifest.contracts)
            rows.push(`| ${cell(contract.path)} | ${cell(contract.kind)} | ${cell(contract.sha256.slice(0, 12))} |`);
    }
    return `${rows.join('\n')}\n`;
}

export { assertValidManifest as a, buildManifest as b, configDigest as c, manifestSchemaErrors as d, parseImageReference as e, createManifest as f, markManifest as g, manifestSchema as m, parseBuildMetadata as p, renderManifestMarkdown as r, showManifest as s };

import { y as commonjsGlobal, c as getDefaultExportFromCjs, I as InputError, S as ServiceError, W as WorkBudget, b as messageOf$1 } from './revert-auth-D1fpjJ97.js';
import { b as proxiedFetch, a as ajvExports } from './ajv-CwPNZJXH.js';
import { realpath, open, readFile, stat, readdir, mkdir, rm, rename, writeFile } from 'node:fs/promises';
import { d as distExports, z as compareVersions$1, A as migrationRules, x as readMigrationSet, y as readSqlFiles, v as lintUp, B as lintDown, C as upEffects, u as parseScript, w as migrationRule } from './rules-BV59h7l_.js';
import path, { relative, sep as sep$1, isAbsolute, resolve as resolve$1, dirname, join } from 'node:path';
import { c as contractKinds } from './change-BNGh1OCi.js';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync, readFileSync, readdirSync } from 'node:fs';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';

const semverPattern$1 = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
function parseSemver(text) {
    const match = semverPattern$1.exec(text.trim());
    if (!match)
        return null;
    const [major, minor, patch] = [match[1], match[2], match[3]].map(Number);
    if (![major, minor, patch].every(Number.isSafeInteger))
        return null;
    return {
        major,
        minor,
        patch,
        prerelease: match[4] ? match[4].split('.') : [],
        build: match[5] ? match[5].split('.') : []
    };
}
function formatSemver(v) {
    const pre = v.prerelease.length ? `-${v.prerelease.join('.')}` : '';
    return `${v.major}.${v.minor}.${v.patch}${pre}`;
}
function compareIdentifiers$1(a, b) {
    const an = /^\d+$/.test(a);
    const bn = /^\d+$/.test(b);
    if (an && bn)
        return Math.sign(Number(a) - Number(b));
    if (an)
        return -1;
    if (bn)
        return 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Negative when a < b, zero when equal in precedence (build metadata is ignored), positive else. */
function compareSemver(a, b) {
    for (const key of ['major', 'minor', 'patch']) {
        if (a[key] !== b[key])
            return Math.sign(a[key] - b[key]);
    }
    if (a.prerelease.length === 0 || b.prerelease.length === 0) {
        return Math.sign(b.prerelease.length - a.prerelease.length);
    }
    const length = Math.max(a.prerelease.length, b.prerelease.length);
    for (let i = 0; i < length; i++) {
        const x = a.prerelease[i];
        const y = b.prerelease[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        const order = compareIdentifiers$1(x, y);
        if (order !== 0)
            return order;
    }
    return 0;
}
/**
 * The next version after `base` for a bump. A pre-release base is released by the bump that reaches
 * it (2.0.0-rc.1 + major = 2.0.0), as `npm version` does.
 */
function nextVersion(base, bump) {
    const pre = base.prerelease.length > 0;
    const next = {
        major: base.major,
        minor: base.minor,
        patch: base.patch,
        prerelease: [],
        build: []
    };
    if (bump === 'major') {
        if (!(pre && base.minor === 0 && base.patch === 0))
            next.major += 1;
        if (!(pre && base.minor === 0 && base.patch === 0))
            next.minor = 0;
        next.patch = 0;
    }
    else if (bump === 'minor') {
        if (!(pre && base.patch === 0))
            next.minor += 1;
        next.patch = 0;
    }
    else if (!pre) {
        next.patch += 1;
    }
    return next;
}
/** Whether `declared` releases at least `required` (its pre-releases count: 2.0.0-rc.1 ships 2.0.0). */
function coversVersion(declared, required) {
    const core = (v) => ({ ...v, prerelease: [], build: [] });
    return compareSemver(core(declared), core(required)) >= 0;
}

/**
 * The release a set of changes needs: breaking → major; any other (not ignored) change → minor,
 * because the contract grew or moved compatibly; nothing → patch. Before 1.0.0 everything shifts
 * down one place (breaking → minor, other changes → patch), as is usual for 0.x versions.
 */
function requiredBump(summary, baseMajor, changes) {
    const bump = changes ? bumpOfChanges(changes) : bumpOfSummary(summary);
    if (baseMajor !== 0)
        return bump;
    return bump === 'major' ? 'minor' : 'patch';
}
function bumpOfSummary(summary) {
    return summary.breaking > 0 ? 'major' : summary.warning + summary.info > 0 ? 'minor' : 'patch';
}
/** The largest release the counted changes need: their own `release`, else by level. */
function bumpOfChanges(changes) {
    const order = ['patch', 'minor', 'major'];
    let bump = 0;
    for (const c of changes) {
        if (c.ignored)
            continue;
        const own = c.release ?? (c.level === 'breaking' ? 'major' : 'minor');
        bump = Math.max(bump, order.indexOf(own));
    }
    return order[bump];
}
/** `semver` of the report: the base version (from the baseline tag), the bump and the next version. */
function semverOf(baseVersion, summary, declaredVersion, changes) {
    const base = baseVersion === null ? null : parseSemver(baseVersion);
    const required = requiredBump(summary, base ? base.major : null, changes);
    const next = base ? nextVersion(base, required) : null;
    const result = {
        base: base ? formatSemver(base) : null,
        required,
        next: next ? formatSemver(next) : null
    };
    const declared = declaredVersion ? parseSemver(declaredVersion.replace(/^v/, '')) : null;
    // Only a version above the base is a claim about this release: an untouched one is the last
    // release's, and a lower one belongs to something else (a monorepo's root package.json).
    if (declared && next && base && compareSemver(declared, base) > 0) {
        result.declared = formatSemver(declared);
        result.sufficient = coversVersion(declared, next);
    }
    return result;
}
const failOnLevels = {
    breaking: ['breaking'],
    warning: ['breaking', 'warning'],
    never: []
};
/**
 * Fail when a change at or above the fail-on level is not ignored, or when the head declares a
 * version too small for its changes (unless the version check is turned off); `never` only reports.
 */
function verdictOf(summary, failOn, semver, enforceVersion = true) {
    if (failOn === 'never')
        return 'pass';
    if (failOnLevels[failOn].some((level) => summary[level] > 0))
        return 'fail';
    if (enforceVersion && semver.sufficient === false)
        return 'fail';
    return 'pass';
}

const levelRank = { breaking: 0, warning: 1, info: 2 };
/** Breaking first, then warning, then info; within a level by contract order, file and line. */
function sortChanges(changes, contractOrder) {
    const order = new Map(contractOrder.map((name, index) => [name, index]));
    return [...changes].sort((a, b) => Number(a.ignored) - Number(b.ignored) ||
        levelRank[a.level] - levelRank[b.level] ||
        (order.get(a.contract) ?? 1e9) - (order.get(b.contract) ?? 1e9) ||
        (a.file ?? '').localeCompare(b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.id.localeCompare(b.id) ||
        a.message.localeCompare(b.message));
}
function summarize(changes) {
    const summary = { breaking: 0, warning: 0, info: 0, ignored: 0 };
    for (const change of changes) {
        if (change.ignored)
            summary.ignored += 1;
        else
            summary[change.level] += 1;
    }
    return summary;
}

function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }

  if (typeof process === "object" && process.version !== undefined) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${
      process.arch
    })`;
  }

  return "<environment undetectable>";
}

// @ts-check

function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }

  if (!options) {
    options = {};
  }

  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name) => {
      return register.bind(null, state, name, callback, options);
    }, method)();
  }

  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }

    return state.registry[name].reduce((method, registered) => {
      return registered.hook.bind(null, method, options);
    }, method)();
  });
}

// @ts-check

function addHook(state, kind, name, hook) {
  const orig = hook;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }

  if (kind === "before") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(orig.bind(null, options))
        .then(method.bind(null, options));
    };
  }

  if (kind === "after") {
    hook = (method, options) => {
      let result;
      return Promise.resolve()
        .then(method.bind(null, options))
        .then((result_) => {
          result = result_;
          return orig(result, options);
        })
        .then(() => {
          return result;
        });
    };
  }

  if (kind === "error") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(method.bind(null, options))
        .catch((error) => {
          return orig(error, options);
        });
    };
  }

  state.registry[name].push({
    hook: hook,
    orig: orig,
  });
}

// @ts-check

function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }

  const index = state.registry[name]
    .map((registered) => {
      return registered.orig;
    })
    .indexOf(method);

  if (index === -1) {
    return;
  }

  state.registry[name].splice(index, 1);
}

// @ts-check


// bind with array of arguments: https://stackoverflow.com/a/21792913
const bind = Function.bind;
const bindable = bind.bind(bind);

function bindApi(hook, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    [state]
  );
  hook.api = { remove: removeHookRef };
  hook.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = [state, kind];
    hook[kind] = hook.api[kind] = bindable(addHook, null).apply(null, args);
  });
}

function Collection() {
  const state = {
    registry: {},
  };

  const hook = register.bind(null, state);
  bindApi(hook, state);

  return hook;
}

var Hook = { Collection };

// pkg/dist-src/defaults.js

// pkg/dist-src/version.js
var VERSION$6 = "0.0.0-development";

// pkg/dist-src/defaults.js
var userAgent = `octokit-endpoint.js/${VERSION$6} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};

// pkg/dist-src/util/lowercase-keys.js
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}

// pkg/dist-src/util/is-plain-object.js
function isPlainObject$1(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/util/merge-deep.js
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject$1(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}

// pkg/dist-src/util/remove-undefined-properties.js
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}

// pkg/dist-src/merge.js
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}

// pkg/dist-src/util/add-query-parameters.js
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}

// pkg/dist-src/util/extract-url-variable-names.js
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}

// pkg/dist-src/util/omit.js
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}

// pkg/dist-src/util/url-template.js
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl$1(template) {
  return {
    expand: expand$1.bind(null, template)
  };
}
function expand$1(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}

// pkg/dist-src/parse.js
function parse$2(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl$1(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}

// pkg/dist-src/endpoint-with-defaults.js
function endpointWithDefaults(defaults, route, options) {
  return parse$2(merge(defaults, route, options));
}

// pkg/dist-src/with-defaults.js
function withDefaults$2(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults$2.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse: parse$2
  });
}

// pkg/dist-src/index.js
var endpoint = withDefaults$2(null, DEFAULTS);

/*!
 * content-type
 * Copyright(c) 2015 Douglas Christopher Wilson
 * MIT Licensed
 */
const SP = 32; // " "
const HTAB = 9; // "\t"
const SEMI = 59; // ";"
const EQ = 61; // "="
const DQUOTE = 34; // '"'
const BSLASH = 92; // "\\"
const COMMA = 44; // ","
const LOWER_CASE = 1;
const OWS = 2;
const SEMI_FLAG = 4;
const COMMA_FLAG = 8;
const TOKEN_FLAG = 16;
const NON_ASCII = 0xff00;
const CASE_FLAGS = LOWER_CASE | NON_ASCII;
/**
 * Character flags used to normalize HTTP field values while scanning.
 * Out-of-range reads intentionally coerce to zero in bitwise expressions.
 */
const CHAR_MAP = new Uint8Array(0x100);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 0x80 /* non-ASCII */; code <= 0xff; code++) {
    CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
    CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 0x30 /* 0 */; code <= 0x39 /* 9 */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 0x41 /* A */; code <= 0x5a /* Z */; code++) {
    CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 0x61 /* a */; code <= 0x7a /* z */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
/**
 * Null object perf optimization. Faster than `Object.create(null)` and `{ __proto__: null }`.
 */
const NullObject = /* @__PURE__ */ (() => {
    const C = function () { };
    C.prototype = Object.create(null);
    return C;
})();
/**
 * Parse a `Content-Type` header.
 */
function parse$1(header, options) {
    const stopFlags = SEMI_FLAG | (0);
    const len = header.length;
    let valueStart = 0;
    while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
        valueStart++;
    }
    let index = valueStart;
    let typeFlags = 0;
    let whitespace = -1;
    let stop = 0;
    while (index < len) {
        const code = header.charCodeAt(index);
        const flags = CHAR_MAP[code];
        if ((flags & stopFlags) !== 0) {
            stop |= flags & COMMA_FLAG;
            break;
        }
        if ((flags & OWS) !== 0) {
            if (whitespace === -1)
                whitespace = index;
        }
        else {
            whitespace = -1;
        }
        typeFlags |= (code & NON_ASCII) | flags;
        index++;
    }
    const valueEnd = whitespace === -1 ? index : whitespace;
    const value = header.slice(valueStart, valueEnd);
    const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
    if (index === len || stop !== 0) {
        return { type, index, parameters: new NullObject() };
    }
    return parseParameters(header, type, index, len, stopFlags);
}
/**
 * Parses the parameters of a `Content-Type` header starting at the given index.
 */
function parseParameters(header, type, index, len, stopFlags) {
    const parameters = new NullObject();
    parameter: while (index < len) {
        index++; // Skip over ;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
            index++;
        }
        const keyStart = index;
        let keyFlags = 0;
        let keyWhitespace = -1;
        while (index < len) {
            const code = header.charCodeAt(index);
            const flags = CHAR_MAP[code];
            if ((flags & stopFlags) !== 0) {
                if ((flags & COMMA_FLAG) !== 0)
                    break parameter;
                continue parameter;
            }
            if (code === EQ) {
                const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
                const value = header.slice(keyStart, keyEnd);
                const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
                index++;
                while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
                    index++;
                }
                if (index < len && header.charCodeAt(index) === DQUOTE) {
                    const quotedStart = ++index;
                    let escaped = false;
                    while (index < len) {
                        const code = header.charCodeAt(index);
                        if (code === DQUOTE) {
                            if (parameters[key] === undefined) {
                                parameters[key] = escaped
                                    ? unescapeQuotedPairs(header, quotedStart, index)
                                    : header.slice(quotedStart, index);
                            }
                            index++;
                            let stop = 0;
                            // Discard characters between quote and delimiter.
                            while (index < len) {
                                const code = header.charCodeAt(index);
                                const flags = CHAR_MAP[code];
                                if ((flags & stopFlags) !== 0) {
                                    stop = flags & COMMA_FLAG;
                                    break;
                                }
                                index++;
                            }
                            if (stop !== 0)
                                break parameter;
                            continue parameter;
                        }
                        if (code === BSLASH && index + 1 < len) {
                            escaped = true;
                            index += 2;
                            continue;
                        }
                        index++;
                    }
                    continue parameter;
                }
                const valueStart = index;
                let stop = 0;
                let valueWhitespace = -1;
                while (index < len) {
                    const code = header.charCodeAt(index);
                    const flags = CHAR_MAP[code];
                    if ((flags & stopFlags) !== 0) {
                        stop = flags & COMMA_FLAG;
                        break;
                    }
                    if ((flags & OWS) !== 0) {
                        if (valueWhitespace === -1)
                            valueWhitespace = index;
                    }
                    else {
                        valueWhitespace = -1;
                    }
                    index++;
                }
                if (parameters[key] === undefined) {
                    const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
                    parameters[key] = header.slice(valueStart, valueEnd);
                }
                if (stop !== 0)
                    break parameter;
                continue parameter;
            }
            if ((flags & OWS) !== 0) {
                if (keyWhitespace === -1)
                    keyWhitespace = index;
            }
            else {
                keyWhitespace = -1;
            }
            keyFlags |= (code & NON_ASCII) | flags;
            index++;
        }
    }
    return { type, index, parameters };
}
/**
 * Remove backslashes from quoted pairs in a known-terminated quoted string body.
 */
function unescapeQuotedPairs(str, start, end) {
    let result = "";
    for (let index = start; index < end; index++) {
        if (str.charCodeAt(index) === BSLASH) {
            result += str.slice(start, index);
            start = ++index;
        }
    }
    return result + str.slice(start, end);
}

const intRegex = /^-?\d+$/;
const noiseValue = /^-?\d+n+$/; // Noise - strings that match the custom format before being converted to it
const originalStringify = JSON.stringify;
const originalParse = JSON.parse;
const customFormat = /^-?\d+n$/;

const bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
const noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;

/**
 * @typedef {(this: any, key: string | number | undefined, value: any) => any} Replacer
 * @typedef {(key: string | number | undefined, value: any, context?: { source: string }) => any} Reviver
 */

/**
 * Checks if a value is unstringifiable according to native JSON.stringify rules.
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is undefined, a function, or a symbol.
 */
const isUnstringifiable = (val) =>
  val === undefined || typeof val === "function" || typeof val === "symbol";

/**
 * Checks if a value is a native JSON.rawJSON object (Node.js 22+).
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is a RawJSON instance.
 */
const isRawJSON = (val) =>
  val !== null &&
  typeof val === "object" &&
  val.constructor &&
  val.constructor.name === "RawJSON";

/**
 * Iteratively converts a JS value to a JSON string.
 * Used as a fallback when the native JSON.stringify hits the Maximum Call Stack size.
 * Fully compliant with JSON formatting (space), replacers, and toJSON behaviors.
 *
 * @param {any} rootValue The value to stringify.
 * @param {Replacer | Array<string | number> | null} [replacer] User's custom replacer function.
 * @param {string | number} [spaceParam] Indentation for pretty-printing.
 * @returns {string | undefined} The generated JSON string.
 */
const stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  const propertyList = Array.isArray(replacer)
    ? new Set(replacer.map(String))
    : null;

  /**
   * Prepares a value for stringification by resolving toJSON, handling BigInts,
   * applying custom replacers, and unwrapping primitive objects.
   *
   * @param {object|Array} parent The parent object or array holding the value.
   * @param {string} key The key associated with the value.
   * @param {any} val The raw value to process.
   * @returns {any} The processed value ready for stringification.
   */
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";

    if (hasToJSON) {
      val = val.toJSON(key);
    }

    const isNoise = typeof val === "string" && noiseValue.test(val);

    if (isNoise) return val + "n";

    const isBigInt = typeof val === "bigint";

    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return JSON.rawJSON(val.toString());

      return val.toString() + "n";
    }

    const isPostReplacerObject = val !== null && typeof val === "object";

    if (isPostReplacerObject) {
      const isPrimitiveWrapper =
        val instanceof Number ||
        val instanceof String ||
        val instanceof Boolean;

      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }

    return val;
  };

  const rootProcessed = prepareVal({ }, "", rootValue);

  if (isUnstringifiable(rootProcessed)) {
    return undefined;
  }

  const isRootPrimitive =
    rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);

  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }

  const chunks = [];

  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true,
    },
  ];

  const visited = new WeakSet([rootProcessed]);

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
    }

    let isDone = false;

    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");

        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);

        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject =
            childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);

          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }

            visited.add(childVal);

            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true,
            });

            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];

        const isFilteredOutByArray = propertyList && !propertyList.has(k);

        if (isFilteredOutByArray) continue;

        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);

        if (isUnstringifiable(childVal)) continue;

        if (!node.first) chunks.push(",");

        {
          chunks.push(originalStringify(k) + ":");
        }

        const isComplexObject =
          childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);

        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }

          visited.add(childVal);

          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true,
          });

          node.first = false;

          break; // Stop current loop level to process the newly pushed stack node
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }

      const isNodeFullyProcessed =
        node.index >= node.keys.length && stack[stack.length - 1] === node;

      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }

    if (isDone) {

      if (!node.first && space) ;

      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }

  return chunks.join("");
};

/**
 * Converts a JavaScript value to a JSON string.
 *
 * Supports serialization of BigInt values using two strategies:
 * 1. Custom format "123n" → "123" (universal fallback)
 * 2. Native JSON.rawJSON() (Node.js 22+, fastest) when available
 *
 * All other values are serialized exactly like native JSON.stringify().
 *
 * @param {*} value The value to convert to a JSON string.
 * @param {Replacer | Array<string | number> | null} [replacer]
 * A function that alters the behavior of the stringification process,
 * or an array of strings/numbers to indicate properties to exclude.
 * @param {string | number} [space]
 * A string or number to specify indentation or pretty-printing.
 * @returns {string} The JSON string representation.
 */
const JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;

    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());

          const hasFunctionReplacer = typeof replacer === "function";

          if (hasFunctionReplacer) ;

          const isKeyInArrayReplacer =
            Array.isArray(replacer) && replacer.includes(key);

          if (isKeyInArrayReplacer) return val;

          return val;
        },
        space,
      );
    }

    if (!value) return originalStringify(value, replacer, space);

    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);

        if (isNoise) return val.toString() + "n"; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

        if (typeof val === "bigint") return val.toString() + "n";

        const hasFunctionReplacer = typeof replacer === "function";

        if (hasFunctionReplacer) ;

        const isKeyInArrayReplacer =
          Array.isArray(replacer) && replacer.includes(key);

        if (isKeyInArrayReplacer) return val;

        return val;
      },
      space,
    );

    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3",
    ); // Delete one "n" off the end of every BigInt value

    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3"); // Remove one "n" off the end of every noisy string

    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer);

      if (convertedJSON === undefined) return undefined;

      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return convertedJSON;

      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");

      return processedJSON.replace(noiseStringify, "$1$2$3");
    }

    throw error;
  }
};

const featureCache = new Map();

/**
 * Detects if the current JSON.parse implementation supports the context.source feature.
 *
 * Uses toString() fingerprinting to cache results and automatically detect runtime
 * replacements of JSON.parse (polyfills, mocks, etc.).
 *
 * @returns {boolean} true if context.source is supported, false otherwise.
 */
const isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();

  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }

  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1",
    );
    featureCache.set(parseFingerprint, result);

    return result;
  } catch {
    featureCache.set(parseFingerprint, false);

    return false;
  }
};

/**
 * Reviver function that converts custom-format BigInt strings back to BigInt values.
 * Also handles "noise" strings that accidentally match the BigInt format.
 *
 * @param {string | number | undefined} key The object key.
 * @param {*} value The value being parsed.
 * @param {object} [context] Parse context (if supported by JSON.parse).
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The transformed value.
 */
const convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt =
    typeof value === "string" && customFormat.test(value);

  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));

  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);

  return value;
};

/**
 * Fast JSON.parse implementation (~2x faster than classic fallback).
 * Uses JSON.parse's context.source feature to detect integers and convert
 * large numbers directly to BigInt without string manipulation.
 *
 * Does not support legacy custom format from v1 of this library.
 *
 * @param {string} text JSON string to parse.
 * @param {Reviver} [reviver] Transform function to apply to each value.
 * @returns {any} Parsed JavaScript value.
 */
const JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds =
      value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;

    if (isBigInt) return BigInt(context.source);

    return value;
  });
};

const MAX_INT = Number.MAX_SAFE_INTEGER.toString();
const MAX_DIGITS = MAX_INT.length;
const stringsOrLargeNumbers =
  /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
const noiseValueWithQuotes = /^"-?\d+n+"$/; // Noise - strings that match the custom format before being converted to it

/**
 * Iteratively traverses the parsed object bottom-up (post-order),
 * emulating the native JSON.parse reviver behavior.
 * This avoids Call Stack overflows (RangeError) on deeply nested structures.
 *
 * @param {any} parsed The natively parsed JSON object.
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The fully processed object.
 */
const applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (!node.visited) {
      node.visited = true;

      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";

      if (isComplexObject) {
        const keys = Object.keys(value);

        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];

      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);

        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);

          if (isNoise) value = value.slice(0, -1);
        }
      }

      const isDeleted = value === undefined;

      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }

      stack.pop();
    }
  }

  return rootHolder[""];
};

/**
 * Pre-processes the JSON string to mark large numbers with an 'n' suffix.
 *
 * @param {string} text The raw JSON string.
 * @returns {string} The serialized string with marked BigInts.
 */
const serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);

      if (isNoise) return match.substring(0, match.length - 1) + 'n"'; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

      const hasFractionalOrExponential = fractional || exponential;

      // With a fixed number of digits, we can correctly use lexicographical comparison to do a numeric comparison
      const isLessThanMaxSafeInt =
        digits &&
        (digits.length < MAX_DIGITS ||
          (digits.length === MAX_DIGITS && digits <= MAX_INT));

      const isStandardValue =
        isString || hasFractionalOrExponential || isLessThanMaxSafeInt;

      if (isStandardValue) return match;

      return '"' + match + 'n"';
    },
  );
};

/**
 * Converts a JSON string into a JavaScript value.
 *
 * Supports parsing of large integers using two strategies:
 * 1. Classic fallback: Marks large numbers with "123n" format, then converts to BigInt
 * 2. Fast path (JSONParseV2): Uses context.source feature (~2x faster) when available
 *
 * All other JSON values are parsed exactly like native JSON.parse().
 *
 * @param {string} text A valid JSON string.
 * @param {Reviver} [reviver]
 * A function that transforms the results. This function is called for each member
 * of the object. If a member contains nested objects, the nested objects are
 * transformed before the parent object is.
 * @returns {any} The parsed JavaScript value.
 * @throws {SyntaxError} If text is not valid JSON.
 */
const JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);

  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver); // Shortcut to a faster (2x) and simpler version

    // Find and mark big numbers with "n"
    const serializedData = serializeBigInts(text);

    return originalParse(serializedData, (key, value, context) =>
      convertMarkedBigIntsReviver(key, value, context, reviver),
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);

      return applyReviverIteratively(parsed);
    }

    throw error;
  }
};

class RequestError extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    /* v8 ignore else -- @preserve -- Bug with vitest coverage where it sees an else branch that doesn't exist */
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
}

// pkg/dist-src/index.js

// pkg/dist-src/version.js
var VERSION$5 = "10.0.16";

// pkg/dist-src/defaults.js
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION$5} ${getUserAgent()}`
  }
};

// pkg/dist-src/is-plain-object.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop$2 = () => "";
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop$2);
  }
  const mimetype = parse$1(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop$2);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}

// pkg/dist-src/with-defaults.js
function withDefaults$1(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults$1.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults$1.bind(null, endpoint2)
  });
}

// pkg/dist-src/index.js
var request = withDefaults$1(endpoint, defaults_default);
/* v8 ignore next -- @preserve */
/* v8 ignore else -- @preserve */

// pkg/dist-src/index.js

// pkg/dist-src/version.js
var VERSION$4 = "0.0.0-development";

// pkg/dist-src/error.js
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};

// pkg/dist-src/graphql.js
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}

// pkg/dist-src/with-defaults.js
function withDefaults(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}

// pkg/dist-src/index.js
withDefaults(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION$4} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}
/* v8 ignore if -- @preserve */

// pkg/dist-src/is-jwt.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);

// pkg/dist-src/auth.js
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}

// pkg/dist-src/with-authorization-prefix.js
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}

// pkg/dist-src/hook.js
async function hook(token, request, route, parameters) {
  const endpoint = request.endpoint.merge(
    route,
    parameters
  );
  endpoint.headers.authorization = withAuthorizationPrefix(token);
  return request(endpoint);
}

// pkg/dist-src/index.js
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

const VERSION$3 = "7.0.8";

const noop$1 = () => {
};
const consoleWarn = console.warn.bind(console);
const consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop$1;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop$1;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
const userAgentTrail = `octokit-core.js/${VERSION$3} ${getUserAgent()}`;
class Octokit {
  static VERSION = VERSION$3;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook = new Hook.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth = createTokenAuth(options.auth);
        hook.wrap("request", auth.hook);
        this.auth = auth;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook.wrap("request", auth.hook);
      this.auth = auth;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
}

// pkg/dist-src/version.js
var VERSION$2 = "0.0.0-development";

// pkg/dist-src/normalize-paginated-list-response.js
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}

// pkg/dist-src/iterator.js
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}

// pkg/dist-src/paginate.js
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}

// pkg/dist-src/compose-paginate.js
Object.assign(paginate, {
  iterator
});

// pkg/dist-src/index.js
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION$2;

var light$1 = {exports: {}};

/**
  * This file contains the Bottleneck library (MIT), compiled to ES2017, and without Clustering support.
  * https://github.com/SGrondin/bottleneck
  */
var light = light$1.exports;

var hasRequiredLight;

function requireLight () {
	if (hasRequiredLight) return light$1.exports;
	hasRequiredLight = 1;
	(function (module, exports) {
		(function (global, factory) {
			module.exports = factory() ;
		}(light, (function () {
			var commonjsGlobal$1 = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof commonjsGlobal !== 'undefined' ? commonjsGlobal : typeof self !== 'undefined' ? self : {};

			function getCjsExportFromNamespace (n) {
				return n && n['default'] || n;
			}

			var load = function(received, defaults, onto = {}) {
			  var k, ref, v;
			  for (k in defaults) {
			    v = defaults[k];
			    onto[k] = (ref = received[k]) != null ? ref : v;
			  }
			  return onto;
			};

			var overwrite = function(received, defaults, onto = {}) {
			  var k, v;
			  for (k in received) {
			    v = received[k];
			    if (defaults[k] !== void 0) {
			      onto[k] = v;
			    }
			  }
			  return onto;
			};

			var parser = {
				load: load,
				overwrite: overwrite
			};

			var DLList;

			DLList = class DLList {
			  constructor(incr, decr) {
			    this.incr = incr;
			    this.decr = decr;
			    this._first = null;
			    this._last = null;
			    this.length = 0;
			  }

			  push(value) {
			    var node;
			    this.length++;
			    if (typeof this.incr === "function") {
			      this.incr();
			    }
			    node = {
			      value,
			      prev: this._last,
			      next: null
			    };
			    if (this._last != null) {
			      this._last.next = node;
			      this._last = node;
			    } else {
			      this._first = this._last = node;
			    }
			    return void 0;
			  }

			  shift() {
			    var value;
			    if (this._first == null) {
			      return;
			    } else {
			      this.length--;
			      if (typeof this.decr === "function") {
			        this.decr();
			      }
			    }
			    value = this._first.value;
			    if ((this._first = this._first.next) != null) {
			      this._first.prev = null;
			    } else {
			      this._last = null;
			    }
			    return value;
			  }

			  first() {
			    if (this._first != null) {
			      return this._first.value;
			    }
			  }

			  getArray() {
			    var node, ref, results;
			    node = this._first;
			    results = [];
			    while (node != null) {
			      results.push((ref = node, node = node.next, ref.value));
			    }
			    return results;
			  }

			  forEachShift(cb) {
			    var node;
			    node = this.shift();
			    while (node != null) {
			      (cb(node), node = this.shift());
			    }
			    return void 0;
			  }

			  debug() {
			    var node, ref, ref1, ref2, results;
			    node = this._first;
			    results = [];
			    while (node != null) {
			      results.push((ref = node, node = node.next, {
			        value: ref.value,
			        prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
			        next: (ref2 = ref.next) != null ? ref2.value : void 0
			      }));
			    }
			    return results;
			  }

			};

			var DLList_1 = DLList;

			var Events;

			Events = class Events {
			  constructor(instance) {
			    this.instance = instance;
			    this._events = {};
			    if ((this.instance.on != null) || (this.instance.once != null) || (this.instance.removeAllListeners != null)) {
			      throw new Error("An Emitter already exists for this object");
			    }
			    this.instance.on = (name, cb) => {
			      return this._addListener(name, "many", cb);
			    };
			    this.instance.once = (name, cb) => {
			      return this._addListener(name, "once", cb);
			    };
			    this.instance.removeAllListeners = (name = null) => {
			      if (name != null) {
			        return delete this._events[name];
			      } else {
			        return this._events = {};
			      }
			    };
			  }

			  _addListener(name, status, cb) {
			    var base;
			    if ((base = this._events)[name] == null) {
			      base[name] = [];
			    }
			    this._events[name].push({cb, status});
			    return this.instance;
			  }

			  listenerCount(name) {
			    if (this._events[name] != null) {
			      return this._events[name].length;
			    } else {
			      return 0;
			    }
			  }

			  async trigger(name, ...args) {
			    var e, promises;
			    try {
			      if (name !== "debug") {
			        this.trigger("debug", `Event triggered: ${name}`, args);
			      }
			      if (this._events[name] == null) {
			        return;
			      }
			      this._events[name] = this._events[name].filter(function(listener) {
			        return listener.status !== "none";
			      });
			      promises = this._events[name].map(async(listener) => {
			        var e, returned;
			        if (listener.status === "none") {
			          return;
			        }
			        if (listener.status === "once") {
			          listener.status = "none";
			        }
			        try {
			          returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
			          if (typeof (returned != null ? returned.then : void 0) === "function") {
			            return (await returned);
			          } else {
			            return returned;
			          }
			        } catch (error) {
			          e = error;
			          {
			            this.trigger("error", e);
			          }
			          return null;
			        }
			      });
			      return ((await Promise.all(promises))).find(function(x) {
			        return x != null;
			      });
			    } catch (error) {
			      e = error;
			      {
			        this.trigger("error", e);
			      }
			      return null;
			    }
			  }

			};

			var Events_1 = Events;

			var DLList$1, Events$1, Queues;

			DLList$1 = DLList_1;

			Events$1 = Events_1;

			Queues = class Queues {
			  constructor(num_priorities) {
			    this.Events = new Events$1(this);
			    this._length = 0;
			    this._lists = (function() {
			      var j, ref, results;
			      results = [];
			      for (j = 1, ref = num_priorities; (1 <= ref ? j <= ref : j >= ref); 1 <= ref ? ++j : --j) {
			        results.push(new DLList$1((() => {
			          return this.incr();
			        }), (() => {
			          return this.decr();
			        })));
			      }
			      return results;
			    }).call(this);
			  }

			  incr() {
			    if (this._length++ === 0) {
			      return this.Events.trigger("leftzero");
			    }
			  }

			  decr() {
			    if (--this._length === 0) {
			      return this.Events.trigger("zero");
			    }
			  }

			  push(job) {
			    return this._lists[job.options.priority].push(job);
			  }

			  queued(priority) {
			    if (priority != null) {
			      return this._lists[priority].length;
			    } else {
			      return this._length;
			    }
			  }

			  shiftAll(fn) {
			    return this._lists.forEach(function(list) {
			      return list.forEachShift(fn);
			    });
			  }

			  getFirst(arr = this._lists) {
			    var j, len, list;
			    for (j = 0, len = arr.length; j < len; j++) {
			      list = arr[j];
			      if (list.length > 0) {
			        return list;
			      }
			    }
			    return [];
			  }

			  shiftLastFrom(priority) {
			    return this.getFirst(this._lists.slice(priority).reverse()).shift();
			  }

			};

			var Queues_1 = Queues;

			var BottleneckError;

			BottleneckError = class BottleneckError extends Error {};

			var BottleneckError_1 = BottleneckError;

			var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;

			NUM_PRIORITIES = 10;

			DEFAULT_PRIORITY = 5;

			parser$1 = parser;

			BottleneckError$1 = BottleneckError_1;

			Job = class Job {
			  constructor(task, args, options, jobDefaults, rejectOnDrop, Events, _states, Promise) {
			    this.task = task;
			    this.args = args;
			    this.rejectOnDrop = rejectOnDrop;
			    this.Events = Events;
			    this._states = _states;
			    this.Promise = Promise;
			    this.options = parser$1.load(options, jobDefaults);
			    this.options.priority = this._sanitizePriority(this.options.priority);
			    if (this.options.id === jobDefaults.id) {
			      this.options.id = `${this.options.id}-${this._randomIndex()}`;
			    }
			    this.promise = new this.Promise((_resolve, _reject) => {
			      this._resolve = _resolve;
			      this._reject = _reject;
			    });
			    this.retryCount = 0;
			  }

			  _sanitizePriority(priority) {
			    var sProperty;
			    sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
			    if (sProperty < 0) {
			      return 0;
			    } else if (sProperty > NUM_PRIORITIES - 1) {
			      return NUM_PRIORITIES - 1;
			    } else {
			      return sProperty;
			    }
			  }

			  _randomIndex() {
			    return Math.random().toString(36).slice(2);
			  }

			  doDrop({error, message = "This job has been dropped by Bottleneck"} = {}) {
			    if (this._states.remove(this.options.id)) {
			      if (this.rejectOnDrop) {
			        this._reject(error != null ? error : new BottleneckError$1(message));
			      }
			      this.Events.trigger("dropped", {args: this.args, options: this.options, task: this.task, promise: this.promise});
			      return true;
			    } else {
			      return false;
			    }
			  }

			  _assertStatus(expected) {
			    var status;
			    status = this._states.jobStatus(this.options.id);
			    if (!(status === expected || (expected === "DONE" && status === null))) {
			      throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
			    }
			  }

			  doReceive() {
			    this._states.start(this.options.id);
			    return this.Events.trigger("received", {args: this.args, options: this.options});
			  }

			  doQueue(reachedHWM, blocked) {
			    this._assertStatus("RECEIVED");
			    this._states.next(this.options.id);
			    return this.Events.trigger("queued", {args: this.args, options: this.options, reachedHWM, blocked});
			  }

			  doRun() {
			    if (this.retryCount === 0) {
			      this._assertStatus("QUEUED");
			      this._states.next(this.options.id);
			    } else {
			      this._assertStatus("EXECUTING");
			    }
			    return this.Events.trigger("scheduled", {args: this.args, options: this.options});
			  }

			  async doExecute(chained, clearGlobalState, run, free) {
			    var error, eventInfo, passed;
			    if (this.retryCount === 0) {
			      this._assertStatus("RUNNING");
			      this._states.next(this.options.id);
			    } else {
			      this._assertStatus("EXECUTING");
			    }
			    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
			    this.Events.trigger("executing", eventInfo);
			    try {
			      passed = (await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args)));
			      if (clearGlobalState()) {
			        this.doDone(eventInfo);
			        await free(this.options, eventInfo);
			        this._assertStatus("DONE");
			        return this._resolve(passed);
			      }
			    } catch (error1) {
			      error = error1;
			      return this._onFailure(error, eventInfo, clearGlobalState, run, free);
			    }
			  }

			  doExpire(clearGlobalState, run, free) {
			    var error, eventInfo;
			    if (this._states.jobStatus(this.options.id === "RUNNING")) {
			      this._states.next(this.options.id);
			    }
			    this._assertStatus("EXECUTING");
			    eventInfo = {args: this.args, options: this.options, retryCount: this.retryCount};
			    error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
			    return this._onFailure(error, eventInfo, clearGlobalState, run, free);
			  }

			  async _onFailure(error, eventInfo, clearGlobalState, run, free) {
			    var retry, retryAfter;
			    if (clearGlobalState()) {
			      retry = (await this.Events.trigger("failed", error, eventInfo));
			      if (retry != null) {
			        retryAfter = ~~retry;
			        this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
			        this.retryCount++;
			        return run(retryAfter);
			      } else {
			        this.doDone(eventInfo);
			        await free(this.options, eventInfo);
			        this._assertStatus("DONE");
			        return this._reject(error);
			      }
			    }
			  }

			  doDone(eventInfo) {
			    this._assertStatus("EXECUTING");
			    this._states.next(this.options.id);
			    return this.Events.trigger("done", eventInfo);
			  }

			};

			var Job_1 = Job;

			var BottleneckError$2, LocalDatastore, parser$2;

			parser$2 = parser;

			BottleneckError$2 = BottleneckError_1;

			LocalDatastore = class LocalDatastore {
			  constructor(instance, storeOptions, storeInstanceOptions) {
			    this.instance = instance;
			    this.storeOptions = storeOptions;
			    this.clientId = this.instance._randomIndex();
			    parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
			    this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
			    this._running = 0;
			    this._done = 0;
			    this._unblockTime = 0;
			    this.ready = this.Promise.resolve();
			    this.clients = {};
			    this._startHeartbeat();
			  }

			  _startHeartbeat() {
			    var base;
			    if ((this.heartbeat == null) && (((this.storeOptions.reservoirRefreshInterval != null) && (this.storeOptions.reservoirRefreshAmount != null)) || ((this.storeOptions.reservoirIncreaseInterval != null) && (this.storeOptions.reservoirIncreaseAmount != null)))) {
			      return typeof (base = (this.heartbeat = setInterval(() => {
			        var amount, incr, maximum, now, reservoir;
			        now = Date.now();
			        if ((this.storeOptions.reservoirRefreshInterval != null) && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
			          this._lastReservoirRefresh = now;
			          this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
			          this.instance._drainAll(this.computeCapacity());
			        }
			        if ((this.storeOptions.reservoirIncreaseInterval != null) && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
			          ({
			            reservoirIncreaseAmount: amount,
			            reservoirIncreaseMaximum: maximum,
			            reservoir
			          } = this.storeOptions);
			          this._lastReservoirIncrease = now;
			          incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
			          if (incr > 0) {
			            this.storeOptions.reservoir += incr;
			            return this.instance._drainAll(this.computeCapacity());
			          }
			        }
			      }, this.heartbeatInterval))).unref === "function" ? base.unref() : void 0;
			    } else {
			      return clearInterval(this.heartbeat);
			    }
			  }

			  async __publish__(message) {
			    await this.yieldLoop();
			    return this.instance.Events.trigger("message", message.toString());
			  }

			  async __disconnect__(flush) {
			    await this.yieldLoop();
			    clearInterval(this.heartbeat);
			    return this.Promise.resolve();
			  }

			  yieldLoop(t = 0) {
			    return new this.Promise(function(resolve, reject) {
			      return setTimeout(resolve, t);
			    });
			  }

			  computePenalty() {
			    var ref;
			    return (ref = this.storeOptions.penalty) != null ? ref : (15 * this.storeOptions.minTime) || 5000;
			  }

			  async __updateSettings__(options) {
			    await this.yieldLoop();
			    parser$2.overwrite(options, options, this.storeOptions);
			    this._startHeartbeat();
			    this.instance._drainAll(this.computeCapacity());
			    return true;
			  }

			  async __running__() {
			    await this.yieldLoop();
			    return this._running;
			  }

			  async __queued__() {
			    await this.yieldLoop();
			    return this.instance.queued();
			  }

			  async __done__() {
			    await this.yieldLoop();
			    return this._done;
			  }

			  async __groupCheck__(time) {
			    await this.yieldLoop();
			    return (this._nextRequest + this.timeout) < time;
			  }

			  computeCapacity() {
			    var maxConcurrent, reservoir;
			    ({maxConcurrent, reservoir} = this.storeOptions);
			    if ((maxConcurrent != null) && (reservoir != null)) {
			      return Math.min(maxConcurrent - this._running, reservoir);
			    } else if (maxConcurrent != null) {
			      return maxConcurrent - this._running;
			    } else if (reservoir != null) {
			      return reservoir;
			    } else {
			      return null;
			    }
			  }

			  conditionsCheck(weight) {
			    var capacity;
			    capacity = this.computeCapacity();
			    return (capacity == null) || weight <= capacity;
			  }

			  async __incrementReservoir__(incr) {
			    var reservoir;
			    await this.yieldLoop();
			    reservoir = this.storeOptions.reservoir += incr;
			    this.instance._drainAll(this.computeCapacity());
			    return reservoir;
			  }

			  async __currentReservoir__() {
			    await this.yieldLoop();
			    return this.storeOptions.reservoir;
			  }

			  isBlocked(now) {
			    return this._unblockTime >= now;
			  }

			  check(weight, now) {
			    return this.conditionsCheck(weight) && (this._nextRequest - now) <= 0;
			  }

			  async __check__(weight) {
			    var now;
			    await this.yieldLoop();
			    now = Date.now();
			    return this.check(weight, now);
			  }

			  async __register__(index, weight, expiration) {
			    var now, wait;
			    await this.yieldLoop();
			    now = Date.now();
			    if (this.conditionsCheck(weight)) {
			      this._running += weight;
			      if (this.storeOptions.reservoir != null) {
			        this.storeOptions.reservoir -= weight;
			      }
			      wait = Math.max(this._nextRequest - now, 0);
			      this._nextRequest = now + wait + this.storeOptions.minTime;
			      return {
			        success: true,
			        wait,
			        reservoir: this.storeOptions.reservoir
			      };
			    } else {
			      return {
			        success: false
			      };
			    }
			  }

			  strategyIsBlock() {
			    return this.storeOptions.strategy === 3;
			  }

			  async __submit__(queueLength, weight) {
			    var blocked, now, reachedHWM;
			    await this.yieldLoop();
			    if ((this.storeOptions.maxConcurrent != null) && weight > this.storeOptions.maxConcurrent) {
			      throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
			    }
			    now = Date.now();
			    reachedHWM = (this.storeOptions.highWater != null) && queueLength === this.storeOptions.highWater && !this.check(weight, now);
			    blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
			    if (blocked) {
			      this._unblockTime = now + this.computePenalty();
			      this._nextRequest = this._unblockTime + this.storeOptions.minTime;
			      this.instance._dropAllQueued();
			    }
			    return {
			      reachedHWM,
			      blocked,
			      strategy: this.storeOptions.strategy
			    };
			  }

			  async __free__(index, weight) {
			    await this.yieldLoop();
			    this._running -= weight;
			    this._done += weight;
			    this.instance._drainAll(this.computeCapacity());
			    return {
			      running: this._running
			    };
			  }

			};

			var LocalDatastore_1 = LocalDatastore;

			var BottleneckError$3, States;

			BottleneckError$3 = BottleneckError_1;

			States = class States {
			  constructor(status1) {
			    this.status = status1;
			    this._jobs = {};
			    this.counts = this.status.map(function() {
			      return 0;
			    });
			  }

			  next(id) {
			    var current, next;
			    current = this._jobs[id];
			    next = current + 1;
			    if ((current != null) && next < this.status.length) {
			      this.counts[current]--;
			      this.counts[next]++;
			      return this._jobs[id]++;
			    } else if (current != null) {
			      this.counts[current]--;
			      return delete this._jobs[id];
			    }
			  }

			  start(id) {
			    var initial;
			    initial = 0;
			    this._jobs[id] = initial;
			    return this.counts[initial]++;
			  }

			  remove(id) {
			    var current;
			    current = this._jobs[id];
			    if (current != null) {
			      this.counts[current]--;
			      delete this._jobs[id];
			    }
			    return current != null;
			  }

			  jobStatus(id) {
			    var ref;
			    return (ref = this.status[this._jobs[id]]) != null ? ref : null;
			  }

			  statusJobs(status) {
			    var k, pos, ref, results, v;
			    if (status != null) {
			      pos = this.status.indexOf(status);
			      if (pos < 0) {
			        throw new BottleneckError$3(`status must be one of ${this.status.join(', ')}`);
			      }
			      ref = this._jobs;
			      results = [];
			      for (k in ref) {
			        v = ref[k];
			        if (v === pos) {
			          results.push(k);
			        }
			      }
			      return results;
			    } else {
			      return Object.keys(this._jobs);
			    }
			  }

			  statusCounts() {
			    return this.counts.reduce(((acc, v, i) => {
			      acc[this.status[i]] = v;
			      return acc;
			    }), {});
			  }

			};

			var States_1 = States;

			var DLList$2, Sync;

			DLList$2 = DLList_1;

			Sync = class Sync {
			  constructor(name, Promise) {
			    this.schedule = this.schedule.bind(this);
			    this.name = name;
			    this.Promise = Promise;
			    this._running = 0;
			    this._queue = new DLList$2();
			  }

			  isEmpty() {
			    return this._queue.length === 0;
			  }

			  async _tryToRun() {
			    var args, cb, error, reject, resolve, returned, task;
			    if ((this._running < 1) && this._queue.length > 0) {
			      this._running++;
			      ({task, args, resolve, reject} = this._queue.shift());
			      cb = (await (async function() {
			        try {
			          returned = (await task(...args));
			          return function() {
			            return resolve(returned);
			          };
			        } catch (error1) {
			          error = error1;
			          return function() {
			            return reject(error);
			          };
			        }
			      })());
			      this._running--;
			      this._tryToRun();
			      return cb();
			    }
			  }

			  schedule(task, ...args) {
			    var promise, reject, resolve;
			    resolve = reject = null;
			    promise = new this.Promise(function(_resolve, _reject) {
			      resolve = _resolve;
			      return reject = _reject;
			    });
			    this._queue.push({task, args, resolve, reject});
			    this._tryToRun();
			    return promise;
			  }

			};

			var Sync_1 = Sync;

			var version = "2.19.5";
			var version$1 = {
				version: version
			};

			var version$2 = /*#__PURE__*/Object.freeze({
				version: version,
				default: version$1
			});

			var require$$2 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

			var require$$3 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

			var require$$4 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

			var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;

			parser$3 = parser;

			Events$2 = Events_1;

			RedisConnection$1 = require$$2;

			IORedisConnection$1 = require$$3;

			Scripts$1 = require$$4;

			Group = (function() {
			  class Group {
			    constructor(limiterOptions = {}) {
			      this.deleteKey = this.deleteKey.bind(this);
			      this.limiterOptions = limiterOptions;
			      parser$3.load(this.limiterOptions, this.defaults, this);
			      this.Events = new Events$2(this);
			      this.instances = {};
			      this.Bottleneck = Bottleneck_1;
			      this._startAutoCleanup();
			      this.sharedConnection = this.connection != null;
			      if (this.connection == null) {
			        if (this.limiterOptions.datastore === "redis") {
			          this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
			        } else if (this.limiterOptions.datastore === "ioredis") {
			          this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, {Events: this.Events}));
			        }
			      }
			    }

			    key(key = "") {
			      var ref;
			      return (ref = this.instances[key]) != null ? ref : (() => {
			        var limiter;
			        limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
			          id: `${this.id}-${key}`,
			          timeout: this.timeout,
			          connection: this.connection
			        }));
			        this.Events.trigger("created", limiter, key);
			        return limiter;
			      })();
			    }

			    async deleteKey(key = "") {
			      var deleted, instance;
			      instance = this.instances[key];
			      if (this.connection) {
			        deleted = (await this.connection.__runCommand__(['del', ...Scripts$1.allKeys(`${this.id}-${key}`)]));
			      }
			      if (instance != null) {
			        delete this.instances[key];
			        await instance.disconnect();
			      }
			      return (instance != null) || deleted > 0;
			    }

			    limiters() {
			      var k, ref, results, v;
			      ref = this.instances;
			      results = [];
			      for (k in ref) {
			        v = ref[k];
			        results.push({
			          key: k,
			          limiter: v
			        });
			      }
			      return results;
			    }

			    keys() {
			      return Object.keys(this.instances);
			    }

			    async clusterKeys() {
			      var cursor, end, found, i, k, keys, len, next, start;
			      if (this.connection == null) {
			        return this.Promise.resolve(this.keys());
			      }
			      keys = [];
			      cursor = null;
			      start = `b_${this.id}-`.length;
			      end = "_settings".length;
			      while (cursor !== 0) {
			        [next, found] = (await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 10000]));
			        cursor = ~~next;
			        for (i = 0, len = found.length; i < len; i++) {
			          k = found[i];
			          keys.push(k.slice(start, -end));
			        }
			      }
			      return keys;
			    }

			    _startAutoCleanup() {
			      var base;
			      clearInterval(this.interval);
			      return typeof (base = (this.interval = setInterval(async() => {
			        var e, k, ref, results, time, v;
			        time = Date.now();
			        ref = this.instances;
			        results = [];
			        for (k in ref) {
			          v = ref[k];
			          try {
			            if ((await v._store.__groupCheck__(time))) {
			              results.push(this.deleteKey(k));
			            } else {
			              results.push(void 0);
			            }
			          } catch (error) {
			            e = error;
			            results.push(v.Events.trigger("error", e));
			          }
			        }
			        return results;
			      }, this.timeout / 2))).unref === "function" ? base.unref() : void 0;
			    }

			    updateSettings(options = {}) {
			      parser$3.overwrite(options, this.defaults, this);
			      parser$3.overwrite(options, options, this.limiterOptions);
			      if (options.timeout != null) {
			        return this._startAutoCleanup();
			      }
			    }

			    disconnect(flush = true) {
			      var ref;
			      if (!this.sharedConnection) {
			        return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
			      }
			    }

			  }
			  Group.prototype.defaults = {
			    timeout: 1000 * 60 * 5,
			    connection: null,
			    Promise: Promise,
			    id: "group-key"
			  };

			  return Group;

			}).call(commonjsGlobal$1);

			var Group_1 = Group;

			var Batcher, Events$3, parser$4;

			parser$4 = parser;

			Events$3 = Events_1;

			Batcher = (function() {
			  class Batcher {
			    constructor(options = {}) {
			      this.options = options;
			      parser$4.load(this.options, this.defaults, this);
			      this.Events = new Events$3(this);
			      this._arr = [];
			      this._resetPromise();
			      this._lastFlush = Date.now();
			    }

			    _resetPromise() {
			      return this._promise = new this.Promise((res, rej) => {
			        return this._resolve = res;
			      });
			    }

			    _flush() {
			      clearTimeout(this._timeout);
			      this._lastFlush = Date.now();
			      this._resolve();
			      this.Events.trigger("batch", this._arr);
			      this._arr = [];
			      return this._resetPromise();
			    }

			    add(data) {
			      var ret;
			      this._arr.push(data);
			      ret = this._promise;
			      if (this._arr.length === this.maxSize) {
			        this._flush();
			      } else if ((this.maxTime != null) && this._arr.length === 1) {
			        this._timeout = setTimeout(() => {
			          return this._flush();
			        }, this.maxTime);
			      }
			      return ret;
			    }

			  }
			  Batcher.prototype.defaults = {
			    maxTime: null,
			    maxSize: null,
			    Promise: Promise
			  };

			  return Batcher;

			}).call(commonjsGlobal$1);

			var Batcher_1 = Batcher;

			var require$$4$1 = () => console.log('You must import the full version of Bottleneck in order to use this feature.');

			var require$$8 = getCjsExportFromNamespace(version$2);

			var Bottleneck, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5,
			  splice = [].splice;

			NUM_PRIORITIES$1 = 10;

			DEFAULT_PRIORITY$1 = 5;

			parser$5 = parser;

			Queues$1 = Queues_1;

			Job$1 = Job_1;

			LocalDatastore$1 = LocalDatastore_1;

			RedisDatastore$1 = require$$4$1;

			Events$4 = Events_1;

			States$1 = States_1;

			Sync$1 = Sync_1;

			Bottleneck = (function() {
			  class Bottleneck {
			    constructor(options = {}, ...invalid) {
			      var storeInstanceOptions, storeOptions;
			      this._addToQueue = this._addToQueue.bind(this);
			      this._validateOptions(options, invalid);
			      parser$5.load(options, this.instanceDefaults, this);
			      this._queues = new Queues$1(NUM_PRIORITIES$1);
			      this._scheduled = {};
			      this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
			      this._limiter = null;
			      this.Events = new Events$4(this);
			      this._submitLock = new Sync$1("submit", this.Promise);
			      this._registerLock = new Sync$1("register", this.Promise);
			      storeOptions = parser$5.load(options, this.storeDefaults, {});
			      this._store = (function() {
			        if (this.datastore === "redis" || this.datastore === "ioredis" || (this.connection != null)) {
			          storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
			          return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
			        } else if (this.datastore === "local") {
			          storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
			          return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
			        } else {
			          throw new Bottleneck.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
			        }
			      }).call(this);
			      this._queues.on("leftzero", () => {
			        var ref;
			        return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
			      });
			      this._queues.on("zero", () => {
			        var ref;
			        return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
			      });
			    }

			    _validateOptions(options, invalid) {
			      if (!((options != null) && typeof options === "object" && invalid.length === 0)) {
			        throw new Bottleneck.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
			      }
			    }

			    ready() {
			      return this._store.ready;
			    }

			    clients() {
			      return this._store.clients;
			    }

			    channel() {
			      return `b_${this.id}`;
			    }

			    channel_client() {
			      return `b_${this.id}_${this._store.clientId}`;
			    }

			    publish(message) {
			      return this._store.__publish__(message);
			    }

			    disconnect(flush = true) {
			      return this._store.__disconnect__(flush);
			    }

			    chain(_limiter) {
			      this._limiter = _limiter;
			      return this;
			    }

			    queued(priority) {
			      return this._queues.queued(priority);
			    }

			    clusterQueued() {
			      return this._store.__queued__();
			    }

			    empty() {
			      return this.queued() === 0 && this._submitLock.isEmpty();
			    }

			    running() {
			      return this._store.__running__();
			    }

			    done() {
			      return this._store.__done__();
			    }

			    jobStatus(id) {
			      return this._states.jobStatus(id);
			    }

			    jobs(status) {
			      return this._states.statusJobs(status);
			    }

			    counts() {
			      return this._states.statusCounts();
			    }

			    _randomIndex() {
			      return Math.random().toString(36).slice(2);
			    }

			    check(weight = 1) {
			      return this._store.__check__(weight);
			    }

			    _clearGlobalState(index) {
			      if (this._scheduled[index] != null) {
			        clearTimeout(this._scheduled[index].expiration);
			        delete this._scheduled[index];
			        return true;
			      } else {
			        return false;
			      }
			    }

			    async _free(index, job, options, eventInfo) {
			      var e, running;
			      try {
			        ({running} = (await this._store.__free__(index, options.weight)));
			        this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
			        if (running === 0 && this.empty()) {
			          return this.Events.trigger("idle");
			        }
			      } catch (error1) {
			        e = error1;
			        return this.Events.trigger("error", e);
			      }
			    }

			    _run(index, job, wait) {
			      var clearGlobalState, free, run;
			      job.doRun();
			      clearGlobalState = this._clearGlobalState.bind(this, index);
			      run = this._run.bind(this, index, job);
			      free = this._free.bind(this, index, job);
			      return this._scheduled[index] = {
			        timeout: setTimeout(() => {
			          return job.doExecute(this._limiter, clearGlobalState, run, free);
			        }, wait),
			        expiration: job.options.expiration != null ? setTimeout(function() {
			          return job.doExpire(clearGlobalState, run, free);
			        }, wait + job.options.expiration) : void 0,
			        job: job
			      };
			    }

			    _drainOne(capacity) {
			      return this._registerLock.schedule(() => {
			        var args, index, next, options, queue;
			        if (this.queued() === 0) {
			          return this.Promise.resolve(null);
			        }
			        queue = this._queues.getFirst();
			        ({options, args} = next = queue.first());
			        if ((capacity != null) && options.weight > capacity) {
			          return this.Promise.resolve(null);
			        }
			        this.Events.trigger("debug", `Draining ${options.id}`, {args, options});
			        index = this._randomIndex();
			        return this._store.__register__(index, options.weight, options.expiration).then(({success, wait, reservoir}) => {
			          var empty;
			          this.Events.trigger("debug", `Drained ${options.id}`, {success, args, options});
			          if (success) {
			            queue.shift();
			            empty = this.empty();
			            if (empty) {
			              this.Events.trigger("empty");
			            }
			            if (reservoir === 0) {
			              this.Events.trigger("depleted", empty);
			            }
			            this._run(index, next, wait);
			            return this.Promise.resolve(options.weight);
			          } else {
			            return this.Promise.resolve(null);
			          }
			        });
			      });
			    }

			    _drainAll(capacity, total = 0) {
			      return this._drainOne(capacity).then((drained) => {
			        var newCapacity;
			        if (drained != null) {
			          newCapacity = capacity != null ? capacity - drained : capacity;
			          return this._drainAll(newCapacity, total + drained);
			        } else {
			          return this.Promise.resolve(total);
			        }
			      }).catch((e) => {
			        return this.Events.trigger("error", e);
			      });
			    }

			    _dropAllQueued(message) {
			      return this._queues.shiftAll(function(job) {
			        return job.doDrop({message});
			      });
			    }

			    stop(options = {}) {
			      var done, waitForExecuting;
			      options = parser$5.load(options, this.stopDefaults);
			      waitForExecuting = (at) => {
			        var finished;
			        finished = () => {
			          var counts;
			          counts = this._states.counts;
			          return (counts[0] + counts[1] + counts[2] + counts[3]) === at;
			        };
			        return new this.Promise((resolve, reject) => {
			          if (finished()) {
			            return resolve();
			          } else {
			            return this.on("done", () => {
			              if (finished()) {
			                this.removeAllListeners("done");
			                return resolve();
			              }
			            });
			          }
			        });
			      };
			      done = options.dropWaitingJobs ? (this._run = function(index, next) {
			        return next.doDrop({
			          message: options.dropErrorMessage
			        });
			      }, this._drainOne = () => {
			        return this.Promise.resolve(null);
			      }, this._registerLock.schedule(() => {
			        return this._submitLock.schedule(() => {
			          var k, ref, v;
			          ref = this._scheduled;
			          for (k in ref) {
			            v = ref[k];
			            if (this.jobStatus(v.job.options.id) === "RUNNING") {
			              clearTimeout(v.timeout);
			              clearTimeout(v.expiration);
			              v.job.doDrop({
			                message: options.dropErrorMessage
			              });
			            }
			          }
			          this._dropAllQueued(options.dropErrorMessage);
			          return waitForExecuting(0);
			        });
			      })) : this.schedule({
			        priority: NUM_PRIORITIES$1 - 1,
			        weight: 0
			      }, () => {
			        return waitForExecuting(1);
			      });
			      this._receive = function(job) {
			        return job._reject(new Bottleneck.prototype.BottleneckError(options.enqueueErrorMessage));
			      };
			      this.stop = () => {
			        return this.Promise.reject(new Bottleneck.prototype.BottleneckError("stop() has already been called"));
			      };
			      return done;
			    }

			    async _addToQueue(job) {
			      var args, blocked, error, options, reachedHWM, shifted, strategy;
			      ({args, options} = job);
			      try {
			        ({reachedHWM, blocked, strategy} = (await this._store.__submit__(this.queued(), options.weight)));
			      } catch (error1) {
			        error = error1;
			        this.Events.trigger("debug", `Could not queue ${options.id}`, {args, options, error});
			        job.doDrop({error});
			        return false;
			      }
			      if (blocked) {
			        job.doDrop();
			        return true;
			      } else if (reachedHWM) {
			        shifted = strategy === Bottleneck.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck.prototype.strategy.OVERFLOW ? job : void 0;
			        if (shifted != null) {
			          shifted.doDrop();
			        }
			        if ((shifted == null) || strategy === Bottleneck.prototype.strategy.OVERFLOW) {
			          if (shifted == null) {
			            job.doDrop();
			          }
			          return reachedHWM;
			        }
			      }
			      job.doQueue(reachedHWM, blocked);
			      this._queues.push(job);
			      await this._drainAll();
			      return reachedHWM;
			    }

			    _receive(job) {
			      if (this._states.jobStatus(job.options.id) != null) {
			        job._reject(new Bottleneck.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
			        return false;
			      } else {
			        job.doReceive();
			        return this._submitLock.schedule(this._addToQueue, job);
			      }
			    }

			    submit(...args) {
			      var cb, fn, job, options, ref, ref1, task;
			      if (typeof args[0] === "function") {
			        ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
			        options = parser$5.load({}, this.jobDefaults);
			      } else {
			        ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
			        options = parser$5.load(options, this.jobDefaults);
			      }
			      task = (...args) => {
			        return new this.Promise(function(resolve, reject) {
			          return fn(...args, function(...args) {
			            return (args[0] != null ? reject : resolve)(args);
			          });
			        });
			      };
			      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
			      job.promise.then(function(args) {
			        return typeof cb === "function" ? cb(...args) : void 0;
			      }).catch(function(args) {
			        if (Array.isArray(args)) {
			          return typeof cb === "function" ? cb(...args) : void 0;
			        } else {
			          return typeof cb === "function" ? cb(args) : void 0;
			        }
			      });
			      return this._receive(job);
			    }

			    schedule(...args) {
			      var job, options, task;
			      if (typeof args[0] === "function") {
			        [task, ...args] = args;
			        options = {};
			      } else {
			        [options, task, ...args] = args;
			      }
			      job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
			      this._receive(job);
			      return job.promise;
			    }

			    wrap(fn) {
			      var schedule, wrapped;
			      schedule = this.schedule.bind(this);
			      wrapped = function(...args) {
			        return schedule(fn.bind(this), ...args);
			      };
			      wrapped.withOptions = function(options, ...args) {
			        return schedule(options, fn, ...args);
			      };
			      return wrapped;
			    }

			    async updateSettings(options = {}) {
			      await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
			      parser$5.overwrite(options, this.instanceDefaults, this);
			      return this;
			    }

			    currentReservoir() {
			      return this._store.__currentReservoir__();
			    }

			    incrementReservoir(incr = 0) {
			      return this._store.__incrementReservoir__(incr);
			    }

			  }
			  Bottleneck.default = Bottleneck;

			  Bottleneck.Events = Events$4;

			  Bottleneck.version = Bottleneck.prototype.version = require$$8.version;

			  Bottleneck.strategy = Bottleneck.prototype.strategy = {
			    LEAK: 1,
			    OVERFLOW: 2,
			    OVERFLOW_PRIORITY: 4,
			    BLOCK: 3
			  };

			  Bottleneck.BottleneckError = Bottleneck.prototype.BottleneckError = BottleneckError_1;

			  Bottleneck.Group = Bottleneck.prototype.Group = Group_1;

			  Bottleneck.RedisConnection = Bottleneck.prototype.RedisConnection = require$$2;

			  Bottleneck.IORedisConnection = Bottleneck.prototype.IORedisConnection = require$$3;

			  Bottleneck.Batcher = Bottleneck.prototype.Batcher = Batcher_1;

			  Bottleneck.prototype.jobDefaults = {
			    priority: DEFAULT_PRIORITY$1,
			    weight: 1,
			    expiration: null,
			    id: "<no-id>"
			  };

			  Bottleneck.prototype.storeDefaults = {
			    maxConcurrent: null,
			    minTime: 0,
			    highWater: null,
			    strategy: Bottleneck.prototype.strategy.LEAK,
			    penalty: null,
			    reservoir: null,
			    reservoirRefreshInterval: null,
			    reservoirRefreshAmount: null,
			    reservoirIncreaseInterval: null,
			    reservoirIncreaseAmount: null,
			    reservoirIncreaseMaximum: null
			  };

			  Bottleneck.prototype.localStoreDefaults = {
			    Promise: Promise,
			    timeout: null,
			    heartbeatInterval: 250
			  };

			  Bottleneck.prototype.redisStoreDefaults = {
			    Promise: Promise,
			    timeout: null,
			    heartbeatInterval: 5000,
			    clientTimeout: 10000,
			    Redis: null,
			    clientOptions: {},
			    clusterNodes: null,
			    clearDatastore: false,
			    connection: null
			  };

			  Bottleneck.prototype.instanceDefaults = {
			    datastore: "local",
			    connection: null,
			    id: "<no-id>",
			    rejectOnDrop: true,
			    trackDoneStatus: false,
			    Promise: Promise
			  };

			  Bottleneck.prototype.stopDefaults = {
			    enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
			    dropWaitingJobs: true,
			    dropErrorMessage: "This limiter has been stopped."
			  };

			  return Bottleneck;

			}).call(commonjsGlobal$1);

			var Bottleneck_1 = Bottleneck;

			var lib = Bottleneck_1;

			return lib;

		}))); 
	} (light$1));
	return light$1.exports;
}

var lightExports = requireLight();
var BottleneckLight = /*@__PURE__*/getDefaultExportFromCjs(lightExports);

// pkg/dist-src/version.js
var VERSION$1 = "0.0.0-development";

// pkg/dist-src/error-request.js
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}
async function wrapRequest$1(state, octokit, request, options) {
  const limiter = new BottleneckLight();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request, options) {
  const response = await request(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}

// pkg/dist-src/index.js
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest$1.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = VERSION$1;

// pkg/dist-src/index.js

// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = BottleneckLight,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

/** Reads a body whole, refusing one longer than `maxBytes` (a broken proxy or server, never GitHub's API). */
async function readCapped(response, maxBytes) {
    if (!response.body)
        return null;
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > maxBytes) {
            await reader.cancel();
            throw new Error(`GitHub's answer is larger than ${maxBytes} bytes; nothing was read from it`);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks, size);
}
/**
 * A fetch whose every call ends within `timeoutMs`, body included. The timeout is an AbortError so
 * octokit passes it through instead of retrying it as a 500: the caller reports it (exit 3).
 */
function fetchWithDeadline(fetch, timeoutMs, maxBytes = 64 * 1024 * 1024) {
    return async (input, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            const response = await fetch(input, { ...init, signal });
            // Read the whole body under the same deadline, then hand octokit a finished response.
            const body = await readCapped(response, maxBytes);
            const noBody = [101, 204, 205, 304].includes(response.status);
            return new Response(noBody ? null : body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers
            });
        }
        catch (error) {
            if (timeout.aborted) {
                const expired = new Error(`GitHub gave no complete answer within ${timeoutMs} ms`, {
                    cause: error
                });
                expired.name = 'AbortError';
                throw expired;
            }
            throw error;
        }
    };
}
const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling);
const defaultUserAgent = 'rollback-guard';
/** A Bottleneck group stand-in that runs every job at once (pacing: 'none'). */
const unpaced = {
    key: () => ({
        schedule: (...args) => {
            const fn = args.find((a) => typeof a === 'function');
            return Promise.resolve(fn(...args.slice(args.indexOf(fn) + 1)));
        }
    })
};
function createGitHubClient(options) {
    const token = options.token.trim();
    if (token === '') {
        throw new InputError('A GitHub token is required: set the github-token input (the default is ${{ github.token }}) or GITHUB_TOKEN.');
    }
    const redact = (message) => message.split(token).join('***');
    const log = {
        debug: (message) => options.log?.debug?.(redact(message)),
        info: (message) => options.log?.info?.(redact(message)),
        warn: (message) => options.log?.warn?.(redact(message))
    };
    const rateLimitRetries = options.rateLimitRetries ?? 2;
    const maxWait = options.maxRateLimitWaitSeconds ?? 120;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
        log.warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : `giving up after ${retryCount} wait(s)`}`);
        return retrying;
    };
    const pacing = options.pacing === 'none' ? { write: unpaced, notifications: unpaced, search: unpaced } : {};
    // the runner's HTTPS_PROXY / NO_PROXY apply to the GitHub API as to every other request
    const fetch = options.fetch ?? proxiedFetch();
    return new GitHubOctokit({
        auth: token,
        baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: options.userAgent ?? defaultUserAgent,
        log: {
            debug: (message) => log.debug(message),
            info: (message) => log.debug(message),
            warn: (message) => log.warn(message),
            error: (message) => log.warn(message)
        },
        request: {
            fetch: fetchWithDeadline(fetch ?? globalThis.fetch, options.timeoutMs ?? 30_000, options.maxResponseBytes)
        },
        retry: {
            retries: options.retries ?? 3,
            // Rate limits (403/429) are the throttling plugin's: it honours retry-after and the reset time.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
            retryAfterBaseValue: options.retryBaseDelayMs ?? 1000
        },
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            retryAfterBaseValue: options.pacing === 'none' ? 10 : 1000,
            ...pacing
        }
    });
}

/** The HTTP status of an octokit RequestError, or undefined for anything else (network, bugs). */
function httpStatusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/** GitHub's own message ("Resource not accessible by integration"), without octokit's decorations. */
function gitHubMessageOf(error) {
    const data = error?.response?.data;
    const message = data?.message;
    if (typeof message === 'string')
        return message;
    return error instanceof Error ? error.message : String(error);
}
/** Validation details of a 422 ("A pull request already exists for …"), joined. */
function gitHubErrorDetails(error) {
    const data = error?.response?.data;
    const errors = Array.isArray(data?.errors) ? data.errors : [];
    return errors
        .map((e) => typeof e === 'string'
        ? e
        : (e.message ??
            [e.field, e.code]
                .filter(Boolean)
                .join(' ')))
        .filter(Boolean)
        .join('; ');
}
function isRateLimit(error) {
    const status = httpStatusOf(error);
    if (status === 429)
        return true;
    const headers = error?.response
        ?.headers;
    return (status === 403 &&
        (headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(gitHubMessageOf(error))));
}
/** A 403 that means "this token may not do that" (a fork's read-only token, missing permissions). */
function isForbidden(error) {
    return httpStatusOf(error) === 403 && !isRateLimit(error);
}
/**
 * The error a user sees for a failed GitHub call: what we were doing, what GitHub said and what to do.
 * 5xx, rate limits and network failures (after the client's retries) are a ServiceError; the rest
 * (bad token, no access, refused input) an InputError.
 */
function toGitHubError(error, doing) {
    if (error instanceof InputError || error instanceof ServiceError)
        return error;
    const status = httpStatusOf(error);
    const message = gitHubMessageOf(error);
    const details = gitHubErrorDetails(error);
    const said = `GitHub answered ${status ?? 'nothing'}${message ? ` (${message}${details ? `: ${details}` : ''})` : ''}`;
    if (status === undefined || status >= 500 || isRateLimit(error)) {
        return new ServiceError(`${said} while ${doing}, after retries; try again later.`, {
            cause: error
        });
    }
    if (status === 401)
        return new InputError(`${said} while ${doing}: the github-token input is invalid or expired.`, {
            cause: error
        });
    if (status === 403) {
        return new InputError(`${said} while ${doing}: the token lacks a permission; grant it in the workflow's 'permissions:' block.`, { cause: error });
    }
    if (status === 404) {
        return new InputError(`${said} while ${doing}: the repository or item does not exist, or the token cannot see it.`, { cause: error });
    }
    return new InputError(`${said} while ${doing}.`, { cause: error });
}

/** GitHub refuses issue/PR comments and PR bodies longer than this many characters. */
const maxBodyLength = 65536;
const defaultTruncationNote = "_This report was cut to fit GitHub's 65,536-character limit; the job summary has all of it._";
/**
 * Fits `body` into `limit` characters: cuts at the last line break that leaves room for the note,
 * closes a code fence left open by the cut, never splits a surrogate pair, and ends with `note`.
 */
function fitBody(body, limit = maxBodyLength, note = defaultTruncationNote) {
    if (body.length <= limit)
        return { body, truncated: false };
    const tail = `\n\n${note}`;
    const fenceReserve = 12;
    let cut = body.slice(0, Math.max(0, limit - tail.length - fenceReserve));
    if (/[\ud800-\udbff]$/.test(cut))
        cut = cut.slice(0, -1);
    const lineBreak = cut.lastIndexOf('\n');
    if (lineBreak > cut.length / 2)
        cut = cut.slice(0, lineBreak);
    const fences = cut.match(/^ {0,3}(```|~~~)/gm) ?? [];
    if (fences.length % 2 === 1)
        cut += `\n${fences.at(-1).trim()}`;
    return { body: `${cut}${tail}`, truncated: true };
}

/** What a spec file may weigh: far above any real spec, far below what a runner can hold. */
const maxSpecFileBytes = 32 * 1024 * 1024;
/** Why a file was refused; the caller words the error with its own file:line. */
class ConfinementError extends Error {
    rule;
    constructor(message, rule) {
        super(message);
        this.rule = rule;
        this.name = 'ConfinementError';
    }
}
/** True when `path` is `root` or below it (lexically). */
function isInside(root, path) {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith(`..${sep$1}`) && rel !== '..' && !isAbsolute(rel));
}
/**
 * Reads a file that must stay inside `root` once symlinks are followed, be a regular file (no
 * device, FIFO or /proc entry that never ends) and weigh at most `maxBytes`; the text must be UTF-8.
 * Anything else is a ConfinementError, never a partial read.
 */
async function readConfinedText(path, root, maxBytes = maxSpecFileBytes) {
    if (!isInside(root, path)) {
        throw new ConfinementError(`is outside ${root}`, 'outside-root');
    }
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(realRoot, realFile)) {
        throw new ConfinementError(`is a link to ${realFile}, outside ${root}`, 'outside-root');
    }
    const handle = await open(realFile, 'r');
    try {
        const info = await handle.stat();
        if (!info.isFile())
            throw new ConfinementError('is not a regular file', 'not-a-regular-file');
        if (info.size > maxBytes) {
            throw new ConfinementError(`weighs ${info.size} bytes, over the ${maxBytes}-byte limit`, 'too-large');
        }
        // Read at most one byte past the limit: a file that grows (or lies about its size) still stops.
        const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size, 0) + 1));
        let length = 0;
        for (;;) {
            if (length === buffer.length)
                break;
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > maxBytes) {
            throw new ConfinementError(`is over the ${maxBytes}-byte limit`, 'too-large');
        }
        return decodeUtf8(buffer.subarray(0, length));
    }
    finally {
        await handle.close();
    }
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** Strict UTF-8: bytes that are not UTF-8 are refused instead of read as replacement characters. */
function decodeUtf8(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        throw new ConfinementError('is not UTF-8 text', 'not-utf8');
    }
}

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

/**
 * The JSON Schema of `.rollback-guard.yml`. `schemas/rollback-guard-config.schema.json` is this
 * object written out (a test keeps them equal), so editors can validate the file too.
 * `x-hint` is our own keyword: the fix a person should make when that part does not match.
 */
const level = { type: 'string', enum: ['breaking', 'warning', 'info'] };
const date = {
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    format: 'date',
    'x-hint': 'write the date as YYYY-MM-DD, e.g. 2026-12-31'
};
const nonEmpty = { type: 'string', minLength: 1 };
const configSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://rollback-guard.dev/schemas/rollback-guard-config.schema.json',
    title: 'rollback-guard configuration (.rollback-guard.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
        $schema: { type: 'string' },
        contracts: {
            description: 'The API contracts the contract-check job compares against the last release.',
            type: 'array',
            items: {
                type: 'object',
                required: ['kind'],
                properties: {
                    kind: {
                        type: 'string',
                        enum: ['openapi', 'protobuf', 'go', 'gomod', 'migrations'],
                        'x-hint': 'use one of openapi, protobuf, go, gomod, migrations'
                    },
                    name: { ...nonEmpty, description: 'Unique name; defaults to the first path.' },
                    path: {
                        ...nonEmpty,
                        description: 'Repository-relative file (openapi, gomod) or directory (protobuf, go).'
                    },
                    paths: {
                        type: 'array',
                        minItems: 1,
                        items: nonEmpty,
                        description: 'Several files or directories compared as one contract each.'
                    },
                    'dependency-impact': {
                        description: 'gomod contracts: diff the API of upgraded dependencies (direct requirements, or all) and report the calls in the base code they break; default direct.',
                        enum: ['direct', 'all', 'off', 'on', true, false],
                        'x-hint': 'use direct, all or off'
                    }
                },
                oneOf: [{ required: ['path'] }, { required: ['paths'] }],
                'x-hint': 'give each contract exactly one of `path: FILE` or `paths: [FILE, ...]`',
                additionalProperties: true
            }
        },
        'fail-on': {
            type: 'string',
            enum: ['breaking', 'warning', 'never'],
            'x-hint': 'use breaking, warning or never'
        },
        'rollback-impact': {
            description: 'Whether the check also lists what rolling this release back would remove for clients (on by default).',
            enum: ['on', 'off', true, false],
            'x-hint': 'use on or off'
        },
        overrides: {
            description: 'A new level per rule id, e.g. `response-optional-property-removed: breaking`.',
            type: 'object',
            propertyNames: { pattern: '^[A-Za-z0-9_.:-]+$' },
            additionalProperties: { ...level, 'x-hint': 'set the level to breaking, warning or info' }
        },
        ignore: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['reason'],
                anyOf: [
                    { required: ['id'] },
                    { required: ['operation'] },
                    { required: ['path'] },
                    { required: ['symbol'] },
                    { required: ['fingerprint'] }
                ],
                'x-hint': 'say what to ignore with at least one of id, operation, path, symbol or fingerprint',
                properties: {
                    id: nonEmpty,
                    operation: {
                        ...nonEmpty,
                        description: '"GET /pets"; `*` spans one path segment, `**` any.'
                    },
                    path: { ...nonEmpty, description: 'An API path template, any method: "/pets/{id}".' },
                    symbol: nonEmpty,
                    fingerprint: {
                        type: 'string',
                        pattern: '^[0-9a-f]{12}$',
                        'x-hint': 'copy the 12-hex-digit fingerprint from the report'
                    },
                    contract: nonEmpty,
                    reason: {
                        ...nonEmpty,
                        'x-hint': 'say why the change is acceptable in `reason:` (it is shown in the report)'
                    },
                    expires: date
                }
            }
        },
        baseline: {
            type: 'object',
            additionalProperties: false,
            properties: {
                'tag-pattern': {
                    description: 'Tag shape with a {version} placeholder, e.g. "api/v{version}".',
                    oneOf: [
                        { type: 'string', pattern: '\\{version\\}' },
                        { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\{version\\}' } }
                    ],
                    'x-hint': 'put {version} where the version goes, e.g. "v{version}" or "api/v{version}"'
                },
                'include-prereleases': { type: 'boolean' },
                'github-releases': { type: 'boolean' },
                manifests: { type: 'boolean' },
                remote: nonEmpty
            }
        },
        version: {
            type: 'object',
            additionalProperties: false,
            properties: {
                files: { type: 'array', items: nonEmpty },
                enforce: { type: 'boolean' }
            }
        },
        manifest: { type: 'object', description: 'Settings of the manifest job.' },
        slo: { type: 'object', description: 'Settings of the slo-gate job.' }
    }
};

const failOnValues = ['breaking', 'warning', 'never'];
const defaultBaseline = {
    tagPatterns: ['v{version}', '{version}'],
    includePrereleases: false,
    githubReleases: true,
    manifests: true,
    remote: 'origin'
};
const defaultVersion = { files: ['package.json', 'VERSION'], enforce: true };

const defaultConfigFile = '.rollback-guard.yml';
let validator;
function validate(data) {
    if (!validator) {
        const ajv = new ajvExports.Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
        ajv.addKeyword('x-hint');
        ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
        validator = ajv.compile(configSchema);
    }
    return validator(data) ? [] : (validator.errors ?? []);
}
/** The defaults when there is no config file: no contracts, fail on breaking. */
function emptyConfig() {
    return {
        file: null,
        contracts: [],
        failOn: 'breaking',
        rollbackImpact: true,
        overrides: {},
        ignore: [],
        baseline: { ...defaultBaseline },
        version: { ...defaultVersion },
        manifest: {}
    };
}
/** Reads and validates a config file; a missing or invalid file is an InputError naming it. */
async function loadContractConfig(file, displayName = file) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new InputError(code === 'ENOENT'
            ? `${displayName}: no such file; create it (see docs/contract-check.md) or pass --config PATH.`
            : `${displayName}: cannot be read (${code ?? String(error)}).`);
    }
    return parseContractConfig(text, displayName);
}
/**
 * Parses `.rollback-guard.yml` text. Every problem is reported as `file:line: what is wrong; the fix`,
 * all of them in one InputError (one per line), so a person fixes the file in one go.
 */
function parseContractConfig(text, file) {
    const lineCounter = new distExports.LineCounter();
    const doc = distExports.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const lineAt = (offset) => offset === undefined ? null : lineCounter.linePos(offset).line;
    if (doc.errors.length > 0) {
        const problems = doc.errors.map((e) => `${file}:${lineAt(e.pos[0]) ?? 1}: not valid YAML: ${e.message.split('\n')[0]}`);
        throw new InputError(problems.join('\n'));
    }
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 }) ?? {};
    }
    catch (error) {
        // An alias bomb (aliases of aliases, a billion laughs) is refused before it expands.
        throw new InputError(`${file}: the YAML expands its aliases (*name) too many times (${error.message}); write the values out instead of nesting aliases.`);
    }
    const nodeAt = (segments) => locate(doc.contents, segments);
    keepFingerprintsAsWritten(data, nodeAt);
    const lineOf = (segments) => {
        const node = nodeAt(segments);
        return lineAt(node?.range?.[0]);
    };
    const problems = describeErrors(validate(data), lineOf, file);
    const config = emptyConfig();
    config.file = file;
    if (problems.length === 0) {
        const raw = data;
        problems.push(...readContracts(raw, config, lineOf, file));
        problems.push(...readIgnores(raw, config, lineOf, file));
        readRest(raw, config);
    }
    if (problems.length > 0)
        throw new InputError(problems.join('\n'));
    return config;
}
/** A fingerprint of only digits (`000123456789`) would read as a number; keep the text as written. */
function keepFingerprintsAsWritten(data, nodeAt) {
    const ignore = data?.ignore;
    if (!Array.isArray(ignore))
        return;
    ignore.forEach((entry, index) => {
        if (!entry || typeof entry !== 'object')
            return;
        const record = entry;
        if (typeof record.fingerprint !== 'number')
            return;
        const node = nodeAt(['ignore', String(index), 'fingerprint']);
        if (distExports.isScalar(node) && typeof node.source === 'string')
            record.fingerprint = node.source;
    });
}
function locate(root, segments) {
    let node = root;
    for (const segment of segments) {
        if (distExports.isMap(node)) {
            const pair = node.items.find((item) => distExports.isScalar(item.key) && String(item.key.value) === segment);
            node = pair && distExports.isPair(pair) ? (pair.value ?? pair.key) : null;
        }
        else if (distExports.isSeq(node)) {
            node = node.items[Number(segment)] ?? null;
        }
        else
            return node;
        if (!node)
            return null;
    }
    return node;
}
function segmentsOf(instancePath) {
    return instancePath === ''
        ? []
        : instancePath
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
/** `contracts[0].kind` from ["contracts","0","kind"]: the way a person reads a YAML path. */
function dotted(segments) {
    let out = '';
    for (const s of segments)
        out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
    return out === '' ? 'the top level' : out;
}
function describeErrors(errors, lineOf, file) {
    // A failed oneOf/anyOf also reports each branch's failure; the hint of the combinator says it better.
    const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    const shown = errors.filter((e) => !combinators.some((c) => c !== e &&
        e.schemaPath.startsWith(c.schemaPath + '/') &&
        e.instancePath === c.instancePath));
    const seen = new Set();
    const out = [];
    for (const error of shown) {
        const segments = segmentsOf(error.instancePath);
        let where = segments;
        let what;
        const hint = error.parentSchema?.['x-hint'];
        const got = JSON.stringify(error.data);
        switch (error.keyword) {
            case 'additionalProperties': {
                const key = error.params.additionalProperty;
                where = [...segments, key];
                const allowed = Object.keys(error.parentSchema.properties ?? {}).filter((k) => k !== '$schema');
                what = `unknown key '${key}' in ${dotted(segments)}; remove it or use one of ${allowed.join(', ')}`;
                break;
            }
            case 'required': {
                const key = error.params.missingProperty;
                what = `${dotted(segments)} needs '${key}'`;
                break;
            }
            case 'enum':
                what = `${dotted(segments)} is ${got}; ${hint ?? `use one of ${error.schema.join(', ')}`}`;
                break;
            case 'type':
                what = `${dotted(segments)} must be ${error.params.type}, got ${got}`;
                break;
            case 'oneOf':
            case 'anyOf':
                what = `${dotted(segments)}: ${hint ?? error.message ?? 'does not match'}`;
                break;
            case 'pattern':
            case 'format':
                what = `${dotted(segments)} ${got === undefined ? '' : `is ${got}; `}${hint ?? error.message ?? 'is not valid'}`;
                break;
            default:
                what = `${dotted(segments)} ${error.message ?? 'is not valid'}${hint ? `; ${hint}` : ''}`;
        }
        const line = lineOf(where) ?? lineOf(segments) ?? 1;
        const message = `${file}:${line}: ${what}`;
        if (!seen.has(message))
            out.push(message);
        seen.add(message);
    }
    return out;
}
function readContracts(raw, config, lineOf, file) {
    const problems = [];
    const names = new Map();
    const list = raw.contracts ?? [];
    list.forEach((entry, index) => {
        const { kind, name, path, paths, ...settings } = entry;
        const allPaths = path !== undefined ? [path] : paths;
        const line = lineOf(['contracts', String(index)]);
        for (const p of allPaths) {
            if (p.startsWith('/') || p.split(/[\\/]/).includes('..')) {
                problems.push(`${file}:${line ?? 1}: contracts[${index}] path '${p}' must stay inside the repository; write it relative to the repository root`);
            }
        }
        const finalName = name ?? allPaths[0] ?? `contract-${index + 1}`;
        const previous = names.get(finalName);
        if (previous !== undefined) {
            problems.push(`${file}:${line ?? 1}: contracts[${index}] has the same name '${finalName}' as contracts[${previous}]; give one of them another \`name:\``);
        }
        names.set(finalName, index);
        const contract = {
            kind: kind,
            name: finalName,
            paths: allPaths,
            settings,
            line
        };
        config.contracts.push(contract);
    });
    return problems;
}
function readIgnores(raw, config, lineOf, file) {
    const problems = [];
    const list = raw.ignore ?? [];
    list.forEach((entry, index) => {
        const line = lineOf(['ignore', String(index)]);
        if (entry.expires !== undefined && !isRealDate(entry.expires)) {
            problems.push(`${file}:${lineOf(['ignore', String(index), 'expires']) ?? line ?? 1}: ignore[${index}].expires '${entry.expires}' is not a calendar date; write it as YYYY-MM-DD`);
        }
        const ignore = { reason: entry.reason, line };
        for (const key of [
            'id',
            'operation',
            'path',
            'symbol',
            'fingerprint',
            'contract',
            'expires'
        ]) {
            if (entry[key] !== undefined)
                ignore[key] = entry[key];
        }
        config.ignore.push(ignore);
    });
    const known = new Set(config.contracts.map((c) => c.name));
    config.ignore.forEach((entry, index) => {
        if (entry.contract !== undefined && !known.has(entry.contract)) {
            problems.push(`${file}:${lineOf(['ignore', String(index), 'contract']) ?? 1}: ignore[${index}].contract '${entry.contract}' names no contract; use one of ${[...known].join(', ') || '(none configured)'}`);
        }
    });
    return problems;
}
function readRest(raw, config) {
    if (raw['fail-on'] !== undefined)
        config.failOn = raw['fail-on'];
    const rollbackImpact = raw['rollback-impact'];
    if (rollbackImpact !== undefined)
        config.rollbackImpact = rollbackImpact === 'on' || rollbackImpact === true;
    if (raw.overrides)
        config.overrides = { ...raw.overrides };
    const baseline = (raw.baseline ?? {});
    const pattern = baseline['tag-pattern'];
    if (pattern !== undefined)
        config.baseline.tagPatterns = Array.isArray(pattern) ? pattern : [pattern];
    if (baseline['include-prereleases'] !== undefined)
        config.baseline.includePrereleases = baseline['include-prereleases'];
    if (baseline['github-releases'] !== undefined)
        config.baseline.githubReleases = baseline['github-releases'];
    if (baseline.manifests !== undefined)
        config.baseline.manifests = baseline.manifests;
    if (baseline.remote !== undefined)
        config.baseline.remote = baseline.remote;
    const version = (raw.version ?? {});
    if (version.files !== undefined)
        config.version.files = version.files;
    if (version.enforce !== undefined)
        config.version.enforce = version.enforce;
    if (raw.manifest)
        config.manifest = raw.manifest;
}
function isRealDate(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match)
        return false;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === text;
}

/**
 * Version ordering for go.mod: module versions are semantic versions (pseudo-versions and
 * +incompatible included), go and toolchain lines are Go release versions. Never compared as
 * strings: v1.10.0 > v1.9.0 and go 1.10 > go 1.9.
 */
const semverPattern = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
/** Parses `v1.2.3`, `v1.2.3-pre`, `v0.0.0-20191109021931-daa7c04131f5`, `v2.0.0+incompatible`. */
function parseModuleVersion(version) {
    const m = semverPattern.exec(version);
    if (!m)
        return null;
    return {
        major: Number(m[1]),
        minor: Number(m[2] ?? 0),
        patch: Number(m[3] ?? 0),
        prerelease: m[4] ? m[4].split('.') : [],
        build: m[5] ?? ''
    };
}
function isModuleVersion(version) {
    return parseModuleVersion(version) !== null;
}
/** Semver precedence; unparsable versions sort before parsable ones, then as strings. */
function compareModuleVersions(a, b) {
    const x = parseModuleVersion(a);
    const y = parseModuleVersion(b);
    if (!x || !y)
        return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0;
    for (const [p, q] of [
        [x.major, y.major],
        [x.minor, y.minor],
        [x.patch, y.patch]
    ]) {
        if (p !== q)
            return p < q ? -1 : 1;
    }
    return comparePrerelease(x.prerelease, y.prerelease);
}
function comparePrerelease(a, b) {
    if (a.length === 0 || b.length === 0)
        return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const p = a[i];
        const q = b[i];
        if (p === undefined)
            return -1;
        if (q === undefined)
            return 1;
        if (p === q)
            continue;
        const pn = /^\d+$/.test(p);
        const qn = /^\d+$/.test(q);
        if (pn && qn)
            return BigInt(p) < BigInt(q) ? -1 : 1;
        if (pn !== qn)
            return pn ? -1 : 1;
        return p < q ? -1 : 1;
    }
    return 0;
}
function majorOf(version) {
    return parseModuleVersion(version)?.major ?? null;
}
/** A module path's major suffix: `/v3` (or `.v3` for gopkg.in), and the path without it. */
function splitMajorSuffix(modulePath) {
    const slash = /^(.*)\/v([2-9]|[1-9]\d+)$/.exec(modulePath);
    if (slash)
        return { prefix: slash[1], major: Number(slash[2]) };
    const gopkg = /^(gopkg\.in\/.+)\.v(\d+)(-unstable)?$/.exec(modulePath);
    if (gopkg)
        return { prefix: gopkg[1], major: Number(gopkg[2]) };
    return { prefix: modulePath, major: null };
}
/** Parses a `go` directive or toolchain version: 1.21, 1.21rc1, 1.21.3, go1.22.0. */
function parseGoVersion(version) {
    const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(alpha|beta|rc)(\d+))?(?:-.*)?$/.exec(version);
    if (!m)
        return null;
    const kindPre = m[4] ? { alpha: 0, beta: 1, rc: 2 }[m[4]] : 0;
    const major = Number(m[1]);
    const minor = Number(m[2] ?? 0);
    // Before Go 1.21, "1.20" named the release itself.
    const languageOnly = m[3] === undefined && !m[4] && (major > 1 || minor >= 21);
    return {
        major,
        minor,
        kind: m[4] ? 1 : languageOnly ? 0 : 2,
        patch: Number(m[3] ?? 0),
        pre: m[4] ? kindPre * 1000 + Number(m[5]) : 0
    };
}
/** Go's version order: 1.9 < 1.10; 1.21 < 1.21rc1 < 1.21.0 < 1.21.1. */
function compareGoVersions(a, b) {
    const x = parseGoVersion(a);
    const y = parseGoVersion(b);
    if (!x || !y)
        return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0;
    for (const key of ['major', 'minor', 'kind', 'patch', 'pre']) {
        if (x[key] !== y[key])
            return x[key] < y[key] ? -1 : 1;
    }
    return 0;
}
/**
 * Orders go directives for what they demand of a toolchain: `go 1.22` and `go 1.22.0` (what
 * `go mod tidy` writes) ask for the same release.
 */
function compareGoDirectives(a, b) {
    const release = (v) => {
        const parsed = parseGoVersion(v);
        return parsed && parsed.kind === 0 ? `${parsed.major}.${parsed.minor}.0` : v;
    };
    return compareGoVersions(release(a), release(b));
}

/**
 * The release each go.mod change needs, by gorelease's rules (golang.org/x/exp/cmd/gorelease),
 * which differ from "breaking → major, anything else → minor":
 * - a new module path is a new module: a /vN suffix gained or raised means the next release is
 *   vN.0.0 (major), and so does any other path change;
 * - replace and exclude directives only apply in the main module, so importers never see them
 *   (patch); nor do toolchain and godebug lines; a retraction is published by a patch release;
 * - a requirement that is only raised to a later patch or pseudo-version is a patch release;
 *   a new, removed, downgraded or minor/major-raised requirement, or a raised go line, changes what
 *   importers build with (minor).
 */
const releaseByRule = {
    'gomod-module-path-changed': 'major',
    'gomod-module-major-version-changed': 'major',
    'gomod-module-deprecated': 'patch',
    'gomod-go-version-raised': 'minor',
    'gomod-go-version-lowered': 'patch',
    'gomod-toolchain-changed': 'patch',
    'gomod-godebug-changed': 'patch',
    'gomod-dependency-major-bumped': 'minor',
    'gomod-dependency-downgraded': 'minor',
    'gomod-dependency-removed': 'minor',
    'gomod-dependency-upgraded': 'minor',
    'gomod-dependency-added': 'minor',
    'gomod-indirect-dependencies-changed': 'minor',
    'gomod-replace-local-path': 'patch',
    // What an upgrade does to this module's own code: the requirement change above is what
    // importers see, so these never raise the release it needs (they are on by default).
    'dependency-api-break': 'patch',
    'dependency-api-changes-unused': 'patch',
    'dependency-unavailable': 'patch',
    'dependency-release-notes': 'patch',
    'dependency-version-retracted': 'patch',
    'dependency-impact-skipped': 'patch',
    'gomod-replace-added': 'patch',
    'gomod-replace-changed': 'patch',
    'gomod-replace-removed': 'patch',
    'gomod-exclude-added': 'patch',
    'gomod-exclude-removed': 'patch',
    'gomod-retract-added': 'patch',
    'gomod-retract-removed': 'patch'
};
/**
 * Whether raising a requirement from `from` to `to` is patch-level for importers: the same
 * major.minor (v1.4.2 → v1.4.3, or to a pseudo-version on that line such as
 * v1.4.3-0.20240101000000-abcdef123456).
 */
function isPatchUpgrade(from, to) {
    const a = parseModuleVersion(from);
    const b = parseModuleVersion(to);
    return a !== null && b !== null && a.major === b.major && a.minor === b.minor;
}

/** go.mod changes, judged by what they do to builds of this module and of its importers. */
const goModRules = [
    {
        id: 'gomod-module-path-changed',
        kind: 'gomod',
        level: 'breaking',
        reason: 'every import of the module must change; the old path no longer resolves to new versions'
    },
    {
        id: 'gomod-module-major-version-changed',
        kind: 'gomod',
        level: 'warning',
        reason: 'a new /vN major version: importers must change their import paths to adopt it'
    },
    {
        id: 'gomod-module-deprecated',
        kind: 'gomod',
        level: 'warning',
        reason: 'importers are told by the go command to move away from the module'
    },
    {
        id: 'gomod-go-version-raised',
        kind: 'gomod',
        level: 'warning',
        reason: 'builds need this Go version or newer; older toolchains fail or download a new one'
    },
    {
        id: 'gomod-go-version-lowered',
        kind: 'gomod',
        level: 'info',
        reason: 'older toolchains can build the module'
    },
    {
        id: 'gomod-toolchain-changed',
        kind: 'gomod',
        level: 'info',
        reason: 'the preferred toolchain applies when this is the main module; importers are unaffected'
    },
    {
        id: 'gomod-godebug-changed',
        kind: 'gomod',
        level: 'info',
        reason: 'runtime behaviour settings apply when this is the main module'
    },
    {
        id: 'gomod-dependency-major-bumped',
        kind: 'gomod',
        level: 'warning',
        reason: 'a new major version of a dependency is a different API; the bump is the usual cause of failed rollbacks'
    },
    {
        id: 'gomod-dependency-downgraded',
        kind: 'gomod',
        level: 'warning',
        reason: 'an older dependency can bring back fixed bugs, and importers requiring the newer one still get it'
    },
    {
        id: 'gomod-dependency-removed',
        kind: 'gomod',
        level: 'warning',
        reason: 'code or importers that relied on the requirement must resolve it another way'
    },
    {
        id: 'gomod-dependency-upgraded',
        kind: 'gomod',
        level: 'info',
        reason: 'a minor or patch upgrade is compatible by semantic import versioning'
    },
    {
        id: 'gomod-dependency-added',
        kind: 'gomod',
        level: 'info',
        reason: 'a new requirement breaks no build'
    },
    {
        id: 'gomod-indirect-dependencies-changed',
        kind: 'gomod',
        level: 'info',
        reason: 'indirect requirements follow from the direct ones; listed together'
    },
    {
        id: 'gomod-replace-local-path',
        kind: 'gomod',
        level: 'breaking',
        reason: 'a directory replacement exists only in this checkout: other builds cannot reproduce it'
    },
    {
        id: 'gomod-replace-added',
        kind: 'gomod',
        level: 'warning',
        reason: 'the module builds against other code than its requirement names; importers do not see the replacement'
    },
    {
        id: 'gomod-replace-changed',
        kind: 'gomod',
        level: 'warning',
        reason: 'the code a requirement resolves to changed'
    },
    {
        id: 'gomod-replace-removed',
        kind: 'gomod',
        level: 'info',
        reason: 'the requirement resolves to its published version again'
    },
    {
        id: 'gomod-exclude-added',
        kind: 'gomod',
        level: 'warning',
        reason: 'version selection changes when this is the main module'
    },
    {
        id: 'gomod-exclude-removed',
        kind: 'gomod',
        level: 'info',
        reason: 'an excluded version may be selected again'
    },
    {
        id: 'gomod-retract-added',
        kind: 'gomod',
        level: 'warning',
        reason: 'importers on a retracted version are told to move off it; check the range and the rationale'
    },
    {
        id: 'gomod-retract-removed',
        kind: 'gomod',
        level: 'info',
        reason: 'versions are no longer retracted'
    },
    {
        id: 'dependency-api-break',
        kind: 'gomod',
        level: 'breaking',
        reason: 'the upgraded dependency changed, incompatibly, an object this module uses: the call site no longer compiles or changes meaning (--dependency-impact)'
    },
    {
        id: 'dependency-api-changes-unused',
        kind: 'gomod',
        level: 'info',
        reason: 'the upgraded dependency has incompatible API changes, but this module uses none of the objects they touch (--dependency-impact)'
    },
    {
        id: 'dependency-release-notes',
        kind: 'gomod',
        level: 'info',
        reason: "behaviour changes an API diff cannot see: the upgraded dependency's own release notes between the two versions (--dependency-impact)"
    },
    {
        id: 'dependency-version-retracted',
        kind: 'gomod',
        level: 'warning',
        reason: 'the authors retracted the version the upgrade moves to: the go command warns about it and will not select it by default (--dependency-impact)'
    },
    {
        id: 'dependency-unavailable',
        kind: 'gomod',
        level: 'warning',
        reason: 'a version of an upgraded dependency could not be downloaded or read, so what the upgrade breaks is unknown (--dependency-impact)'
    },
    {
        id: 'dependency-impact-skipped',
        kind: 'gomod',
        level: 'info',
        reason: 'requirements changed but their calls were not looked for: no Go code beside the base go.mod, or an engine without the Go toolchain (--dependency-impact)'
    }
];
function goModRule(id) {
    const rule = goModRules.find((r) => r.id === id);
    if (!rule)
        throw new Error(`unknown go.mod rule ${id}`);
    return rule;
}

/** Go assumes this language version for a main module whose go.mod has no go line. */
const implicitGoVersion = '1.16';
/** The most indirect changes named one by one in the collapsed finding. */
const indirectListed = 20;
/** Compares two go.mod files the way a dependency review reads them: old → new, with lines. */
function diffGoMod(base, head, where) {
    const files = where ?? { baseFile: base.file, headFile: head.file };
    const changes = [];
    const add = (id, message, subject, at, release = releaseByRule[id]) => {
        const rule = goModRule(id);
        const baseSide = at.side === 'head' && at.baseLine ? { baseFile: files.baseFile, baseLine: at.baseLine } : {};
        changes.push({
            kind: 'gomod',
            id,
            level: rule.level,
            message,
            operation: null,
            symbol: null,
            file: at.side === 'base' ? files.baseFile : files.headFile,
            line: at.line,
            ignored: false,
            fingerprint: fingerprintOf({ kind: 'gomod', id, subject }),
            release,
            ...baseSide
        });
    };
    const head_ = (line, baseLine) => ({
        side: 'head',
        line: line ?? null,
        baseLine: baseLine ?? null
    });
    const base_ = (line) => ({ side: 'base', line: line ?? null });
    compareModule(base, head, add, head_);
    compareGo(base, head, add, head_, base_);
    compareGodebug(base, head, add, head_, base_);
    compareRequirements$1(base, head, add, head_, base_);
    compareReplacements(base, head, add, head_, base_);
    const excludeKey = (e) => `${e.path} ${e.version}`;
    const baseExcludes = new Map(base.exclude.map((e) => [excludeKey(e), e]));
    const headExcludes = new Map(head.exclude.map((e) => [excludeKey(e), e]));
    for (const [key, e] of headExcludes) {
        if (!baseExcludes.has(key))
            add('gomod-exclude-added', `exclude ${key}: added`, key, head_(e.line));
    }
    for (const [key, e] of baseExcludes) {
        if (!headExcludes.has(key))
            add('gomod-exclude-removed', `exclude ${key}: removed`, key, base_(e.line));
    }
    const retractKey = (r) => r.low === r.high ? r.low : `[${r.low}, ${r.high}]`;
    const baseRetracts = new Map(base.retract.map((r) => [retractKey(r), r]));
    const headRetracts = new Map(head.retract.map((r) => [retractKey(r), r]));
    for (const [key, r] of headRetracts) {
        if (baseRetracts.has(key))
            continue;
        const why = r.rationale ? ` (rationale: ${r.rationale})` : ' (no rationale given)';
        add('gomod-retract-added', `retract ${key}: added${why}`, key, head_(r.line));
    }
    for (const [key, r] of baseRetracts) {
        if (!headRetracts.has(key))
            add('gomod-retract-removed', `retract ${key}: removed`, key, base_(r.line));
    }
    return changes;
}
function compareModule(base, head, add, headAt) {
    const from = base.module?.path;
    const to = head.module?.path;
    if (from && to && from !== to) {
        const a = splitMajorSuffix(from);
        const b = splitMajorSuffix(to);
        if (a.prefix === b.prefix) {
            add('gomod-module-major-version-changed', `module path: ${from} → ${to} (major version v${a.major ?? 1} → v${b.major ?? 1}; importers must change their import paths)`, to, headAt(head.module?.line));
        }
        else {
            add('gomod-module-path-changed', `module path: ${from} → ${to} (every importer must change its imports)`, to, headAt(head.module?.line));
        }
    }
    if (head.module?.deprecated && head.module.deprecated !== base.module?.deprecated) {
        add('gomod-module-deprecated', `module ${to}: deprecated: ${head.module.deprecated}`, to ?? '', headAt(head.module.line));
    }
}
function compareGo(base, head, add, headAt, baseAt) {
    const from = base.go?.version;
    const to = head.go?.version;
    if (from !== to) {
        const cmp = compareGoDirectives(to ?? implicitGoVersion, from ?? implicitGoVersion);
        const label = (v) => v ?? `(none, so ${implicitGoVersion})`;
        if (cmp > 0) {
            add('gomod-go-version-raised', `go directive: ${label(from)} → ${label(to)} (builds need Go ${to ?? implicitGoVersion} or newer)`, 'go', headAt(head.go?.line, base.go?.line));
        }
        else if (cmp < 0 || (!to && from)) {
            add('gomod-go-version-lowered', `go directive: ${label(from)} → ${label(to)}`, 'go', to ? headAt(head.go?.line, base.go?.line) : baseAt(base.go?.line));
        }
    }
    const tcFrom = base.toolchain?.name;
    const tcTo = head.toolchain?.name;
    if (tcFrom !== tcTo) {
        add('gomod-toolchain-changed', `toolchain: ${tcFrom ?? '(none)'} → ${tcTo ?? '(none)'}`, 'toolchain', tcTo ? headAt(head.toolchain?.line, base.toolchain?.line) : baseAt(base.toolchain?.line));
    }
}
function compareGodebug(base, head, add, headAt, baseAt) {
    const b = new Map(base.godebug.map((g) => [g.key, g]));
    const h = new Map(head.godebug.map((g) => [g.key, g]));
    for (const [key, g] of h) {
        const old = b.get(key);
        if (!old)
            add('gomod-godebug-changed', `godebug ${key}=${g.value}: added`, key, headAt(g.line));
        else if (old.value !== g.value) {
            add('gomod-godebug-changed', `godebug ${key}: ${old.value} → ${g.value}`, key, headAt(g.line, old.line));
        }
    }
    for (const [key, g] of b) {
        if (!h.has(key))
            add('gomod-godebug-changed', `godebug ${key}=${g.value}: removed`, key, baseAt(g.line));
    }
}
function compareRequirements$1(base, head, add, headAt, baseAt) {
    const b = new Map(base.require.map((r) => [r.path, r]));
    const h = new Map(head.require.map((r) => [r.path, r]));
    const indirect = [];
    const onlyIndirect = (...rs) => rs.every((r) => !r || r.indirect);
    const consumed = new Set();
    for (const [p, old] of b) {
        const neu = h.get(p);
        if (neu) {
            if (neu.version === old.version) {
                if (neu.indirect !== old.indirect) {
                    indirect.push({
                        text: `${p} ${neu.version}: now ${neu.indirect ? 'indirect' : 'direct'}`,
                        line: neu.line
                    });
                }
                continue;
            }
            const cmp = compareModuleVersions(neu.version, old.version);
            const text = `${p}: ${old.version} → ${neu.version}`;
            if (onlyIndirect(old, neu)) {
                indirect.push({
                    text: cmp < 0 ? `${text} (downgrade)` : text,
                    line: neu.line,
                    patch: cmp > 0 && isPatchUpgrade(old.version, neu.version)
                });
            }
            else if (cmp < 0) {
                add('gomod-dependency-downgraded', `${text} (downgrade)`, p, headAt(neu.line, old.line));
            }
            else if (majorOf(neu.version) !== majorOf(old.version)) {
                add('gomod-dependency-major-bumped', `${text} (new major version)`, p, headAt(neu.line, old.line));
            }
            else {
                const patch = isPatchUpgrade(old.version, neu.version);
                add('gomod-dependency-upgraded', text, p, headAt(neu.line, old.line), patch ? 'patch' : 'minor');
            }
            continue;
        }
        const successor = majorSuccessor(p, b, h);
        if (successor) {
            consumed.add(successor.path);
            const text = `${p} → ${successor.path}: ${old.version} → ${successor.version}`;
            if (onlyIndirect(old, successor))
                indirect.push({ text, line: successor.line });
            else
                add('gomod-dependency-major-bumped', `${text} (new major version)`, p, headAt(successor.line, old.line));
            continue;
        }
        if (old.indirect)
            indirect.push({ text: `${p} ${old.version}: removed`, line: old.line });
        else
            add('gomod-dependency-removed', `${p} ${old.version}: removed`, p, baseAt(old.line));
    }
    for (const [p, neu] of h) {
        if (b.has(p) || consumed.has(p))
            continue;
        if (neu.indirect)
            indirect.push({ text: `${p} ${neu.version}: added`, line: neu.line });
        else
            add('gomod-dependency-added', `${p} ${neu.version}: added`, p, headAt(neu.line));
    }
    if (indirect.length > 0) {
        const listed = indirect.slice(0, indirectListed).map((c) => c.text);
        const more = indirect.length > indirectListed ? `; and ${indirect.length - indirectListed} more` : '';
        add('gomod-indirect-dependencies-changed', `${indirect.length} indirect ${indirect.length === 1 ? 'dependency' : 'dependencies'} changed: ${listed.join('; ')}${more}`, indirect
            .map((c) => c.text)
            .sort()
            .join('\n'), headAt(indirect[0].line), indirect.every((c) => c.patch) ? 'patch' : 'minor');
    }
}
/** The same module under a higher major path (`x/v2` → `x/v3`, `x` → `x/v2`), new in head. */
function majorSuccessor(p, base, head) {
    const { prefix, major } = splitMajorSuffix(p);
    let best;
    for (const [q, r] of head) {
        if (base.has(q))
            continue;
        const other = splitMajorSuffix(q);
        if (other.prefix !== prefix || (other.major ?? 1) <= (major ?? 1))
            continue;
        if (!best || (splitMajorSuffix(best.path).major ?? 1) < (other.major ?? 1))
            best = r;
    }
    return best;
}
function compareReplacements(base, head, add, headAt, baseAt) {
    const key = (r) => (r.old.version ? `${r.old.path} ${r.old.version}` : r.old.path);
    const target = (r) => (r.new.version ? `${r.new.path} ${r.new.version}` : r.new.path);
    const b = new Map(base.replace.map((r) => [key(r), r]));
    const h = new Map(head.replace.map((r) => [key(r), r]));
    const localNote = ' (a local directory: builds outside this checkout cannot use it)';
    for (const [k, r] of h) {
        const old = b.get(k);
        if (!old) {
            if (r.local)
                add('gomod-replace-local-path', `replace ${k} => ${target(r)}: added${localNote}`, k, headAt(r.line));
            else
                add('gomod-replace-added', `replace ${k} => ${target(r)}: added`, k, headAt(r.line));
        }
        else if (target(old) !== target(r)) {
            const text = `replace ${k}: ${target(old)} → ${target(r)}`;
            if (r.local)
                add('gomod-replace-local-path', `${text}${localNote}`, k, headAt(r.line, old.line));
            else
                add('gomod-replace-changed', text, k, headAt(r.line, old.line));
        }
    }
    for (const [k, r] of b) {
        if (!h.has(k))
            add('gomod-replace-removed', `replace ${k} => ${target(r)}: removed`, k, baseAt(r.line));
    }
}

const removals = new Set([
    'object-removed',
    'method-removed',
    'field-removed'
]);
class MessageSet {
    entries = new Map();
    add(obj, part, id, compatible, text, at, detail) {
        let parts = this.entries.get(obj.display);
        if (!parts) {
            parts = new Map();
            this.entries.set(obj.display, parts);
        }
        const symbol = part.startsWith(',') ? obj.display + part : dotjoin(obj.display, part);
        const position = at ?? (!removals.has(id) && obj.counterpart ? obj.counterpart : obj.position);
        const message = { id, compatible, symbol, text, position };
        if (obj.position.side === 'old' && position.side === 'new')
            message.basePosition = obj.position;
        if (detail)
            message.detail = detail;
        // apidiff keeps one message per object and part; a type that stopped implementing two
        // interfaces keeps one of them at random (Go map order). Both are kept here.
        parts.set(detail ? `${part}\u0000${detail}` : part, message);
    }
    collect() {
        const all = [...this.entries.values()].flatMap((parts) => [...parts.values()]);
        return all.sort((a, b) => compareStrings(messageOf(a), messageOf(b)));
    }
}
/** The message exactly as apidiff prints it. */
function messageOf(m) {
    return `${m.symbol}: ${m.text}`;
}
function dotjoin(a, b) {
    if (a === '')
        return b;
    if (b === '')
        return a;
    return `${a}.${b}`;
}
function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * apidiff's correspondence.go: whether old and new types are identical except for defined types,
 * which must correspond (established on first sight, checked for compatibility then). The
 * message helpers of apidiff.go's differ live here too, as every part of the differ uses them.
 */
class Correspondence {
    old;
    neu;
    /** Old defined type (by key) -> the new type it corresponds to. */
    correspondMap = new Map();
    incompatibles = new MessageSet();
    compatibles = new MessageSet();
    constructor(old, neu) {
        this.old = old;
        this.neu = neu;
    }
    incompatible(obj, part, id, text, at) {
        this.incompatibles.add(obj, part, id, false, text, at);
    }
    compatible(obj, part, id, text, at) {
        this.compatibles.add(obj, part, id, true, text, at);
    }
    node(pkg, id) {
        const n = pkg.dump.types[id];
        if (!n)
            throw new Error(`type ${id} missing from the dump of ${pkg.dump.path}`);
        return n;
    }
    named(pkg, key) {
        return pkg.dump.named[key] ?? undefined;
    }
    objectOf(pkg, o, counterpart) {
        const obj = { display: o.name, position: { side: pkg.side, file: o.file, line: o.line } };
        if (counterpart) {
            obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line };
        }
        return obj;
    }
    typeNameObj(pkg, key, counterpart) {
        const n = this.named(pkg, key);
        const name = n?.name ?? key.slice(key.lastIndexOf('.') + 1);
        const obj = { display: name, position: { side: pkg.side, file: n?.file, line: n?.line } };
        if (counterpart?.local) {
            obj.counterpart = { side: 'new', file: counterpart.file, line: counterpart.line };
        }
        return obj;
    }
    methodObj(pkg, m) {
        return {
            display: packagePrefix(m.pkg ?? pkg.dump.path, pkg.dump.path) + m.display,
            position: { side: pkg.side, file: m.file, line: m.line }
        };
    }
    checkCorrespondence(obj, part, oldT, newT, at) {
        if (!this.correspond(oldT, newT))
            this.typeChanged(obj, part, oldT, newT, at);
    }
    typeChanged(obj, part, oldT, newT, at) {
        const olds = this.node(this.old, oldT).s;
        const news = this.node(this.neu, newT).s;
        this.incompatible(obj, part, 'type-changed', `changed from ${olds} to ${news}`, at);
    }
    correspond(oldT, newT) {
        return this.corr(oldT, newT, null);
    }
    /** Whether old and new are identical except for defined types, which must correspond. */
    corr(oldT, newT, p) {
        const o = this.node(this.old, oldT);
        const n = this.node(this.neu, newT);
        switch (o.k) {
            case 'basic':
                return n.k === 'basic' && o.kind === n.kind;
            case 'array':
                return n.k === 'array' && this.corr(o.elem, n.elem, p) && o.len === n.len;
            case 'slice':
                return n.k === 'slice' && this.corr(o.elem, n.elem, p);
            case 'map':
                return n.k === 'map' && this.corr(o.mapKey, n.mapKey, p) && this.corr(o.elem, n.elem, p);
            case 'chan':
                return n.k === 'chan' && this.corr(o.elem, n.elem, p) && (o.dir ?? 0) === (n.dir ?? 0);
            case 'pointer':
                return n.k === 'pointer' && this.corr(o.elem, n.elem, p);
            case 'signature': {
                if (n.k !== 'signature')
                    return false;
                const pe = this.corrTuple(o.params ?? [], n.params ?? [], p);
                const re = this.corrTuple(o.results ?? [], n.results ?? [], p);
                return Boolean(o.variadic) === Boolean(n.variadic) && pe && re;
            }
            case 'tuple':
                return n.k === 'tuple' && this.corrTuple(o.params ?? [], n.params ?? [], p);
            case 'struct': {
                if (n.k !== 'struct')
                    return false;
                for (let i = 0; i < o.fields.length; i++) {
                    const of = o.fields[i];
                    const nf = n.fields[i];
                    if (!nf)
                        return false;
                    if (Boolean(of.embedded) !== Boolean(nf.embedded) ||
                        (of.tag ?? '') !== (nf.tag ?? '') ||
                        !this.corr(of.type, nf.type, p) ||
                        !this.corrFieldNames(of, nf)) {
                        return false;
                    }
                }
                return o.fields.length === n.fields.length;
            }
            case 'interface': {
                if (n.k !== 'interface')
                    return false;
                const q = { x: oldT, y: newT, prev: p };
                for (let r = p; r !== null; r = r.prev) {
                    if ((r.x === q.x && r.y === q.y) || (r.x === q.y && r.y === q.x))
                        return true;
                }
                const oldms = this.sortedMethods(o);
                const newms = this.sortedMethods(n);
                for (let i = 0; i < oldms.length; i++) {
                    const om = oldms[i];
                    const nm = newms[i];
                    if (!nm)
                        return false;
                    if (this.methodID(om) !== this.methodID(nm) || !this.corr(om.sig, nm.sig, q))
                        return false;
                }
                return o.methods.length === n.methods.length;
            }
            case 'named':
                if (n.k === 'named' || n.k === 'basic')
                    return this.establishCorrespondence(o, newT);
                return false;
            case 'typeparam':
                return n.k === 'typeparam' && o.index === n.index;
            case 'invalid':
                // "unknown type from <import>" on both sides: nothing to compare (the dump warns).
                return n.k === 'invalid' && o.s === n.s;
            default:
                return false;
        }
    }
    corrTuple(oldTs, newTs, p) {
        for (let i = 0; i < oldTs.length; i++) {
            const nt = newTs[i];
            if (nt === undefined || !this.corr(oldTs[i], nt, p))
                return false;
        }
        return oldTs.length === newTs.length;
    }
    /** Field names match; unexported embedded fields only need their types to correspond. */
    corrFieldNames(of, nf) {
        if (of.embedded && nf.embedded && !of.exported && !nf.exported) {
            const on = this.node(this.old, of.type);
            if (on.k === 'named') {
                const nn = this.node(this.neu, nf.type);
                return nn.k === 'named' && this.establishCorrespondence(on, nf.type);
            }
        }
        return of.name === nf.name;
    }
    sortedMethods(iface) {
        return [...iface.methods].sort((a, b) => compareStrings(this.methodID(a), this.methodID(b)));
    }
    /** Unexported methods of the two compared packages match by name; others by package and name. */
    methodID(m) {
        if (m.pkg === this.old.dump.path || m.pkg === this.neu.dump.path)
            return m.name;
        return m.exported ? m.name : `${m.pkg ?? '_'}.${m.name}`;
    }
    /**
     * apidiff (2024 on): types of other packages correspond only when their package paths and
     * names match; an instance corresponds when its origin and its type arguments do.
     */
    establishCorrespondence(old, newT) {
        const mapKey = old.inst ?? old.key;
        const c = this.correspondMap.get(mapKey);
        if (c !== undefined)
            return identical(this.neu, c, this.neu, newT);
        const n = this.node(this.neu, newT);
        const oldOrigin = this.named(this.old, old.key);
        switch (n.k) {
            case 'named': {
                const oldPkg = oldOrigin?.pkg ?? packageOfKey(old.key);
                const newPkg = this.named(this.neu, n.key)?.pkg ?? packageOfKey(n.key);
                if (oldPkg !== this.old.dump.path || newPkg !== this.neu.dump.path) {
                    return old.name === n.name && oldPkg === newPkg;
                }
                if (old.args?.length) {
                    if (!n.args?.length)
                        return false;
                    const newOrigin = this.originNode(this.neu, n);
                    if (!this.establishCorrespondence({ ...old, inst: undefined, args: undefined }, newOrigin))
                        return false;
                    if (!this.typeListsCorrespond(old.args, n.args))
                        return false;
                }
                else if (!this.typeParamListsCorrespond(oldOrigin?.typeParams ?? [], n.args?.length ? [] : (this.named(this.neu, n.key)?.typeParams ?? []))) {
                    return false;
                }
                break;
            }
            case 'basic':
                if ((oldOrigin?.pkg ?? packageOfKey(old.key)) !== this.old.dump.path)
                    return false;
                break;
            default:
                return false;
        }
        this.correspondMap.set(mapKey, newT);
        const oldNamed = this.named(this.old, mapKey);
        if (oldNamed)
            this.checkCompatibleDefined(mapKey, oldNamed, newT);
        return true;
    }
    /** The node of a generic type's origin, added to the (copied) table when the API never names it. */
    originNode(pkg, instance) {
        const found = pkg.dump.types.findIndex((t) => t.k === 'named' && t.key === instance.key && !t.args?.length);
        if (found >= 0)
            return found;
        pkg.dump.types.push({ k: 'named', s: instance.name, key: instance.key, name: instance.name });
        return pkg.dump.types.length - 1;
    }
    typeListsCorrespond(olds, news) {
        if (olds.length !== news.length)
            return false;
        return olds.every((o, i) => this.correspond(o, news[i]));
    }
    /** Same length, and the constraints of the type parameters correspond. */
    typeParamListsCorrespond(olds, news) {
        if (olds.length !== news.length)
            return false;
        return olds.every((o, i) => {
            const on = this.node(this.old, o);
            const nn = this.node(this.neu, news[i]);
            if (on.k !== 'typeparam' || nn.k !== 'typeparam')
                return false;
            if (on.constraint === undefined || nn.constraint === undefined) {
                return on.constraint === nn.constraint;
            }
            return this.correspond(on.constraint, nn.constraint);
        });
    }
}
function packageOfKey(key) {
    const i = key.lastIndexOf('.');
    return i < 0 ? '' : key.slice(0, i);
}
function identicalNodes(pa, a, pb, b) {
    const ia = pa.dump.types.indexOf(a);
    const ib = pb.dump.types.indexOf(b);
    return identical(pa, ia, pb, ib);
}
/**
 * go/types.Identical over dump nodes. Types declared in the compared packages are never
 * identical across the two versions (they are different declarations); others are by name.
 */
function identical(pa, a, pb, b, seen = new Set()) {
    if (pa === pb && a === b)
        return true;
    const x = pa.dump.types[a];
    const y = pb.dump.types[b];
    if (!x || !y || x.k !== y.k)
        return false;
    const same = (i, j) => identical(pa, i, pb, j, seen);
    const sameList = (xs = [], ys = []) => xs.length === ys.length && xs.every((t, i) => same(t, ys[i]));
    switch (x.k) {
        case 'basic':
            return x.kind === y.kind;
        case 'named': {
            const yn = y;
            if (x.key !== yn.key)
                return false;
            if (pa !== pb) {
                const xpkg = pa.dump.named[x.key]?.pkg ?? packageOfKey(x.key);
                if (xpkg === pa.dump.path || xpkg === pb.dump.path)
                    return false;
            }
            return sameList(x.args, yn.args);
        }
        case 'pointer':
        case 'slice':
            return same(x.elem, y.elem);
        case 'array':
            return x.len === y.len && same(x.elem, y.elem);
        case 'map':
            return same(x.mapKey, y.mapKey) && same(x.elem, y.elem);
        case 'chan':
            return (x.dir ?? 0) === (y.dir ?? 0) && same(x.elem, y.elem);
        case 'signature': {
            const ys = y;
            return (Boolean(x.variadic) === Boolean(ys.variadic) &&
                (x.typeParams?.length ?? 0) === (ys.typeParams?.length ?? 0) &&
                sameList(x.params, ys.params) &&
                sameList(x.results, ys.results));
        }
        case 'tuple':
            return sameList(x.params, y.params);
        case 'struct': {
            const ys = y;
            return (x.fields.length === ys.fields.length &&
                x.fields.every((f, i) => {
                    const g = ys.fields[i];
                    return (f.name === g.name &&
                        Boolean(f.embedded) === Boolean(g.embedded) &&
                        (f.tag ?? '') === (g.tag ?? '') &&
                        same(f.type, g.type));
                }));
        }
        case 'interface': {
            const key = `${pa.side}${a}:${pb.side}${b}`;
            if (seen.has(key))
                return true;
            seen.add(key);
            const yi = y;
            const id = (m) => (m.exported ? m.name : `${m.pkg ?? '_'}.${m.name}`);
            const xm = [...x.methods].sort((m, n) => compareStrings(id(m), id(n)));
            const ym = [...yi.methods].sort((m, n) => compareStrings(id(m), id(n)));
            const typeTerms = (p, ids = []) => ids.filter((t) => {
                const n = p.dump.types[t];
                return n !== undefined && (n.k !== 'named' || n.key === 'comparable');
            });
            const xt = typeTerms(pa, x.embeddeds);
            const yt = typeTerms(pb, yi.embeddeds);
            return (xm.length === ym.length &&
                xm.every((m, i) => id(m) === id(ym[i]) && identical(pa, m.sig, pb, ym[i].sig, seen)) &&
                xt.length === yt.length &&
                xt.every((t, i) => identical(pa, t, pb, yt[i], seen)));
        }
        case 'typeparam':
            return false;
        case 'invalid':
            return x.s === y.s;
        case 'union': {
            const yu = y;
            const xs = x.terms ?? [];
            const ys = yu.terms ?? [];
            return (xs.length === ys.length &&
                xs.every((t, i) => Boolean(t.tilde) === Boolean(ys[i].tilde) && same(t.type, ys[i].type)));
        }
        default:
            return false;
    }
}
/**
 * apidiff's objectString prefix: nothing for an object of the compared package (the root), `./sub.`
 * for one of a package below it, the full import path otherwise (a method promoted from an
 * embedded type of another package: `sync.(*RWMutex).RLock`, `io.Closer.Close`).
 */
function packagePrefix(objPkg, root) {
    if (objPkg === root)
        return '';
    if (objPkg.startsWith(`${root}/`))
        return `./${objPkg.slice(root.length + 1)}.`;
    return `${objPkg}.`;
}

/** apidiff's compatibility.go: what may change in a defined type that corresponds. */
class Compatibility extends Correspondence {
    underlyingOfNew(id) {
        const n = this.node(this.neu, id);
        if (n.k !== 'named')
            return id;
        return this.named(this.neu, n.inst ?? n.key)?.underlying ?? null;
    }
    checkCompatibleDefined(otnKey, old, newT) {
        const newU = this.underlyingOfNew(newT);
        if (old.underlying === null || newU === null)
            return;
        const n = this.node(this.neu, newT);
        const newNamed = n.k === 'named' ? this.named(this.neu, n.inst ?? n.key) : undefined;
        const otn = this.typeNameObj(this.old, otnKey, newNamed);
        this.checkCompatible(otnKey, otn, old.underlying, newU);
        const ou = this.node(this.old, old.underlying);
        const nu = this.node(this.neu, newU);
        if (ou.k !== nu.k)
            return;
        if (ou.k === 'interface')
            return;
        const newPtrMethods = newNamed?.ptrMethods ?? [];
        // apidiff (golang/exp b88d891f on) reports a promoted method that left both method sets
        // once, from *T.
        const newPtrNames = new Set(newPtrMethods.map((m) => m.name));
        const leftPtrSet = new Set(old.ptrMethods.filter((m) => !newPtrNames.has(m.name)).map((m) => m.name));
        this.checkMethodSet(otnKey, old.name, old.methods, newNamed?.methods ?? [], true, leftPtrSet);
        this.checkMethodSet(otnKey, `*${old.name}`, old.ptrMethods, newPtrMethods, true);
    }
    checkCompatible(otnKey, otn, oldT, newT) {
        const o = this.node(this.old, oldT);
        const n = this.node(this.neu, newT);
        switch (o.k) {
            case 'interface':
                if (n.k === 'interface')
                    return this.checkCompatibleInterface(otnKey, otn, o, n);
                break;
            case 'struct':
                if (n.k === 'struct')
                    return this.checkCompatibleStruct(otn, o, n);
                break;
            case 'chan':
                if (n.k === 'chan')
                    return this.checkCompatibleChan(otn, o, n);
                break;
            case 'basic':
                if (n.k === 'basic')
                    return this.checkCompatibleBasic(otn, o, n, oldT, newT);
                break;
            default:
                return this.checkCorrespondence(otn, '', oldT, newT);
        }
        this.typeChanged(otn, '', oldT, newT);
    }
    checkCompatibleChan(otn, o, n) {
        this.checkCorrespondence(otn, ', element type', o.elem, n.elem);
        const od = o.dir ?? 0;
        const nd = n.dir ?? 0;
        if (od !== nd) {
            if (nd === 0)
                this.compatible(otn, '', 'chan-direction-removed', 'removed direction');
            else
                this.incompatible(otn, '', 'chan-direction-changed', 'changed direction');
        }
    }
    checkCompatibleBasic(otn, o, n, oldT, newT) {
        if (o.kind === n.kind)
            return;
        if (compatibleBasics.has(`${o.kind}>${n.kind}`)) {
            this.compatible(otn, '', 'numeric-type-widened', `changed from ${o.name} to ${n.name}`);
        }
        else {
            this.typeChanged(otn, '', oldT, newT);
        }
    }
    checkCompatibleInterface(otnKey, otn, o, n) {
        const name = this.named(this.old, otnKey)?.name ?? otn.display;
        if (o.methods.some((m) => !m.exported)) {
            this.checkMethodSet(otnKey, name, exported(o.methods), exported(n.methods), true);
        }
        else {
            this.checkMethodSet(otnKey, name, exported(o.methods), exported(n.methods), false);
            const u = n.methods.find((m) => !m.exported);
            if (u) {
                this.incompatible(otn, u.name, 'interface-unexported-method-added', 'added unexported method', {
                    side: 'new',
                    file: u.file,
                    line: u.line
                });
            }
        }
    }
    checkCompatibleStruct(obj, o, n) {
        this.checkCompatibleObjectSets(obj, exportedFields(o), exportedFields(n));
        this.checkCompatibleObjectSets(obj, this.exportedSelectableFields(this.old, o), this.exportedSelectableFields(this.neu, n));
        if (o.comparable && !n.comparable) {
            this.incompatible(obj, '', 'struct-no-longer-comparable', 'old is comparable, new is not');
        }
    }
    /** Exported fields including those of embedded structs, breadth-first (shallower shadows deeper). */
    exportedSelectableFields(pkg, s) {
        const m = new Map();
        const seen = [];
        let cur = [s];
        while (cur.length > 0) {
            const next = [];
            seen.push(...cur);
            for (const [name, f] of unambiguousFields(cur)) {
                if (f.exported && !m.has(name))
                    m.set(name, f);
                if (!f.embedded)
                    continue;
                let t = this.underlying(pkg, f.type);
                if (t !== null) {
                    const tn = this.node(pkg, t);
                    if (tn.k === 'pointer')
                        t = this.underlying(pkg, tn.elem);
                }
                if (t === null)
                    continue;
                const st = this.node(pkg, t);
                if (st.k === 'struct' && !seen.some((x) => x === st || identicalNodes(pkg, x, pkg, st))) {
                    next.push(st);
                }
            }
            cur = next;
        }
        return m;
    }
    underlying(pkg, id) {
        const n = this.node(pkg, id);
        if (n.k !== 'named')
            return id;
        return this.named(pkg, n.inst ?? n.key)?.underlying ?? null;
    }
    checkCompatibleObjectSets(obj, olds, news) {
        for (const [name, oldf] of olds) {
            const newf = news.get(name);
            if (!newf) {
                this.incompatible(obj, name, 'field-removed', 'removed', {
                    side: 'old',
                    file: oldf.file,
                    line: oldf.line
                });
            }
            else {
                // Same message key (the object's name), but the field's own lines on both sides.
                const field = {
                    display: obj.display,
                    position: { side: 'old', file: oldf.file, line: oldf.line }
                };
                this.checkCorrespondence(field, name, oldf.type, newf.type, {
                    side: 'new',
                    file: newf.file,
                    line: newf.line
                });
            }
        }
        for (const [name, newf] of news) {
            if (!olds.has(name)) {
                this.compatible(obj, name, 'field-added', 'added', {
                    side: 'new',
                    file: newf.file,
                    line: newf.line
                });
            }
        }
    }
    checkMethodSet(otnKey, msname, oldMethods, newMethods, additionsCompatible, reportedFromPointerSet = new Set()) {
        const newByName = new Map(newMethods.map((m) => [m.name, m]));
        const oldByName = new Map(oldMethods.map((m) => [m.name, m]));
        for (const oldMethod of oldMethods) {
            const newMethod = newByName.get(oldMethod.name);
            if (!newMethod) {
                // A method promoted from an embedded type is reported per method set it left, but only
                // once (from *T) when it left both T's and *T's. apidiff skips it in T's method set
                // whatever *T's says, and so never reports a promoted method that left only T's (a value
                // method that became a pointer method of an embedded type) nor one that left an
                // interface through an embedded interface: when that embedded type is unexported, the
                // break is reported nowhere else. Those are kept here.
                const promoted = oldMethod.recv !== undefined && oldMethod.recv !== otnKey;
                if (promoted && reportedFromPointerSet.has(oldMethod.name))
                    continue;
                const part = promoted ? `, method set of ${msname}` : '';
                this.incompatible(this.methodObj(this.old, oldMethod), part, 'method-removed', 'removed');
            }
            else {
                // A value method that became a pointer method is reported on the new method, so both
                // the value and the pointer method set findings survive.
                const obj = !oldMethod.ptr && newMethod.ptr
                    ? this.methodObj(this.neu, newMethod)
                    : this.methodObj(this.old, oldMethod);
                this.checkCorrespondence(obj, '', oldMethod.sig, newMethod.sig, {
                    side: 'new',
                    file: newMethod.file,
                    line: newMethod.line
                });
            }
        }
        for (const newMethod of newMethods) {
            if (oldByName.has(newMethod.name))
                continue;
            const obj = this.methodObj(this.neu, newMethod);
            if (additionsCompatible)
                this.compatible(obj, '', 'method-added', 'added');
            else
                this.incompatible(obj, '', 'interface-method-added', 'added');
        }
    }
}
const compatibleBasics = new Set([
    ['uint8', 'uint16'],
    ['uint8', 'uint32'],
    ['uint8', 'uint'],
    ['uint8', 'uint64'],
    ['uint16', 'uint32'],
    ['uint16', 'uint'],
    ['uint16', 'uint64'],
    ['uint32', 'uint'],
    ['uint32', 'uint64'],
    ['uint', 'uint64'],
    ['int8', 'int16'],
    ['int8', 'int32'],
    ['int8', 'int'],
    ['int8', 'int64'],
    ['int16', 'int32'],
    ['int16', 'int'],
    ['int16', 'int64'],
    ['int32', 'int'],
    ['int32', 'int64'],
    ['int', 'int64'],
    ['float32', 'float64'],
    ['complex64', 'complex128']
].map(([a, b]) => `${a}>${b}`));
function exported(methods) {
    return methods.filter((m) => m.exported);
}
function exportedFields(s) {
    return new Map(s.fields.filter((f) => f.exported).map((f) => [f.name, f]));
}
/** Among structs at one depth, the fields whose names appear exactly once. */
function unambiguousFields(structs) {
    const fields = new Map();
    const seen = new Set();
    for (const s of structs) {
        for (const f of s.fields) {
            if (seen.has(f.name))
                fields.delete(f.name);
            else {
                seen.add(f.name);
                fields.set(f.name, f);
            }
        }
    }
    return fields;
}

/** Compares two versions of a package the way apidiff.Changes does. */
function diffPackage(oldPkg, newPkg) {
    // Type tables are copied: origins of generic types may be added while comparing.
    const d = new Differ({ dump: { ...oldPkg, types: [...oldPkg.types] }, side: 'old' }, { dump: { ...newPkg, types: [...newPkg.types] }, side: 'new' });
    d.checkPackage();
    return [...d.incompatibles.collect(), ...d.compatibles.collect()];
}
class Differ extends Compatibility {
    checkPackage() {
        const newObjects = new Map(this.neu.dump.objects.map((o) => [o.name, o]));
        const oldNames = new Set(this.old.dump.objects.map((o) => o.name));
        // Types with the same name correspond first, before aliases could pair them otherwise
        // ("T: changed from T to T"); aliases of instances would pair A[int] with A[T].
        for (const oldObj of [...this.old.dump.objects].sort((a, b) => compareStrings(a.name, b.name))) {
            if (oldObj.kind !== 'type')
                continue;
            const t = this.node(this.old, oldObj.type);
            if (t.k !== 'named' || !/^\p{Lu}/u.test(t.name) || (oldObj.alias && t.args?.length))
                continue;
            const newObj = newObjects.get(t.name);
            if (newObj)
                this.checkObjects(oldObj, newObj);
        }
        for (const oldObj of [...this.old.dump.objects].sort((a, b) => compareStrings(a.name, b.name))) {
            const newObj = newObjects.get(oldObj.name);
            if (!newObj) {
                this.incompatible(this.objectOf(this.old, oldObj), '', 'object-removed', 'removed');
                continue;
            }
            this.checkObjects(oldObj, newObj);
        }
        for (const newObj of this.neu.dump.objects) {
            if (!oldNames.has(newObj.name)) {
                this.compatible(this.objectOf(this.neu, newObj), '', 'object-added', 'added');
            }
        }
        this.checkSatisfaction();
    }
    /** Every old type that implemented an old interface must implement its new counterpart. */
    checkSatisfaction() {
        for (const [otn1, nt1] of this.correspondMap) {
            const oldIface = this.named(this.old, otn1);
            if (!oldIface || oldIface.underlying === null)
                continue;
            if (this.node(this.old, oldIface.underlying).k !== 'interface')
                continue;
            const newIface = this.newInterfaceOf(nt1);
            if (!newIface)
                continue;
            for (const [otn2, nt2] of this.correspondMap) {
                if (otn1 === otn2)
                    continue;
                const implementer = this.named(this.old, otn2);
                if (!implementer?.local || !implementer.implements?.includes(otn1))
                    continue;
                if (!this.newImplements(nt2, newIface)) {
                    const n2 = this.node(this.neu, nt2);
                    const counterpart = n2.k === 'named' ? this.named(this.neu, n2.key) : undefined;
                    this.incompatibles.add(this.typeNameObj(this.old, otn2, counterpart), '', 'no-longer-implements', false, `no longer implements ${oldIface.name}`, undefined, oldIface.name);
                }
            }
        }
    }
    newInterfaceOf(id) {
        const n = this.node(this.neu, id);
        if (n.k !== 'named')
            return undefined;
        const named = this.named(this.neu, n.inst ?? n.key);
        if (!named || named.underlying === null)
            return undefined;
        const u = this.node(this.neu, named.underlying);
        return u.k === 'interface' ? { key: n.key, iface: u } : undefined;
    }
    newImplements(id, target) {
        const n = this.node(this.neu, id);
        if (n.k === 'named') {
            if (n.key === target.key)
                return true;
            const named = this.named(this.neu, n.key);
            if (!named?.local)
                return true;
            if ((named.typeParams?.length ?? 0) > 0)
                return true;
            return named.implements?.includes(target.key) ?? false;
        }
        return target.iface.methods.length === 0;
    }
    checkObjects(oldObj, newObj) {
        const obj = this.objectOf(this.old, oldObj, newObj);
        switch (oldObj.kind) {
            case 'const':
                if (newObj.kind === 'const')
                    return this.constChanges(obj, oldObj, newObj);
                break;
            case 'var':
                if (newObj.kind === 'var')
                    return this.checkCorrespondence(obj, '', oldObj.type, newObj.type);
                break;
            case 'func':
                if (newObj.kind === 'func') {
                    this.checkTypeParameters(obj, oldObj, newObj);
                    return this.checkCorrespondence(obj, '', oldObj.type, newObj.type);
                }
                if (newObj.kind === 'var') {
                    this.compatible(obj, '', 'func-became-var', 'changed from func to var');
                    return this.checkCorrespondence(obj, '', oldObj.type, newObj.type);
                }
                break;
            case 'type':
                if (newObj.kind === 'type')
                    return this.checkCorrespondence(obj, '', oldObj.type, newObj.type);
                break;
        }
        this.incompatible(obj, '', 'object-kind-changed', `changed from ${oldObj.kind} to ${newObj.kind}`, this.objectOf(this.neu, newObj).position);
    }
    /**
     * Not in apidiff (it compares generic signatures without their type parameters): a generic
     * function whose type parameters or constraints changed may no longer accept its callers'
     * type arguments. A person should look, since loosening a constraint is compatible.
     */
    checkTypeParameters(obj, oldObj, newObj) {
        const list = (pkg, id) => {
            const sig = this.node(pkg, id);
            if (sig.k !== 'signature' || !sig.typeParams?.length)
                return '';
            const params = sig.typeParams.map((t) => {
                const tp = this.node(pkg, t);
                if (tp.k !== 'typeparam')
                    return tp.s;
                return `${tp.name} ${tp.constraint === undefined ? 'any' : this.node(pkg, tp.constraint).s}`;
            });
            return `[${params.join(', ')}]`;
        };
        const from = list(this.old, oldObj.type);
        const to = list(this.neu, newObj.type);
        if (from === to || from === '' || to === '')
            return;
        this.incompatible(obj, ', type parameters', 'type-parameters-changed', `changed from ${from} to ${to}`, this.objectOf(this.neu, newObj).position);
    }
    constChanges(obj, oldObj, newObj) {
        if (!this.correspond(oldObj.type, newObj.type)) {
            this.typeChanged(obj, '', oldObj.type, newObj.type);
            return;
        }
        if (oldObj.exact !== newObj.exact) {
            this.incompatible(obj, '', 'const-value-changed', `value changed from ${oldObj.value ?? ''} to ${newObj.value ?? ''}`, this.objectOf(this.neu, newObj).position);
        }
    }
}

/**
 * No Go toolchain on PATH to build the API dumper. The contract-check job catches this to skip
 * the Go check with a warning annotation (or to fail, when configured to).
 */
class GoToolchainMissingError extends InputError {
    detail;
    constructor(
    /** What was wrong with the toolchain: not found, too old to build the dumper. */
    detail) {
        super(`The Go contract check needs a Go toolchain on PATH (${detail}); install Go (for example with actions/setup-go) or remove the 'go' contract from the configuration.`);
        this.detail = detail;
        this.name = 'GoToolchainMissingError';
    }
}
/**
 * The Go source does not type-check. The message is one line naming the first error's
 * file:line; `errors` holds every error the dumper listed (it stops after ten).
 */
class GoSourceError extends InputError {
    dir;
    errors;
    constructor(dir, detail) {
        const errors = detail
            .split('\n')
            .map((line) => line.trimEnd())
            .filter((line) => /^\S+:\d+:\d+: /.test(line));
        const first = errors[0] ?? detail.split('\n')[0] ?? detail;
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        super(`${dir}: the Go code does not type-check, so its API cannot be compared; fix ${first}${more}`);
        this.dir = dir;
        this.name = 'GoSourceError';
        this.errors = errors.length > 0 ? errors : [detail];
    }
}

/** The scope when nothing is set: direct requirements (issue 12). */
const defaultDependencyImpactScope = 'direct';
function settingOf(settings) {
    return settings?.dependencyImpact ?? settings?.['dependency-impact'];
}
/** Whether `dependency-impact` was set (a flag, an input, the contract), not left to the default. */
function dependencyImpactSet(settings) {
    const value = settingOf(settings);
    return value !== undefined && value !== null;
}
/**
 * Reads `dependency-impact` / `dependencyImpact` settings: true = direct, false = off; unset =
 * direct (the default).
 */
function dependencyImpactScope(settings) {
    const value = settingOf(settings);
    if (value === undefined || value === null)
        return defaultDependencyImpactScope;
    if (value === false || value === 'off')
        return 'off';
    if (value === true || value === 'direct' || value === 'on')
        return 'direct';
    if (value === 'all')
        return 'all';
    throw new InputError(`dependency-impact (a gomod contract's setting in .rollback-guard.yml, or --dependency-impact) must be direct, all or off (or true/false), got '${String(value)}'.`);
}
function sourceOf(mod, req, modDir) {
    const rep = mod.replace.find((r) => r.old.path === req.path && r.old.version === req.version) ??
        mod.replace.find((r) => r.old.path === req.path && !r.old.version);
    if (!rep)
        return { kind: 'download', path: req.path, version: req.version };
    if (rep.local)
        return { kind: 'directory', path: req.path, dir: path.resolve(modDir, rep.new.path) };
    return { kind: 'download', path: rep.new.path, version: rep.new.version ?? req.version };
}
function labelOf(s) {
    return s.kind === 'download' ? s.version : s.dir;
}
function sameSource(a, b) {
    return a.kind === 'download' && b.kind === 'download'
        ? a.path === b.path && a.version === b.version
        : a.kind === 'directory' && b.kind === 'directory' && a.dir === b.dir;
}
/**
 * The requirements whose source changes from base to head: same path with another version or
 * replacement, or a /vN path change (`lib/v2` → `lib/v3`), which is followed to the new path.
 */
function changedDependencies(base, head, dirs, scope) {
    if (scope === 'off')
        return [];
    const wanted = (r) => scope === 'all' || !r.indirect;
    const baseReqs = new Map(base.require.map((r) => [r.path, r]));
    const headPaths = new Set(head.require.map((r) => r.path));
    const out = [];
    for (const req of head.require) {
        if (!wanted(req))
            continue;
        let old = baseReqs.get(req.path);
        let major = false;
        if (!old) {
            const { prefix } = splitMajorSuffix(req.path);
            old = base.require.find((r) => !headPaths.has(r.path) && splitMajorSuffix(r.path).prefix === prefix);
            major = old !== undefined;
        }
        if (!old)
            continue;
        const from = sourceOf(base, old, dirs.baseDir);
        const to = sourceOf(head, req, dirs.headDir);
        if (sameSource(from, to))
            continue;
        out.push({
            basePath: old.path,
            headPath: req.path,
            from,
            to,
            fromLabel: labelOf(from),
            toLabel: labelOf(to),
            line: req.line,
            indirect: req.indirect,
            major
        });
    }
    return out.sort((a, b) => (a.headPath < b.headPath ? -1 : a.headPath > b.headPath ? 1 : 0));
}
/**
 * Diffs the API of every changed dependency and matches its incompatible changes with the uses
 * in the base code: used ones are breaking at the call site, the rest one info per dependency,
 * and a version that cannot be obtained is a warning (never a silent pass).
 */
async function assessDependencyImpact(deps, port, options) {
    const budget = new WorkBudget({
        label: options.label,
        maxSeconds: options.maxSeconds,
        progress: options.log
    });
    // Past the budget the go processes still running are stopped, not left behind.
    const stop = new AbortController();
    try {
        return await assess(deps, port, options, budget, stop.signal);
    }
    finally {
        stop.abort();
    }
}
async function assess(deps, port, options, budget, signal) {
    const changes = [];
    const dumps = new Map();
    // Downloads wait on the network more than on the CPU: a few at a time, in order.
    const sources = deps.flatMap((d) => [
        { dep: d, source: d.from, label: d.fromLabel },
        { dep: d, source: d.to, label: d.toLabel }
    ]);
    const results = [];
    // The target versions' retractions, looked up beside the downloads and awaited in order below.
    const retractions = new Map();
    let next = 0;
    // Without a network each download waits for its own timeout: after the first one that failed
    // on the network, the rest are not tried (each is still reported as unavailable).
    let offline = null;
    const worker = async () => {
        while (next < sources.length) {
            const i = next++;
            const { dep, label, source } = sources[i];
            budget.at(`${dep.headPath} ${label}`, () => `${Math.floor(i / 2)}/${deps.length} dependencies`);
            if (offline !== null && source.kind === 'download') {
                results[i] = Promise.resolve({
                    ok: false,
                    reason: `not downloaded: an earlier download failed on the network (${offline})`
                });
                continue;
            }
            const target = source === dep.to;
            results[i] = port.dump(source, options.log, signal, target);
            const result = await budget.within(results[i]);
            if (!result.ok && source.kind === 'download' && networkFailure.test(result.reason))
                offline ??= result.reason;
            if (target && result.ok && dep.to.kind === 'download' && port.retractions) {
                const lookup = port.retractions(dep.to.path, dep.to.version, signal);
                // Awaited below only when both versions were read; never an unhandled rejection.
                lookup.catch(() => undefined);
                retractions.set(dep, lookup);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(dependencyConcurrency, sources.length) }, worker));
    for (const [index, dep] of deps.entries()) {
        budget.at(`${dep.headPath} ${dep.fromLabel} → ${dep.toLabel}`);
        const base = await results[index * 2];
        const head = await results[index * 2 + 1];
        if (!base.ok || !head.ok) {
            const failed = !base.ok ? base : head;
            const which = !base.ok ? dep.fromLabel : dep.toLabel;
            changes.push(finding$1('dependency-unavailable', {
                dependency: upgradeOf(dep),
                message: `${upgradeOf(dep)}: ${which} could not be read, so what the upgrade breaks is unknown: ${failed.reason}; ${unavailableHint}`,
                subject: `${dep.headPath}\u0000${which}`,
                symbol: null,
                file: options.headFile,
                line: dep.line
            }));
            continue;
        }
        dumps.set(dep, { base: base.dump, head: head.dump });
        const retraction = retractions.get(dep);
        if (retraction && dep.to.kind === 'download') {
            budget.at(`the retractions of ${dep.to.path}`);
            const r = await budget.within(retraction);
            if (!r.ok)
                options.log?.(`${upgradeOf(dep)}: whether ${dep.toLabel} is retracted is unknown: ${r.reason}`);
            else if (r.rationales.length > 0) {
                changes.push(finding$1('dependency-version-retracted', {
                    dependency: upgradeOf(dep),
                    message: `${upgradeOf(dep)}: ${dep.toLabel} is retracted by its authors (${r.rationales.map((x) => x || 'no rationale given').join('; ')}); upgrade to a version that is not`,
                    subject: `${dep.headPath}\u0000retracted\u0000${dep.toLabel}`,
                    symbol: null,
                    file: options.headFile,
                    line: dep.line
                }));
            }
        }
        if (head.notes) {
            const excerpt = releaseNotesExcerpt(head.notes.text, dep.fromLabel, dep.toLabel);
            if (excerpt) {
                changes.push(finding$1('dependency-release-notes', {
                    dependency: upgradeOf(dep),
                    message: `${upgradeOf(dep)}: ${head.notes.file} says: ${excerpt}`,
                    subject: `${dep.headPath}\u0000notes`,
                    symbol: null,
                    file: options.headFile,
                    line: dep.line
                }));
            }
        }
    }
    if (dumps.size === 0)
        return changes;
    let uses = { uses: [], warnings: [], errors: [] };
    let hasCode = options.hasCode;
    if (hasCode) {
        budget.at(`the uses of ${dumps.size} dependencies in ${options.label}`);
        try {
            uses = await budget.within(port.uses(options.baseDir, options.log, signal));
        }
        catch (error) {
            if (!(error instanceof InputError) || error instanceof GoToolchainMissingError)
                throw error;
            // The API diffs still stand; which calls they reach is unknown, and said so once.
            hasCode = false;
            changes.push(finding$1('dependency-unavailable', {
                message: `${options.label}: the uses of the upgraded dependencies in the base code could not be listed, so the call sites they break are unknown: ${messageOf$1(error)}`,
                subject: `${options.headFile}\u0000uses`,
                symbol: null,
                file: options.headFile,
                line: null
            }));
        }
        // Usually stand-ins for dependencies that are not downloaded; the uses of the upgraded ones,
        // which are, still resolve. Said in the log, as the Go check does.
        if (uses.errors.length > 0) {
            options.log?.(`${options.label}: ${uses.errors.length} type error(s) in the base code, e.g. ${uses.errors.slice(0, 3).join('; ')}`);
        }
    }
    else {
        options.log?.(`${options.label}: no Go code beside the base go.mod, so the dependencies' changes are not matched with call sites`);
    }
    for (const [dep, { base, head }] of dumps) {
        budget.at(`the API diff of ${dep.headPath}`);
        const incompatibles = incompatibleChanges(dep, base, head);
        const unresolved = uses.warnings.filter((w) => {
            const m = /^import "([^"]+)" could not be resolved/.exec(w);
            return m && (m[1] === dep.basePath || m[1].startsWith(`${dep.basePath}/`));
        });
        if (hasCode && unresolved.length > 0) {
            changes.push(finding$1('dependency-unavailable', {
                dependency: upgradeOf(dep),
                message: `${upgradeOf(dep)}: the base code could not be type-checked against ${dep.fromLabel} (${unresolved.join('; ')}), so its uses are incomplete`,
                subject: `${dep.basePath}\u0000uses`,
                symbol: null,
                file: options.headFile,
                line: dep.line
            }));
        }
        const depUses = uses.uses.filter((u) => u.pkg === dep.basePath || u.pkg.startsWith(`${dep.basePath}/`));
        const used = new Set();
        for (const use of depUses) {
            budget.tick();
            for (const inc of incompatibles) {
                if (inc.pkg !== use.pkg || !touches(inc.symbol, use.symbol))
                    continue;
                used.add(inc);
                const file = toPosix$3(path.relative(options.baseRoot, path.join(options.baseDir, ...use.file.split('/'))));
                const what = inc.symbol === '' ? inc.text : `${inc.display}: ${inc.text}`;
                const pkgLabel = use.pkg === dep.basePath ? '' : `package ${use.pkg}: `;
                const majorNote = dep.major
                    ? ` (a new major version at ${dep.headPath}: check that this call site was moved to it)`
                    : '';
                const c = finding$1('dependency-api-break', {
                    dependency: upgradeOf(dep),
                    message: `${upgradeOf(dep)}: ${pkgLabel}${what}; used here as ${use.symbol}${majorNote}`,
                    subject: `${dep.basePath}\u0000${use.pkg}\u0000${inc.display}\u0000${inc.text}\u0000${use.file}\u0000${use.symbol}`,
                    symbol: inc.display || use.symbol,
                    file,
                    line: use.line
                });
                // The call site is in the base code.
                c.side = 'base';
                if (dep.major)
                    c.level = 'warning';
                changes.push(c);
            }
        }
        const unused = incompatibles.filter((i) => !used.has(i));
        if (unused.length > 0) {
            const first = unused[0];
            const example = first.symbol === '' ? first.text : `${first.display}: ${first.text}`;
            const none = used.size === 0 ? 'none used here' : 'not used here';
            changes.push(finding$1('dependency-api-changes-unused', {
                dependency: upgradeOf(dep),
                message: `${upgradeOf(dep)}: ${unused.length} ${used.size === 0 ? '' : 'more '}incompatible change${unused.length === 1 ? '' : 's'}, ${hasCode ? none : 'no code here to check'} (e.g. ${example})`,
                subject: `${dep.headPath}\u0000unused`,
                symbol: null,
                file: options.headFile,
                line: dep.line
            }));
        }
    }
    return changes;
}
/** How a dependency-unavailable finding can be resolved, or the check turned off. */
const unavailableHint = 'if it should be downloadable, check GOPROXY, GOPRIVATE and GOFLAGS, or turn the check off with `dependency-impact: off` (--dependency-impact off)';
/** What the go command says when the network, not the module, is the problem. */
const networkFailure = /dial tcp|no such host|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|Client\.Timeout exceeded|temporary failure in name resolution/i;
/** How many module versions are downloaded and dumped at once. */
const dependencyConcurrency = 4;
/** The most of a release-notes excerpt shown in a finding. */
const notesLimit = 600;
/**
 * The part of a changelog between the heading of version `to` and the heading of `from` (what
 * changed in between, as the authors wrote it), on one line; null when `to` has no heading.
 */
function releaseNotesExcerpt(text, from, to) {
    const lines = text.split(/\r?\n/);
    const bare = (v) => v.replace(/^v/, '').replace(/[.+]/g, '\\$&');
    const headingOf = (v) => new RegExp(`(?:^|[^\\w.])v?${bare(v)}(?![\\w.-])`);
    const isHeading = (i) => /^#{1,6}\s/.test(lines[i]) || /^(=+|-+)\s*$/.test(lines[i + 1] ?? '');
    const toRe = headingOf(to);
    const start = lines.findIndex((l, i) => isHeading(i) && toRe.test(l.replace(/^#+\s*/, '')));
    if (start < 0)
        return null;
    const fromRe = headingOf(from);
    let end = lines.findIndex((l, i) => i > start && isHeading(i) && fromRe.test(l.replace(/^#+\s*/, '')));
    if (end < 0)
        end = Math.min(lines.length, start + 40);
    const body = lines
        .slice(start + 1, end)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^(=+|-+)$/.test(l))
        .join(' ');
    if (body === '')
        return null;
    return body.length > notesLimit ? `${body.slice(0, notesLimit)}…` : body;
}
/** `example.com/lib v1.4.0 → v1.5.0` (the new path too when it changed). */
function upgradeOf(dep) {
    const to = dep.headPath === dep.basePath ? dep.toLabel : `${dep.headPath} ${dep.toLabel}`;
    return `${dep.basePath} ${dep.fromLabel} → ${to}`;
}
/** apidiff's incompatible changes between two versions of a module, package by package. */
function incompatibleChanges(dep, base, head) {
    const out = [];
    const headByDir = new Map(head.packages.map((p) => [p.dir, p]));
    for (const oldPkg of base.packages) {
        const pkg = importPathIn(dep.basePath, oldPkg);
        const newPkg = headByDir.get(oldPkg.dir);
        if (!newPkg) {
            out.push({ pkg, symbol: '', display: '', text: `package ${pkg} removed` });
            continue;
        }
        for (const m of diffPackage(oldPkg, newPkg)) {
            if (m.compatible)
                continue;
            const display = m.symbol.split(',')[0];
            out.push({
                pkg,
                symbol: plainSymbol(display),
                display,
                text: messageOf(m).slice(m.symbol.length + 2)
            });
        }
    }
    return out;
}
/** The base import path of a dumped package (its folder below the module root). */
function importPathIn(modulePath, pkg) {
    return pkg.dir === '.' || pkg.dir === '' ? modulePath : `${modulePath}/${pkg.dir}`;
}
/** `(*T).M` → `T.M`. */
function plainSymbol(s) {
    return s.replace(/^\(\*([^)]+)\)/, '$1');
}
/** Whether a change to `changed` reaches a use of `used` (the object itself or one of its members). */
function touches(changed, used) {
    return changed === '' || used === changed || used.startsWith(`${changed}.`);
}
/** A gomod finding; `symbol` null and `dependency` absent are as good as not given. */
function finding$1(id, c) {
    return {
        kind: 'gomod',
        id,
        level: goModRule(id).level,
        message: c.message,
        operation: null,
        symbol: c.symbol,
        file: c.file,
        line: c.line,
        ignored: false,
        fingerprint: fingerprintOf({ kind: 'gomod', id, symbol: c.symbol, subject: c.subject }),
        release: releaseByRule[id],
        ...(c.dependency ? { dependency: c.dependency } : {})
    };
}
function toPosix$3(p) {
    return p.split(path.sep).join('/');
}

/** Parses go.mod text; `file` names it in errors. Unknown directives and a missing module are refused. */
function parseGoMod(text, file) {
    const mod = {
        file,
        module: null,
        go: null,
        toolchain: null,
        godebug: [],
        require: [],
        replace: [],
        exclude: [],
        retract: []
    };
    const fail = (line, what) => {
        throw new InputError(`${file}:${line}: ${what}; fix go.mod (go mod edit -fmt shows the expected form).`);
    };
    const lines = lex(text, file);
    for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l.tokens.length === 0)
            continue;
        const verb = l.tokens[0].text;
        const rest = l.tokens.slice(1);
        if (rest.length === 1 && rest[0].text === '(' && !rest[0].quoted) {
            let j = i + 1;
            for (; j < lines.length; j++) {
                const entry = lines[j];
                if (entry.tokens.length === 1 && entry.tokens[0].text === ')' && !entry.tokens[0].quoted)
                    break;
                if (entry.tokens.length === 0)
                    continue;
                directive(mod, verb, { ...entry, before: [...(j === i + 1 ? l.before : []), ...entry.before] }, entry.tokens, fail);
            }
            if (j === lines.length)
                fail(l.line, `the ${verb} block is not closed with ')'`);
            i = j;
            continue;
        }
        directive(mod, verb, l, rest, fail);
    }
    if (!mod.module)
        fail(1, "no 'module' directive (an empty or truncated go.mod)");
    return mod;
}
function directive(mod, verb, l, args, fail) {
    const words = args.map((t) => t.text);
    switch (verb) {
        case 'module': {
            if (words.length !== 1)
                fail(l.line, 'module needs exactly one module path');
            const deprecated = [...l.before, l.comment]
                .map((c) => /^\s*Deprecated:\s*(.*)$/.exec(c)?.[1])
                .find((c) => c !== undefined);
            mod.module = { path: words[0], line: l.line, deprecated: deprecated ?? null };
            return;
        }
        case 'go':
            if (words.length !== 1 || !/^\d+(\.\d+)*((rc|beta)\d+)?$/.test(words[0])) {
                fail(l.line, `'go ${words.join(' ')}' is not a Go version such as 1.22 or 1.22.3`);
            }
            mod.go = { version: words[0], line: l.line };
            return;
        case 'toolchain':
            if (words.length !== 1)
                fail(l.line, 'toolchain needs exactly one name such as go1.22.3');
            mod.toolchain = { name: words[0], line: l.line };
            return;
        case 'godebug': {
            const text = words.join(' ');
            const m = /^([^\s=]+)=(\S*)$/.exec(text);
            if (!m)
                fail(l.line, `'godebug ${text}' is not key=value`);
            mod.godebug.push({ key: m[1], value: m[2], line: l.line });
            return;
        }
        case 'require': {
            if (words.length !== 2)
                fail(l.line, 'a requirement is a module path and a version');
            if (!isModuleVersion(words[1]))
                fail(l.line, `'${words[1]}' is not a module version such as v1.2.3`);
            mod.require.push({
                path: words[0],
                version: words[1],
                indirect: /^\s*indirect\s*(;|$)/.test(l.comment),
                line: l.line
            });
            return;
        }
        case 'exclude':
            if (words.length !== 2)
                fail(l.line, 'exclude needs a module path and a version');
            mod.exclude.push({ path: words[0], version: words[1], line: l.line });
            return;
        case 'replace': {
            const arrow = words.indexOf('=>');
            if (arrow < 1 || arrow > 2 || words.length - arrow - 1 < 1 || words.length - arrow - 1 > 2) {
                fail(l.line, "replace is 'path [version] => path [version]'");
            }
            const target = { path: words[arrow + 1], version: words[arrow + 2] ?? null };
            mod.replace.push({
                old: { path: words[0], version: arrow === 2 ? words[1] : null },
                new: target,
                local: target.version === null && isDirectoryPath(target.path),
                line: l.line
            });
            return;
        }
        case 'retract': {
            const text = words.join(' ');
            const range = /^\[\s*([^\s,]+)\s*,\s*([^\s\]]+)\s*\]$/.exec(text);
            const low = range ? range[1] : words[0];
            const high = range ? range[2] : words[0];
            if (!low || !high || (!range && words.length !== 1))
                fail(l.line, "retract is 'version' or '[low, high]'");
            const rationale = [...l.before, l.comment]
                .map((c) => c.trim())
                .filter(Boolean)
                .join(' ');
            mod.retract.push({ low: low, high: high, rationale, line: l.line });
            return;
        }
        case 'tool':
        case 'ignore':
            // they do not change what we compare
            return;
        default:
            // The go command refuses an unknown directive too ("unknown directive"): a typo, not a feature.
            fail(l.line, `unknown directive '${verb}' (known: module, go, toolchain, godebug, require, replace, exclude, retract, tool, ignore); if a newer Go added it, update rollback-guard`);
    }
}
/** Like modfile.IsDirectoryPath: ./x, ../x, /x, and Windows paths. */
function isDirectoryPath(p) {
    return (p === '.' ||
        p === '..' ||
        p.startsWith('./') ||
        p.startsWith('../') ||
        p.startsWith('/') ||
        p.startsWith('.\\') ||
        p.startsWith('..\\') ||
        /^[A-Za-z]:[\\/]/.test(p));
}
/** A Go interpreted string literal; one JSON cannot read (a control character) names its line. */
function unquote(literal, file, line) {
    try {
        return JSON.parse(literal);
    }
    catch {
        throw new InputError(`${file}:${line}: the quoted string ${literal.slice(0, 40)} is not valid; fix go.mod.`);
    }
}
/** Splits go.mod into lines of tokens, with end-of-line and preceding comments. */
function lex(text, file) {
    const out = [];
    let pending = [];
    const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    for (let n = 0; n < rawLines.length; n++) {
        const raw = rawLines[n];
        const tokens = [];
        let comment = '';
        let i = 0;
        while (i < raw.length) {
            const c = raw[i];
            if (c === ' ' || c === '\t') {
                i++;
            }
            else if (raw.startsWith('//', i)) {
                comment = raw.slice(i + 2);
                break;
            }
            else if (c === '"' || c === '`') {
                let j = i + 1;
                while (j < raw.length && raw[j] !== c)
                    j += c === '"' && raw[j] === '\\' ? 2 : 1;
                if (j >= raw.length) {
                    throw new InputError(`${file}:${n + 1}: unterminated quoted string; fix go.mod.`);
                }
                const literal = raw.slice(i, j + 1);
                tokens.push({
                    text: c === '"' ? unquote(literal, file, n + 1) : literal.slice(1, -1),
                    quoted: true
                });
                i = j + 1;
            }
            else if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
                tokens.push({ text: c, quoted: false });
                i++;
            }
            else if (raw.startsWith('=>', i)) {
                tokens.push({ text: '=>', quoted: false });
                i += 2;
            }
            else {
                let j = i;
                while (j < raw.length &&
                    !' \t()[],"`'.includes(raw[j]) &&
                    !raw.startsWith('//', j) &&
                    !raw.startsWith('=>', j))
                    j++;
                tokens.push({ text: raw.slice(i, j), quoted: false });
                i = j;
            }
        }
        if (tokens.length === 0) {
            if (comment || raw.trim().startsWith('//'))
                pending.push(comment);
            else
                pending = [];
            out.push({ tokens, comment, before: [], line: n + 1 });
            continue;
        }
        out.push({ tokens: joinRetractRange(tokens), comment, before: pending, line: n + 1 });
        pending = [];
    }
    return out;
}
/** `[v1.0.0, v1.0.5]` stays one argument's worth of tokens for retract. */
function joinRetractRange(tokens) {
    const open = tokens.findIndex((t) => t.text === '[' && !t.quoted);
    if (open < 0)
        return tokens;
    const close = tokens.findIndex((t, i) => i > open && t.text === ']' && !t.quoted);
    if (close < 0)
        return tokens;
    const inner = tokens
        .slice(open + 1, close)
        .map((t) => t.text)
        .join(' ')
        .replace(/\s*,\s*/, ', ');
    return [
        ...tokens.slice(0, open),
        { text: `[${inner}]`, quoted: false },
        ...tokens.slice(close + 1)
    ];
}

/**
 * go.mod dependency changes. The paths are two go.mod files, or two directories: then every
 * go.mod under them (a multi-module repository) is compared with its counterpart. With a
 * dependency-impact port and the `dependencyImpact` setting on (direct by default), the API of
 * every upgraded dependency is diffed too and matched with the module's uses of it (impact.ts).
 */
function createGoModEngine(impact) {
    return {
        kind: 'gomod',
        rules: goModRules,
        diff: (basePath, headPath, options) => diffGoModPaths(basePath, headPath, options, impact)
    };
}
/**
 * The pure engine: go.mod lines only (the commands add the dependency-impact port); an upgrade
 * it cannot assess is one info note, unless dependency impact is turned off.
 */
const goModEngine = createGoModEngine();
async function diffGoModPaths(basePath, headPath, options, impact) {
    const baseAbs = path.resolve(options.baseRoot, basePath);
    const headAbs = path.resolve(options.headRoot, headPath);
    const [baseIsDir, headIsDir] = await Promise.all([
        isDirectory(baseAbs, 'base'),
        isDirectory(headAbs, 'head')
    ]);
    if (!baseIsDir && !headIsDir)
        return diffFiles$1(baseAbs, headAbs, options, impact);
    if (baseIsDir !== headIsDir) {
        throw new InputError(`gomod: compare a go.mod file with a go.mod file, or a directory with a directory (${basePath}, ${headPath}).`);
    }
    const { pairs, added, removed } = await goModPairs(baseAbs, headAbs);
    for (const rel of added)
        options.log?.(`gomod: ${rel} is new; nothing to compare it with`);
    const changes = [];
    for (const [baseFile, headFile] of pairs) {
        changes.push(...(await diffFiles$1(baseFile, headFile, options, impact)));
    }
    for (const rel of removed)
        options.log?.(`gomod: ${rel} was removed`);
    return changes;
}
/**
 * The go.mod files under two directories: the base and head file of each module on both sides
 * (in order), and the modules only the head or only the base has (relative paths).
 */
async function goModPairs(baseAbs, headAbs) {
    const [baseMods, headMods] = await Promise.all([findGoMods(baseAbs), findGoMods(headAbs)]);
    return {
        pairs: headMods
            .filter((rel) => baseMods.includes(rel))
            .map((rel) => [path.join(baseAbs, rel), path.join(headAbs, rel)]),
        added: headMods.filter((rel) => !baseMods.includes(rel)),
        removed: baseMods.filter((rel) => !headMods.includes(rel))
    };
}
async function diffFiles$1(baseFile, headFile, options, impact) {
    const relBase = toPosix$2(path.relative(options.baseRoot, baseFile));
    const relHead = toPosix$2(path.relative(options.headRoot, headFile));
    const base = await loadGoMod(baseFile, relBase);
    const head = await loadGoMod(headFile, relHead);
    const changes = diffGoMod(base, head, { baseFile: relBase, headFile: relHead });
    const scope = dependencyImpactScope(options.settings);
    if (scope === 'off')
        return changes;
    const asked = dependencyImpactSet(options.settings);
    const baseDir = path.dirname(baseFile);
    const deps = changedDependencies(base, head, { baseDir, headDir: path.dirname(headFile) }, scope);
    // No requirement changed: nothing to download, no go process.
    if (deps.length === 0)
        return changes;
    if (!impact) {
        if (asked) {
            throw new InputError(`gomod: dependency impact needs the Go toolchain, which this engine was built without; use the rollback-guard CLI or action, or turn dependency-impact off.`);
        }
        return [
            ...changes,
            impactSkipped(deps.length, relHead, 'this engine has no Go toolchain (use createRealGoModEngine, the CLI or the action)')
        ];
    }
    const hasCode = await hasGoCode(baseDir);
    // The default looks for the calls an upgrade breaks; with no code there are none to find, so
    // nothing is downloaded (asked for explicitly, the dependencies' API diffs are still summarised).
    if (!hasCode && !asked) {
        return [
            ...changes,
            impactSkipped(deps.length, relHead, `there is no Go code beside ${relBase} to find their call sites in (compare the go.mod files inside their modules' source, or set dependency-impact: direct to diff the dependencies' APIs anyway)`)
        ];
    }
    options.log?.(`gomod: diffing the API of ${deps.length} upgraded dependenc${deps.length === 1 ? 'y' : 'ies'} of ${relHead}`);
    let found;
    try {
        found = await assessDependencyImpact(deps, impact, {
            baseDir,
            baseRoot: options.baseRoot,
            headFile: relHead,
            hasCode,
            log: options.log,
            maxSeconds: options.maxSeconds,
            label: `dependency impact of ${relHead}`
        });
    }
    catch (error) {
        // Without Go the go.mod findings still stand; the unknown impact is said, not skipped.
        if (!(error instanceof GoToolchainMissingError) ||
            options.settings?.missingToolchain === 'fail')
            throw error;
        found = [toolchainMissing(deps.length, relHead, error.detail)];
    }
    return [...changes, ...found];
}
/** A finding about the whole go.mod (no line): what dependency impact could not do there. */
function toolchainMissing(count, headFile, detail) {
    return finding$1('dependency-unavailable', {
        message: `the API of ${count} upgraded dependenc${count === 1 ? 'y was' : 'ies were'} not compared, so what the upgrade breaks is unknown: no usable Go toolchain (${detail}); install Go 1.21 or newer (e.g. actions/setup-go), or turn the check off with \`dependency-impact: off\` (--dependency-impact off)`,
        subject: 'toolchain',
        symbol: null,
        file: headFile,
        line: null
    });
}
/** Like toolchainMissing: requirements changed, but their calls were not looked for. */
function impactSkipped(count, headFile, why) {
    return finding$1('dependency-impact-skipped', {
        message: `${count} upgraded dependenc${count === 1 ? 'y was' : 'ies were'} not checked against the calls this module makes: ${why}; \`dependency-impact: off\` drops this note`,
        subject: `skipped\u0000${headFile}`,
        symbol: null,
        file: headFile,
        line: null
    });
}
/** Whether dir (or a folder below it, outside vendor/testdata) holds .go files. */
async function hasGoCode(dir) {
    const walk = async (d) => {
        const entries = await readdir(d, { withFileTypes: true });
        for (const e of entries) {
            if (e.isFile() && e.name.endsWith('.go'))
                return true;
        }
        for (const e of entries) {
            if (!e.isDirectory() || skipped.has(e.name) || e.name.startsWith('.'))
                continue;
            if (await walk(path.join(d, e.name)))
                return true;
        }
        return false;
    };
    return walk(dir);
}
/**
 * Whether dependency impact has anything to assess between two go.mod files (or two directories
 * of them): a requirement in its scope changed. Unreadable input counts as a change; the diff
 * itself says what is wrong with it.
 */
async function upgradesRequirements(basePath, headPath, settings) {
    const scope = dependencyImpactScope(settings);
    if (scope === 'off')
        return false;
    try {
        const headIsDir = (await stat(headPath)).isDirectory();
        // Nothing at the base (a new contract or module): nothing was upgraded.
        if (!(await exists(basePath)))
            return false;
        const pairs = headIsDir
            ? (await goModPairs(basePath, headPath)).pairs
            : [[basePath, headPath]];
        for (const [baseFile, headFile] of pairs) {
            const [base, head] = await Promise.all([loadGoMod(baseFile), loadGoMod(headFile)]);
            const dirs = { baseDir: path.dirname(baseFile), headDir: path.dirname(headFile) };
            if (changedDependencies(base, head, dirs, scope).length > 0)
                return true;
        }
        return false;
    }
    catch {
        return true;
    }
}
async function exists(file) {
    try {
        await stat(file);
        return true;
    }
    catch {
        return false;
    }
}
/** Reads and parses one go.mod; `name` is how errors refer to it. */
async function loadGoMod(file, name = file) {
    let bytes;
    try {
        bytes = await readFile(file);
    }
    catch (error) {
        throw new InputError(`${name}: cannot read the go.mod file (${error.code ?? String(error)}); check the path.`);
    }
    let text;
    try {
        text = decodeUtf8(bytes);
    }
    catch {
        text = undefined;
    }
    if (text === undefined || text.includes('\u0000')) {
        throw new InputError(`${name}: not a go.mod text file (binary or not UTF-8); check the path.`);
    }
    return parseGoMod(text, name);
}
async function isDirectory(p, side) {
    try {
        return (await stat(p)).isDirectory();
    }
    catch {
        throw new InputError(`gomod: the ${side} path ${p} does not exist; pass a go.mod file or a directory.`);
    }
}
const skipped = new Set(['vendor', 'testdata', 'node_modules']);
/** go.mod files under dir (relative paths), as the go command sees modules: no vendor, testdata, _x, .x. */
async function findGoMods(dir) {
    const out = [];
    const walk = async (d) => {
        const entries = await readdir(d, { withFileTypes: true });
        for (const e of entries) {
            if (e.isDirectory()) {
                if (skipped.has(e.name) || e.name.startsWith('.') || e.name.startsWith('_'))
                    continue;
                await walk(path.join(d, e.name));
            }
            else if (e.name === 'go.mod') {
                out.push(toPosix$2(path.relative(dir, path.join(d, e.name))));
            }
        }
    };
    await walk(dir);
    return out.sort();
}
function toPosix$2(p) {
    return p.split(path.sep).join('/');
}

function parseSunset(value) {
    if (value === undefined || value === null || value === '')
        return { kind: 'none' };
    const raw = value instanceof Date ? value.toISOString() : String(value);
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/.exec(raw.trim());
    if (!m)
        return { kind: 'invalid', raw };
    const date = new Date(m[4] ? raw.trim() : `${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > 31)
        return { kind: 'invalid', raw };
    return { kind: 'date', date, raw };
}
const stabilityOrder = ['draft', 'alpha', 'beta', 'stable'];
/** Rank of an x-stability-level (higher is more stable); undefined when absent, -1 when not a known level. */
function stabilityRank(value) {
    if (value === undefined || value === null)
        return undefined;
    return stabilityOrder.indexOf(String(value));
}

/** Where a node of a loaded document came from; kept on the node itself under symbols (never serialized). */
const FILE = Symbol('openapi.file');
const LINE = Symbol('openapi.line');
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function locationOf(node) {
    if (typeof node !== 'object' || node === null)
        return undefined;
    const n = node;
    const file = n[FILE];
    const line = n[LINE];
    return file === undefined || line === undefined ? undefined : { file, line };
}
function setLocation(node, file, line) {
    const n = node;
    n[FILE] = file;
    n[LINE] = line;
}
/** Gives a node built by the loader (e.g. from Swagger 2.0) the location of the node it came from. */
function copyLocation(target, source) {
    const loc = locationOf(source);
    if (loc)
        setLocation(target, loc.file, loc.line);
    return target;
}

function removalLifecycle(base, now) {
    if (!isDeprecated(base))
        return { kind: 'not-deprecated' };
    const sunset = sunsetOf(base);
    if (sunset.kind === 'invalid')
        return { kind: 'sunset-invalid', raw: sunset.raw };
    if (sunset.kind === 'date' && sunset.date.getTime() > now.getTime())
        return { kind: 'before-sunset', sunset: sunset.raw };
    return { kind: 'after-deprecation' };
}
function lifecycleChange(base, head) {
    const was = isDeprecated(base);
    const is = isDeprecated(head);
    if (!was && is)
        return { kind: 'deprecated', sunset: sunsetOf(head) };
    if (was && !is)
        return { kind: 'reactivated' };
    if (!was || !is)
        return undefined;
    const sunsetB = sunsetOf(base);
    const sunsetH = sunsetOf(head);
    if (sunsetB.kind === 'invalid' || sunsetH.kind === 'invalid') {
        if (sunsetB.kind === 'invalid' && sunsetH.kind === 'invalid' && sunsetB.raw === sunsetH.raw)
            return undefined;
        const raw = sunsetH.kind === 'invalid' ? sunsetH.raw : sunsetB.raw;
        return { kind: 'sunset-invalid', raw };
    }
    if (sunsetB.kind === 'date' && sunsetH.kind === 'none')
        return { kind: 'sunset-deleted', was: sunsetB.raw };
    if (sunsetB.kind === 'date' &&
        sunsetH.kind === 'date' &&
        sunsetH.date.getTime() < sunsetB.date.getTime())
        return { kind: 'sunset-earlier', from: sunsetB.raw, to: sunsetH.raw };
    return undefined;
}
function isDeprecated(node) {
    return isObject(node) && node.deprecated === true;
}
function sunsetOf(node) {
    return parseSunset(isObject(node) ? node['x-sunset'] : undefined);
}

/** A removed operation: breaking unless it was deprecated and its sunset (if any) has passed. */
function reportRemovedOperation(env, reporter, b, wholePath) {
    const what = wholePath ? `path ${b.path} (${b.method.toUpperCase()})` : b.name;
    const at = { operation: b.name, subject: 'removed', at: b.op, side: 'base' };
    const removal = removalLifecycle(b.op, env.now);
    switch (removal.kind) {
        case 'not-deprecated':
            return void reporter.report({
                ...at,
                id: wholePath ? 'api-path-removed-without-deprecation' : 'api-removed-without-deprecation',
                message: `${what} was removed without being deprecated first`
            });
        case 'sunset-invalid':
            return void reporter.report({
                ...at,
                id: 'api-path-sunset-parse',
                message: `${what} was removed; its x-sunset '${removal.raw}' is not a date`
            });
        case 'before-sunset':
            return void reporter.report({
                ...at,
                id: wholePath ? 'api-path-removed-before-sunset' : 'api-removed-before-sunset',
                message: `${what} was removed before its sunset date ${removal.sunset}`
            });
        case 'after-deprecation':
            return void reporter.report({
                ...at,
                id: wholePath ? 'api-path-removed-with-deprecation' : 'api-removed-with-deprecation',
                message: `${what} was removed after its deprecation`
            });
    }
}
function reportAddedOperation(reporter, h) {
    reporter.report({
        id: 'endpoint-added',
        message: `${h.name} was added`,
        operation: h.name,
        subject: 'added',
        at: h.op,
        side: 'head'
    });
}
/** x-stability-level: decreasing is breaking, unknown values are flagged. Returns false when the level is invalid. */
function checkStability({ reporter, b, h }) {
    const lb = b.op['x-stability-level'];
    const lh = h.op['x-stability-level'];
    const rb = stabilityRank(lb);
    const rh = stabilityRank(lh);
    const at = { operation: h.name, at: h.op, side: 'head', other: b.op };
    if (rb === -1 || rh === -1) {
        const bad = rb === -1 ? lb : lh;
        reporter.report({
            ...at,
            id: 'api-invalid-stability-level',
            subject: 'stability',
            message: `${h.name} has an invalid x-stability-level '${String(bad)}' (use draft, alpha, beta or stable)`
        });
        return;
    }
    if (rb === undefined || rh === undefined || rb === rh)
        return;
    const down = rh < rb;
    reporter.report({
        ...at,
        id: down ? 'api-stability-decreased' : 'api-stability-increased',
        subject: 'stability',
        message: `${h.name} stability ${down ? 'decreased' : 'increased'} from ${String(lb)} to ${String(lh)}`
    });
}
/** deprecated flag and x-sunset of an operation. */
function checkDeprecation({ env, reporter, b, h }) {
    const at = { operation: h.name, at: h.op, side: 'head', other: b.op };
    const change = lifecycleChange(b.op, h.op);
    switch (change?.kind) {
        case undefined:
            return;
        case 'deprecated': {
            const sunset = change.sunset;
            if (sunset.kind === 'invalid')
                return void reporter.report({
                    ...at,
                    id: 'api-deprecated-sunset-parse',
                    subject: 'deprecated',
                    message: `${h.name} was deprecated with an x-sunset '${sunset.raw}' that is not a date`
                });
            if (sunset.kind === 'none')
                return void reporter.report({
                    ...at,
                    id: 'endpoint-deprecated',
                    subject: 'deprecated',
                    message: `${h.name} was deprecated`
                });
            reporter.report({
                ...at,
                id: 'endpoint-deprecated-with-sunset',
                subject: 'deprecated',
                message: `${h.name} was deprecated with sunset ${sunset.raw}`
            });
            if (sunset.date.getTime() < env.now.getTime())
                reporter.report({
                    ...at,
                    id: 'api-sunset-date-too-small',
                    subject: 'sunset',
                    message: `${h.name} was deprecated with a sunset date ${sunset.raw} already in the past`
                });
            return;
        }
        case 'reactivated':
            return void reporter.report({
                ...at,
                id: 'endpoint-reactivated',
                subject: 'deprecated',
                message: `${h.name} is no longer deprecated`
            });
        case 'sunset-invalid':
            return void reporter.report({
                ...at,
                id: 'api-path-sunset-parse',
                subject: 'sunset',
                message: `${h.name} has an x-sunset '${change.raw}' that is not a date`
            });
        case 'sunset-deleted':
            return void reporter.report({
                ...at,
                id: 'sunset-deleted',
                subject: 'sunset',
                message: `${h.name} is deprecated but its x-sunset ${change.was} was deleted`
            });
        case 'sunset-earlier':
            return void reporter.report({
                ...at,
                id: 'api-sunset-date-changed-too-small',
                subject: 'sunset',
                message: `${h.name} x-sunset moved earlier, from ${change.from} to ${change.to}`
            });
    }
}
/** operationId and tags: informational, but generated clients and docs are named after them. */
function checkOperationIdAndTags({ reporter, b, h }) {
    const at = { operation: h.name, at: h.op, side: 'head', other: b.op };
    const idB = b.op.operationId;
    const idH = h.op.operationId;
    if (idB !== undefined && idB !== idH) {
        reporter.report({
            ...at,
            id: 'api-operation-id-removed',
            subject: `opid-${String(idB)}`,
            message: `${h.name} operationId '${String(idB)}' was ${idH === undefined ? 'removed' : `changed to '${String(idH)}'`}`
        });
    }
    else if (idB === undefined && idH !== undefined) {
        reporter.report({
            ...at,
            id: 'api-operation-id-added',
            subject: `opid+${String(idH)}`,
            message: `${h.name} gained the operationId '${String(idH)}'`
        });
    }
    const tagsB = Array.isArray(b.op.tags) ? b.op.tags.map(String) : [];
    const tagsH = Array.isArray(h.op.tags) ? h.op.tags.map(String) : [];
    const setB = new Set(tagsB);
    const setH = new Set(tagsH);
    for (const tag of tagsB) {
        if (!setH.has(tag))
            reporter.report({
                ...at,
                id: 'api-tag-removed',
                subject: `tag-${tag}`,
                message: `${h.name} lost the tag '${tag}'`
            });
    }
    for (const tag of tagsH) {
        if (!setB.has(tag))
            reporter.report({
                ...at,
                id: 'api-tag-added',
                subject: `tag+${tag}`,
                message: `${h.name} gained the tag '${tag}'`
            });
    }
}

const httpMethods = [
    'get',
    'put',
    'post',
    'delete',
    'options',
    'head',
    'patch',
    'trace'
];
/** `/pets/{petId}` and `/pets/{id}` are the same endpoint: parameter names are not part of the match. */
function pathKey(path) {
    return path.replace(/\{[^}]*\}/g, '{}');
}
function operationsOf(side, holder) {
    const out = new Map();
    if (!isObject(holder))
        return out;
    for (const [path, rawItem] of Object.entries(holder)) {
        const pathItem = side.deref(rawItem);
        if (!isObject(pathItem))
            continue;
        for (const method of httpMethods) {
            const op = side.deref(pathItem[method]);
            if (!isObject(op))
                continue;
            out.set(`${method.toUpperCase()} ${pathKey(path)}`, {
                method,
                path,
                name: `${method.toUpperCase()} ${path}`,
                op,
                pathItem
            });
        }
    }
    return out;
}
/** Path keys of a paths object, normalized. */
function pathKeysOf(holder) {
    return new Set(isObject(holder) ? Object.keys(holder).map(pathKey) : []);
}

function parseVersion(value) {
    if (value instanceof Date)
        return parseVersion(value.toISOString().slice(0, 10));
    if (typeof value !== 'string' && typeof value !== 'number')
        return undefined;
    const text = String(value).trim();
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (date)
        return { numbers: date.slice(1).map(Number), pre: [] };
    const m = /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text);
    if (!m)
        return undefined;
    return { numbers: (m[1] ?? '').split('.').map(Number), pre: m[2] ? m[2].split('.') : [] };
}
function compareIdentifiers(a, b) {
    const na = /^\d+$/.test(a);
    const nb = /^\d+$/.test(b);
    if (na && nb)
        return Number(a) - Number(b);
    if (na !== nb)
        return na ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Semantic-version order of base against head: positive when the base is newer, 0 when equal, undefined when
 * either is not a version (a name such as `latest` has no order). Missing parts count as 0 (`2` = `2.0.0`); a
 * pre-release comes before its release (`1.0.0-rc.1` < `1.0.0`); build metadata is ignored.
 */
function compareVersions(base, head) {
    const b = parseVersion(base);
    const h = parseVersion(head);
    if (!b || !h)
        return undefined;
    const length = Math.max(b.numbers.length, h.numbers.length);
    for (let i = 0; i < length; i++) {
        const d = (b.numbers[i] ?? 0) - (h.numbers[i] ?? 0);
        if (d !== 0)
            return Math.sign(d);
    }
    if (b.pre.length === 0 || h.pre.length === 0)
        return Math.sign(h.pre.length - b.pre.length);
    const count = Math.max(b.pre.length, h.pre.length);
    for (let i = 0; i < count; i++) {
        const x = b.pre[i];
        const y = h.pre[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        const d = compareIdentifiers(x, y);
        if (d !== 0)
            return Math.sign(d);
    }
    return 0;
}

function serverOf(side, item) {
    const node = side.deref(item);
    if (!isObject(node) || typeof node.url !== 'string')
        return undefined;
    const variables = isObject(node.variables) ? node.variables : {};
    const url = node.url
        .trim()
        .replace(/\{([^}]*)\}/g, (whole, name) => {
        const variable = side.deref(variables[name]);
        return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
    })
        .replace(/\/+$/, '');
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(url);
    const host = m ? (m[1] ?? '').toLowerCase() : '';
    const path = m ? (m[2] ?? '') : url;
    return { url: host + path, host, path, node };
}
function serversOf(side, list) {
    const value = side.deref(list);
    if (!Array.isArray(value))
        return [];
    return value.map((item) => serverOf(side, item)).filter((s) => s !== undefined);
}
/**
 * Servers the base lists that the head lost or changed. Entries are matched by URL (variables at their
 * defaults), then the rest pairwise in order: only the host changed (another environment) is informational, a
 * changed base path or a server gone is a warning. A base without servers promised nothing and is not compared.
 */
function compareServers(env, reporter, listB, listH, operation, holder) {
    const before = serversOf(env.base, listB);
    if (before.length === 0)
        return;
    const after = serversOf(env.head, listH);
    const freeH = [...after];
    const leftB = [];
    for (const server of before) {
        const at = freeH.findIndex((s) => s.url === server.url);
        if (at >= 0)
            freeH.splice(at, 1);
        else
            leftB.push(server);
    }
    const where = operation === null ? 'the API' : operation;
    leftB.forEach((server, k) => {
        const replacement = freeH[k];
        const common = { operation, side: 'head' };
        if (replacement === undefined) {
            reporter.report({
                ...common,
                id: 'api-server-removed',
                subject: `server-${server.url}`,
                at: server.node,
                side: 'base',
                message: `${where} no longer lists the server '${server.url}'`
            });
        }
        else if (replacement.path === server.path) {
            reporter.report({
                ...common,
                id: 'api-server-host-changed',
                subject: `server~${server.url}`,
                at: replacement.node ?? holder.h,
                other: server.node,
                message: `${where} moved the server '${server.url}' to the host '${replacement.host}'`
            });
        }
        else {
            reporter.report({
                ...common,
                id: 'api-server-changed',
                subject: `server~${server.url}`,
                at: replacement.node ?? holder.h,
                other: server.node,
                message: `${where} changed the server '${server.url}' to '${replacement.url}' (base path '${server.path || '/'}' → '${replacement.path || '/'}')`
            });
        }
    });
}
/** Document servers, then the servers of each operation that overrides them (on its path item or itself). */
function checkServers(env, reporter) {
    const docB = env.base.spec.document;
    const docH = env.head.spec.document;
    compareServers(env, reporter, docB.servers, docH.servers, null, { h: docH });
    const opsB = operationsOf(env.base, docB.paths);
    const opsH = operationsOf(env.head, docH.paths);
    for (const [key, h] of opsH) {
        const b = opsB.get(key);
        if (!b)
            continue;
        const level = b.op['x-stability-level'];
        if (typeof level === 'string' && env.exemptStability.has(level))
            continue;
        const ownB = b.op.servers ?? b.pathItem.servers;
        const ownH = h.op.servers ?? h.pathItem.servers;
        if (ownB === undefined && ownH === undefined)
            continue;
        compareServers(env, reporter, ownB ?? docB.servers, ownH ?? docH.servers, h.name, {
            b: b.op,
            h: h.op
        });
    }
}
/** info.version going backwards: the head claims to be older than the released base. */
function checkInfoVersion(env, reporter) {
    const infoB = env.base.deref(env.base.spec.document.info);
    const infoH = env.head.deref(env.head.spec.document.info);
    if (!isObject(infoB) || !isObject(infoH))
        return;
    const order = compareVersions(infoB.version, infoH.version);
    if (order === undefined || order <= 0)
        return;
    reporter.report({
        id: 'api-version-decreased',
        operation: null,
        subject: 'info.version',
        at: infoH,
        side: 'head',
        other: infoB,
        message: `info.version went back from '${String(infoB.version)}' to '${String(infoH.version)}'`
    });
}
/** Document-wide checks: servers and info.version. */
function checkDocument(env, reporter) {
    checkInfoVersion(env, reporter);
    checkServers(env, reporter);
}

/**
 * Every OpenAPI rule this engine emits: oasdiff's id, level (B breaking, W warning, I info) and direction
 * (R request, S response, N none). Levels are oasdiff's except where SEMANTICS.md decides otherwise
 * (see levelOverrides in registry.ts).
 */
const ruleCatalog = [
    ['api-deprecated-sunset-parse', 'B', 'N'],
    ['api-global-security-added', 'I', 'N'],
    ['api-global-security-removed', 'I', 'N'],
    ['api-global-security-scope-added', 'I', 'N'],
    ['api-global-security-scope-removed', 'I', 'N'],
    ['api-invalid-stability-level', 'B', 'N'],
    ['api-operation-id-added', 'I', 'N'],
    ['api-operation-id-removed', 'I', 'N'],
    ['api-path-removed-before-sunset', 'B', 'N'],
    ['api-path-removed-with-deprecation', 'I', 'N'],
    ['api-path-removed-without-deprecation', 'B', 'N'],
    ['api-path-sunset-parse', 'B', 'N'],
    ['api-removed-before-sunset', 'B', 'N'],
    ['api-removed-with-deprecation', 'I', 'N'],
    ['api-removed-without-deprecation', 'B', 'N'],
    ['api-schema-removed', 'I', 'N'],
    ['api-security-added', 'I', 'N'],
    ['api-security-component-added', 'I', 'N'],
    ['api-security-component-oauth-scope-added', 'I', 'N'],
    ['api-security-component-oauth-scope-changed', 'I', 'N'],
    ['api-security-component-oauth-scope-removed', 'I', 'N'],
    ['api-security-component-oauth-token-url-changed', 'I', 'N'],
    ['api-security-component-oauth-url-changed', 'I', 'N'],
    ['api-security-component-removed', 'I', 'N'],
    ['api-security-component-type-changed', 'I', 'N'],
    ['api-security-removed', 'I', 'N'],
    ['api-security-scope-added', 'I', 'N'],
    ['api-security-scope-removed', 'I', 'N'],
    ['api-stability-decreased', 'B', 'N'],
    ['api-stability-increased', 'I', 'N'],
    ['api-sunset-date-changed-too-small', 'B', 'N'],
    ['api-sunset-date-too-small', 'B', 'N'],
    ['api-tag-added', 'I', 'N'],
    ['api-tag-removed', 'I', 'N'],
    ['api-version-decreased', 'I', 'N'],
    ['endpoint-added', 'I', 'N'],
    ['endpoint-deprecated', 'I', 'N'],
    ['endpoint-deprecated-with-sunset', 'I', 'N'],
    ['endpoint-reactivated', 'I', 'N'],
    ['new-optional-request-default-parameter-to-existing-path', 'I', 'R'],
    ['new-optional-request-parameter', 'I', 'R'],
    ['new-optional-request-property', 'I', 'R'],
    ['new-request-path-parameter', 'B', 'R'],
    ['new-required-request-default-parameter-to-existing-path', 'B', 'R'],
    ['new-required-request-header-property', 'B', 'R'],
    ['new-required-request-parameter', 'B', 'R'],
    ['new-required-request-property', 'B', 'R'],
    ['new-required-request-property-with-default', 'B', 'R'],
    ['optional-response-header-removed', 'W', 'S'],
    ['request-body-added-optional', 'I', 'R'],
    ['request-body-added-required', 'B', 'R'],
    ['request-body-all-of-added', 'B', 'R'],
    ['request-body-all-of-added-annotation-only', 'I', 'R'],
    ['request-body-all-of-removed', 'W', 'R'],
    ['request-body-all-of-removed-annotation-only', 'I', 'R'],
    ['request-body-any-of-added', 'I', 'R'],
    ['request-body-any-of-removed', 'B', 'R'],
    ['request-body-became-enum', 'B', 'R'],
    ['request-body-became-not-nullable', 'B', 'R'],
    ['request-body-became-nullable', 'I', 'R'],
    ['request-body-became-optional', 'I', 'R'],
    ['request-body-became-required', 'B', 'R'],
    ['request-body-const-added', 'B', 'R'],
    ['request-body-const-changed', 'B', 'R'],
    ['request-body-const-removed', 'I', 'R'],
    ['request-body-contains-added', 'B', 'R'],
    ['request-body-contains-removed', 'I', 'R'],
    ['request-body-content-encoding-changed', 'B', 'R'],
    ['request-body-content-media-type-changed', 'B', 'R'],
    ['request-body-content-schema-added', 'B', 'R'],
    ['request-body-content-schema-removed', 'I', 'R'],
    ['request-body-default-value-added', 'I', 'R'],
    ['request-body-default-value-changed', 'I', 'R'],
    ['request-body-default-value-removed', 'I', 'R'],
    ['request-body-dependent-required-added', 'B', 'R'],
    ['request-body-dependent-required-changed', 'B', 'R'],
    ['request-body-dependent-required-removed', 'I', 'R'],
    ['request-body-dependent-schema-added', 'B', 'R'],
    ['request-body-dependent-schema-removed', 'I', 'R'],
    ['request-body-discriminator-added', 'I', 'R'],
    ['request-body-discriminator-mapping-added', 'I', 'R'],
    ['request-body-discriminator-mapping-changed', 'I', 'R'],
    ['request-body-discriminator-mapping-deleted', 'I', 'R'],
    ['request-body-discriminator-property-name-changed', 'I', 'R'],
    ['request-body-discriminator-removed', 'I', 'R'],
    ['request-body-else-added', 'B', 'R'],
    ['request-body-else-removed', 'I', 'R'],
    ['request-body-enum-value-removed', 'B', 'R'],
    ['request-body-exclusive-max-decreased', 'B', 'R'],
    ['request-body-exclusive-max-increased', 'I', 'R'],
    ['request-body-exclusive-max-set', 'W', 'R'],
    ['request-body-exclusive-min-decreased', 'I', 'R'],
    ['request-body-exclusive-min-increased', 'B', 'R'],
    ['request-body-exclusive-min-set', 'W', 'R'],
    ['request-body-if-added', 'B', 'R'],
    ['request-body-if-removed', 'I', 'R'],
    ['request-body-list-of-types-narrowed', 'B', 'R'],
    ['request-body-list-of-types-widened', 'I', 'R'],
    ['request-body-max-contains-decreased', 'B', 'R'],
    ['request-body-max-contains-increased', 'I', 'R'],
    ['request-body-max-decreased', 'B', 'R'],
    ['request-body-max-increased', 'I', 'R'],
    ['request-body-max-length-decreased', 'B', 'R'],
    ['request-body-max-length-increased', 'I', 'R'],
    ['request-body-max-length-set', 'W', 'R'],
    ['request-body-max-set', 'W', 'R'],
    ['request-body-media-type-added', 'I', 'R'],
    ['request-body-media-type-removed', 'B', 'R'],
    ['request-body-media-type-schema-added', 'B', 'R'],
    ['request-body-media-type-schema-removed', 'I', 'R'],
    ['request-body-min-contains-decreased', 'I', 'R'],
    ['request-body-min-contains-increased', 'B', 'R'],
    ['request-body-min-decreased', 'I', 'R'],
    ['request-body-min-increased', 'B', 'R'],
    ['request-body-min-items-increased', 'B', 'R'],
    ['request-body-min-items-set', 'W', 'R'],
    ['request-body-min-length-decreased', 'I', 'R'],
    ['request-body-min-length-increased', 'B', 'R'],
    ['request-body-min-set', 'W', 'R'],
    ['request-body-one-of-added', 'I', 'R'],
    ['request-body-one-of-removed', 'B', 'R'],
    ['request-body-pattern-property-added', 'B', 'R'],
    ['request-body-pattern-property-removed', 'I', 'R'],
    ['request-body-prefix-items-added', 'I', 'R'],
    ['request-body-prefix-items-removed', 'B', 'R'],
    ['request-body-property-names-added', 'B', 'R'],
    ['request-body-property-names-removed', 'I', 'R'],
    ['request-body-removed', 'B', 'R'],
    ['request-body-then-added', 'B', 'R'],
    ['request-body-then-removed', 'I', 'R'],
    ['request-body-type-changed', 'B', 'R'],
    ['request-body-type-compatible', 'I', 'R'],
    ['request-body-type-generalized', 'I', 'R'],
    ['request-body-unevaluated-items-added', 'B', 'R'],
    ['request-body-unevaluated-items-removed', 'I', 'R'],
    ['request-body-unevaluated-properties-added', 'B', 'R'],
    ['request-body-unevaluated-properties-removed', 'I', 'R'],
    ['request-body-wrapped-in-one-of', 'B', 'R'],
    ['request-header-property-became-enum', 'B', 'R'],
    ['request-header-property-became-required', 'B', 'R'],
    ['request-optional-property-became-not-read-only', 'I', 'R'],
    ['request-optional-property-became-not-write-only', 'I', 'R'],
    ['request-optional-property-became-read-only', 'I', 'R'],
    ['request-optional-property-became-write-only', 'I', 'R'],
    ['request-parameter-became-enum', 'B', 'R'],
    ['request-parameter-became-not-nullable', 'B', 'R'],
    ['request-parameter-became-nullable', 'I', 'R'],
    ['request-parameter-became-optional', 'I', 'R'],
    ['request-parameter-became-required', 'B', 'R'],
    ['request-parameter-default-value-added', 'B', 'R'],
    ['request-parameter-default-value-changed', 'B', 'R'],
    ['request-parameter-default-value-removed', 'B', 'R'],
    ['request-parameter-deprecated', 'I', 'R'],
    ['request-parameter-enum-value-added', 'I', 'R'],
    ['request-parameter-enum-value-removed', 'B', 'R'],
    ['request-parameter-exclusive-max-decreased', 'B', 'R'],
    ['request-parameter-exclusive-max-increased', 'I', 'R'],
    ['request-parameter-exclusive-max-set', 'W', 'R'],
    ['request-parameter-exclusive-min-decreased', 'I', 'R'],
    ['request-parameter-exclusive-min-increased', 'B', 'R'],
    ['request-parameter-exclusive-min-set', 'W', 'R'],
    ['request-parameter-list-of-types-narrowed', 'B', 'R'],
    ['request-parameter-list-of-types-widened', 'I', 'R'],
    ['request-parameter-max-decreased', 'B', 'R'],
    ['request-parameter-max-increased', 'I', 'R'],
    ['request-parameter-max-items-decreased', 'B', 'R'],
    ['request-parameter-max-items-increased', 'I', 'R'],
    ['request-parameter-max-length-decreased', 'B', 'R'],
    ['request-parameter-max-length-increased', 'I', 'R'],
    ['request-parameter-max-length-set', 'W', 'R'],
    ['request-parameter-max-set', 'W', 'R'],
    ['request-parameter-min-decreased', 'I', 'R'],
    ['request-parameter-min-increased', 'B', 'R'],
    ['request-parameter-min-items-decreased', 'I', 'R'],
    ['request-parameter-min-items-increased', 'B', 'R'],
    ['request-parameter-min-items-set', 'W', 'R'],
    ['request-parameter-min-length-decreased', 'I', 'R'],
    ['request-parameter-min-length-increased', 'B', 'R'],
    ['request-parameter-min-set', 'W', 'R'],
    ['request-parameter-pattern-added', 'B', 'R'],
    ['request-parameter-pattern-changed', 'W', 'R'],
    ['request-parameter-pattern-generalized', 'I', 'R'],
    ['request-parameter-pattern-removed', 'I', 'R'],
    ['request-parameter-property-became-not-nullable', 'B', 'R'],
    ['request-parameter-property-became-nullable', 'I', 'R'],
    ['request-parameter-property-enum-value-added', 'I', 'R'],
    ['request-parameter-property-enum-value-removed', 'B', 'R'],
    ['request-parameter-property-list-of-types-narrowed', 'B', 'R'],
    ['request-parameter-property-list-of-types-widened', 'I', 'R'],
    ['request-parameter-property-type-changed', 'W', 'R'],
    ['request-parameter-property-type-generalized', 'I', 'R'],
    ['request-parameter-property-type-specialized', 'B', 'R'],
    ['request-parameter-reactivated', 'I', 'R'],
    ['request-parameter-removed', 'W', 'R'],
    ['request-parameter-removed-before-sunset', 'B', 'R'],
    ['request-parameter-removed-with-deprecation', 'I', 'R'],
    ['request-parameter-sunset-date-changed-too-small', 'B', 'R'],
    ['request-parameter-sunset-deleted', 'B', 'R'],
    ['request-parameter-sunset-parse', 'B', 'R'],
    ['request-parameter-type-changed', 'B', 'R'],
    ['request-parameter-type-generalized', 'I', 'R'],
    ['request-parameter-x-extensible-enum-value-removed', 'B', 'R'],
    ['request-property-all-of-added', 'B', 'R'],
    ['request-property-all-of-added-annotation-only', 'I', 'R'],
    ['request-property-all-of-removed', 'W', 'R'],
    ['request-property-all-of-removed-annotation-only', 'I', 'R'],
    ['request-property-any-of-added', 'I', 'R'],
    ['request-property-any-of-removed', 'B', 'R'],
    ['request-property-became-enum', 'B', 'R'],
    ['request-property-became-not-nullable', 'B', 'R'],
    ['request-property-became-nullable', 'I', 'R'],
    ['request-property-became-optional', 'I', 'R'],
    ['request-property-became-required', 'B', 'R'],
    ['request-property-became-required-with-default', 'B', 'R'],
    ['request-property-const-added', 'B', 'R'],
    ['request-property-const-changed', 'B', 'R'],
    ['request-property-const-removed', 'I', 'R'],
    ['request-property-contains-added', 'B', 'R'],
    ['request-property-contains-removed', 'I', 'R'],
    ['request-property-content-encoding-changed', 'B', 'R'],
    ['request-property-content-media-type-changed', 'B', 'R'],
    ['request-property-content-schema-added', 'B', 'R'],
    ['request-property-content-schema-removed', 'I', 'R'],
    ['request-property-default-value-added', 'I', 'R'],
    ['request-property-default-value-changed', 'I', 'R'],
    ['request-property-default-value-removed', 'I', 'R'],
    ['request-property-dependent-required-added', 'B', 'R'],
    ['request-property-dependent-required-changed', 'B', 'R'],
    ['request-property-dependent-required-removed', 'I', 'R'],
    ['request-property-dependent-schema-added', 'B', 'R'],
    ['request-property-dependent-schema-removed', 'I', 'R'],
    ['request-property-deprecated', 'I', 'R'],
    ['request-property-deprecated-sunset-invalid', 'B', 'R'],
    ['request-property-deprecated-with-sunset', 'I', 'R'],
    ['request-property-discriminator-added', 'I', 'R'],
    ['request-property-discriminator-mapping-added', 'I', 'R'],
    ['request-property-discriminator-mapping-changed', 'I', 'R'],
    ['request-property-discriminator-mapping-deleted', 'I', 'R'],
    ['request-property-discriminator-property-name-changed', 'I', 'R'],
    ['request-property-discriminator-removed', 'I', 'R'],
    ['request-property-else-added', 'B', 'R'],
    ['request-property-else-removed', 'I', 'R'],
    ['request-property-enum-value-added', 'I', 'R'],
    ['request-property-enum-value-removed', 'B', 'R'],
    ['request-property-exclusive-max-decreased', 'B', 'R'],
    ['request-property-exclusive-max-increased', 'I', 'R'],
    ['request-property-exclusive-max-set', 'W', 'R'],
    ['request-property-exclusive-min-decreased', 'I', 'R'],
    ['request-property-exclusive-min-increased', 'B', 'R'],
    ['request-property-exclusive-min-set', 'W', 'R'],
    ['request-property-if-added', 'B', 'R'],
    ['request-property-if-removed', 'I', 'R'],
    ['request-property-list-of-types-narrowed', 'B', 'R'],
    ['request-property-list-of-types-widened', 'I', 'R'],
    ['request-property-max-contains-decreased', 'B', 'R'],
    ['request-property-max-contains-increased', 'I', 'R'],
    ['request-property-max-decreased', 'B', 'R'],
    ['request-property-max-increased', 'I', 'R'],
    ['request-property-max-length-decreased', 'B', 'R'],
    ['request-property-max-length-increased', 'I', 'R'],
    ['request-property-max-length-set', 'W', 'R'],
    ['request-property-max-set', 'W', 'R'],
    ['request-property-min-contains-decreased', 'I', 'R'],
    ['request-property-min-contains-increased', 'B', 'R'],
    ['request-property-min-decreased', 'I', 'R'],
    ['request-property-min-increased', 'B', 'R'],
    ['request-property-min-items-increased', 'B', 'R'],
    ['request-property-min-items-set', 'W', 'R'],
    ['request-property-min-length-decreased', 'I', 'R'],
    ['request-property-min-length-increased', 'B', 'R'],
    ['request-property-min-set', 'W', 'R'],
    ['request-property-one-of-added', 'I', 'R'],
    ['request-property-one-of-removed', 'B', 'R'],
    ['request-property-pattern-added', 'B', 'R'],
    ['request-property-pattern-changed', 'W', 'R'],
    ['request-property-pattern-generalized', 'I', 'R'],
    ['request-property-pattern-property-added', 'B', 'R'],
    ['request-property-pattern-property-removed', 'I', 'R'],
    ['request-property-pattern-removed', 'I', 'R'],
    ['request-property-prefix-items-added', 'I', 'R'],
    ['request-property-prefix-items-removed', 'B', 'R'],
    ['request-property-property-names-added', 'B', 'R'],
    ['request-property-property-names-removed', 'I', 'R'],
    ['request-property-reactivated', 'I', 'R'],
    ['request-property-removed', 'W', 'R'],
    ['request-property-stability-decreased', 'B', 'R'],
    ['request-property-stability-increased', 'I', 'R'],
    ['request-property-then-added', 'B', 'R'],
    ['request-property-then-removed', 'I', 'R'],
    ['request-property-type-changed', 'B', 'R'],
    ['request-property-type-compatible', 'I', 'R'],
    ['request-property-type-generalized', 'I', 'R'],
    ['request-property-unevaluated-items-added', 'B', 'R'],
    ['request-property-unevaluated-items-removed', 'I', 'R'],
    ['request-property-unevaluated-properties-added', 'B', 'R'],
    ['request-property-unevaluated-properties-removed', 'I', 'R'],
    ['request-property-x-extensible-enum-value-removed', 'B', 'R'],
    ['request-read-only-property-enum-value-removed', 'I', 'R'],
    ['request-read-only-property-exclusive-max-decreased', 'I', 'R'],
    ['request-read-only-property-exclusive-min-increased', 'I', 'R'],
    ['request-read-only-property-max-decreased', 'I', 'R'],
    ['request-read-only-property-max-length-decreased', 'I', 'R'],
    ['request-read-only-property-min-increased', 'I', 'R'],
    ['request-required-property-became-not-read-only', 'I', 'R'],
    ['request-required-property-became-not-write-only', 'I', 'R'],
    ['request-required-property-became-read-only', 'I', 'R'],
    ['request-required-property-became-write-only', 'I', 'R'],
    ['required-response-header-removed', 'B', 'S'],
    ['response-body-all-of-added', 'I', 'S'],
    ['response-body-all-of-added-annotation-only', 'I', 'S'],
    ['response-body-all-of-removed', 'I', 'S'],
    ['response-body-all-of-removed-annotation-only', 'I', 'S'],
    ['response-body-any-of-added', 'I', 'S'],
    ['response-body-any-of-removed', 'I', 'S'],
    ['response-body-became-not-nullable', 'I', 'S'],
    ['response-body-became-nullable', 'B', 'S'],
    ['response-body-const-added', 'I', 'S'],
    ['response-body-const-changed', 'B', 'S'],
    ['response-body-const-removed', 'B', 'S'],
    ['response-body-contains-added', 'I', 'S'],
    ['response-body-contains-removed', 'B', 'S'],
    ['response-body-content-encoding-changed', 'B', 'S'],
    ['response-body-content-media-type-changed', 'B', 'S'],
    ['response-body-content-schema-added', 'I', 'S'],
    ['response-body-content-schema-removed', 'B', 'S'],
    ['response-body-default-value-added', 'I', 'S'],
    ['response-body-default-value-changed', 'I', 'S'],
    ['response-body-default-value-removed', 'I', 'S'],
    ['response-body-dependent-required-added', 'I', 'S'],
    ['response-body-dependent-required-changed', 'B', 'S'],
    ['response-body-dependent-required-removed', 'B', 'S'],
    ['response-body-dependent-schema-added', 'I', 'S'],
    ['response-body-dependent-schema-removed', 'B', 'S'],
    ['response-body-discriminator-added', 'I', 'S'],
    ['response-body-discriminator-mapping-added', 'I', 'S'],
    ['response-body-discriminator-mapping-changed', 'I', 'S'],
    ['response-body-discriminator-mapping-deleted', 'I', 'S'],
    ['response-body-discriminator-property-name-changed', 'I', 'S'],
    ['response-body-discriminator-removed', 'I', 'S'],
    ['response-body-else-added', 'I', 'S'],
    ['response-body-else-removed', 'B', 'S'],
    ['response-body-exclusive-max-increased', 'B', 'S'],
    ['response-body-exclusive-min-decreased', 'B', 'S'],
    ['response-body-if-added', 'I', 'S'],
    ['response-body-if-removed', 'B', 'S'],
    ['response-body-list-of-types-narrowed', 'I', 'S'],
    ['response-body-list-of-types-widened', 'B', 'S'],
    ['response-body-max-contains-decreased', 'I', 'S'],
    ['response-body-max-contains-increased', 'B', 'S'],
    ['response-body-max-increased', 'B', 'S'],
    ['response-body-max-length-increased', 'B', 'S'],
    ['response-body-max-length-unset', 'B', 'S'],
    ['response-body-media-type-schema-added', 'I', 'S'],
    ['response-body-media-type-schema-removed', 'W', 'S'],
    ['response-body-min-contains-decreased', 'B', 'S'],
    ['response-body-min-contains-increased', 'I', 'S'],
    ['response-body-min-decreased', 'B', 'S'],
    ['response-body-min-items-decreased', 'B', 'S'],
    ['response-body-min-items-unset', 'B', 'S'],
    ['response-body-min-length-decreased', 'B', 'S'],
    ['response-body-one-of-added', 'B', 'S'],
    ['response-body-one-of-removed', 'I', 'S'],
    ['response-body-pattern-property-added', 'I', 'S'],
    ['response-body-pattern-property-removed', 'B', 'S'],
    ['response-body-prefix-items-added', 'B', 'S'],
    ['response-body-prefix-items-removed', 'I', 'S'],
    ['response-body-property-names-added', 'I', 'S'],
    ['response-body-property-names-removed', 'B', 'S'],
    ['response-body-then-added', 'I', 'S'],
    ['response-body-then-removed', 'B', 'S'],
    ['response-body-type-changed', 'B', 'S'],
    ['response-body-type-compatible', 'I', 'S'],
    ['response-body-type-generalized', 'B', 'S'],
    ['response-body-type-specialized', 'I', 'S'],
    ['response-body-unevaluated-items-added', 'I', 'S'],
    ['response-body-unevaluated-items-removed', 'B', 'S'],
    ['response-body-unevaluated-properties-added', 'I', 'S'],
    ['response-body-unevaluated-properties-removed', 'B', 'S'],
    ['response-body-wrapped-in-one-of', 'B', 'S'],
    ['response-header-added', 'I', 'S'],
    ['response-header-became-not-nullable', 'I', 'S'],
    ['response-header-became-nullable', 'B', 'S'],
    ['response-header-became-optional', 'B', 'S'],
    ['response-header-type-changed', 'B', 'S'],
    ['response-header-type-generalized', 'B', 'S'],
    ['response-header-type-specialized', 'I', 'S'],
    ['response-media-type-added', 'I', 'S'],
    ['response-media-type-name-changed', 'I', 'S'],
    ['response-media-type-name-generalized', 'B', 'S'],
    ['response-media-type-name-specialized', 'I', 'S'],
    ['response-media-type-removed', 'B', 'S'],
    ['response-mediatype-enum-value-removed', 'I', 'S'],
    ['response-non-success-status-added', 'I', 'S'],
    ['response-non-success-status-removed', 'I', 'S'],
    ['response-optional-property-added', 'I', 'S'],
    ['response-optional-property-became-not-read-only', 'I', 'S'],
    ['response-optional-property-became-not-write-only', 'I', 'S'],
    ['response-optional-property-became-read-only', 'I', 'S'],
    ['response-optional-property-became-write-only', 'I', 'S'],
    ['response-optional-property-removed', 'W', 'S'],
    ['response-optional-write-only-property-added', 'I', 'S'],
    ['response-optional-write-only-property-removed', 'I', 'S'],
    ['response-property-all-of-added', 'I', 'S'],
    ['response-property-all-of-added-annotation-only', 'I', 'S'],
    ['response-property-all-of-removed', 'I', 'S'],
    ['response-property-all-of-removed-annotation-only', 'I', 'S'],
    ['response-property-any-of-added', 'I', 'S'],
    ['response-property-any-of-removed', 'I', 'S'],
    ['response-property-became-not-nullable', 'I', 'S'],
    ['response-property-became-nullable', 'B', 'S'],
    ['response-property-became-optional', 'B', 'S'],
    ['response-property-became-required', 'I', 'S'],
    ['response-property-const-added', 'I', 'S'],
    ['response-property-const-changed', 'B', 'S'],
    ['response-property-const-removed', 'B', 'S'],
    ['response-property-contains-added', 'I', 'S'],
    ['response-property-contains-removed', 'B', 'S'],
    ['response-property-content-encoding-changed', 'B', 'S'],
    ['response-property-content-media-type-changed', 'B', 'S'],
    ['response-property-content-schema-added', 'I', 'S'],
    ['response-property-content-schema-removed', 'B', 'S'],
    ['response-property-default-value-added', 'I', 'S'],
    ['response-property-default-value-changed', 'I', 'S'],
    ['response-property-default-value-removed', 'I', 'S'],
    ['response-property-dependent-required-added', 'I', 'S'],
    ['response-property-dependent-required-changed', 'B', 'S'],
    ['response-property-dependent-required-removed', 'B', 'S'],
    ['response-property-dependent-schema-added', 'I', 'S'],
    ['response-property-dependent-schema-removed', 'B', 'S'],
    ['response-property-deprecated', 'I', 'S'],
    ['response-property-deprecated-sunset-invalid', 'B', 'S'],
    ['response-property-deprecated-with-sunset', 'I', 'S'],
    ['response-property-discriminator-added', 'I', 'S'],
    ['response-property-discriminator-mapping-added', 'I', 'S'],
    ['response-property-discriminator-mapping-changed', 'I', 'S'],
    ['response-property-discriminator-mapping-deleted', 'I', 'S'],
    ['response-property-discriminator-property-name-changed', 'I', 'S'],
    ['response-property-discriminator-removed', 'I', 'S'],
    ['response-property-else-added', 'I', 'S'],
    ['response-property-else-removed', 'B', 'S'],
    ['response-property-enum-value-added', 'W', 'S'],
    ['response-property-enum-value-removed', 'I', 'S'],
    ['response-property-exclusive-max-increased', 'B', 'S'],
    ['response-property-exclusive-min-decreased', 'B', 'S'],
    ['response-property-if-added', 'I', 'S'],
    ['response-property-if-removed', 'B', 'S'],
    ['response-property-list-of-types-narrowed', 'I', 'S'],
    ['response-property-list-of-types-widened', 'B', 'S'],
    ['response-property-max-contains-decreased', 'I', 'S'],
    ['response-property-max-contains-increased', 'B', 'S'],
    ['response-property-max-increased', 'B', 'S'],
    ['response-property-max-length-increased', 'B', 'S'],
    ['response-property-max-length-unset', 'B', 'S'],
    ['response-property-min-contains-decreased', 'B', 'S'],
    ['response-property-min-contains-increased', 'I', 'S'],
    ['response-property-min-decreased', 'B', 'S'],
    ['response-property-min-items-decreased', 'B', 'S'],
    ['response-property-min-items-unset', 'B', 'S'],
    ['response-property-min-length-decreased', 'B', 'S'],
    ['response-property-one-of-added', 'B', 'S'],
    ['response-property-one-of-removed', 'I', 'S'],
    ['response-property-pattern-added', 'I', 'S'],
    ['response-property-pattern-changed', 'I', 'S'],
    ['response-property-pattern-property-added', 'I', 'S'],
    ['response-property-pattern-property-removed', 'B', 'S'],
    ['response-property-pattern-removed', 'I', 'S'],
    ['response-property-prefix-items-added', 'B', 'S'],
    ['response-property-prefix-items-removed', 'I', 'S'],
    ['response-property-property-names-added', 'I', 'S'],
    ['response-property-property-names-removed', 'B', 'S'],
    ['response-property-reactivated', 'I', 'S'],
    ['response-property-stability-decreased', 'B', 'S'],
    ['response-property-stability-increased', 'I', 'S'],
    ['response-property-then-added', 'I', 'S'],
    ['response-property-then-removed', 'B', 'S'],
    ['response-property-type-changed', 'B', 'S'],
    ['response-property-type-compatible', 'I', 'S'],
    ['response-property-type-generalized', 'B', 'S'],
    ['response-property-type-specialized', 'I', 'S'],
    ['response-property-unevaluated-items-added', 'I', 'S'],
    ['response-property-unevaluated-items-removed', 'B', 'S'],
    ['response-property-unevaluated-properties-added', 'I', 'S'],
    ['response-property-unevaluated-properties-removed', 'B', 'S'],
    ['response-required-property-added', 'I', 'S'],
    ['response-required-property-became-not-read-only', 'I', 'S'],
    ['response-required-property-became-not-write-only', 'W', 'S'],
    ['response-required-property-became-read-only', 'I', 'S'],
    ['response-required-property-became-write-only', 'I', 'S'],
    ['response-required-property-removed', 'B', 'S'],
    ['response-required-write-only-property-added', 'I', 'S'],
    ['response-required-write-only-property-removed', 'I', 'S'],
    ['response-success-status-added', 'I', 'S'],
    ['response-success-status-removed', 'B', 'S'],
    ['response-write-only-property-became-optional', 'I', 'S'],
    ['response-write-only-property-became-required', 'I', 'S'],
    ['response-write-only-property-enum-value-added', 'I', 'S'],
    ['sunset-deleted', 'B', 'N'],
    ['webhook-added', 'I', 'N'],
    ['webhook-removed', 'B', 'N']
];

/**
 * Rules of ours, for changes oasdiff does not report (or reports for a different reason): id, level (B breaking,
 * W warning, I info), direction (R request, S response, N none) and why the level is what it is. They are listed
 * in `rollback-guard rules` and docs/rules.md like the others.
 */
const ownRuleCatalog = [
    // the released spec cannot be fixed any more; stopping the check there would hide every other change
    [
        'api-base-ref-unresolved',
        'W',
        'N',
        'a $ref of the released spec could not be followed, so what it points to was not compared'
    ],
    // SEMANTICS.md asks for maxItems on bodies and properties; oasdiff has it only for parameters
    [
        'request-property-max-items-decreased',
        'B',
        'R',
        'requests with as many items as before may now be rejected'
    ],
    [
        'request-body-max-items-decreased',
        'B',
        'R',
        'requests with as many items as before may now be rejected'
    ],
    [
        'response-property-max-items-increased',
        'B',
        'S',
        'clients may receive more items than they were promised'
    ],
    [
        'response-body-max-items-increased',
        'B',
        'S',
        'clients may receive more items than they were promised'
    ],
    // additionalProperties: an object that stops accepting unlisted properties rejects requests that carry them;
    // one that starts allowing them may send clients fields a strict parser refuses
    [
        'request-body-additional-properties-restricted',
        'B',
        'R',
        'requests carrying properties the body does not list are now rejected'
    ],
    [
        'request-property-additional-properties-restricted',
        'B',
        'R',
        'requests carrying properties the object does not list are now rejected'
    ],
    [
        'request-parameter-additional-properties-restricted',
        'B',
        'R',
        'requests carrying keys the parameter object does not list are now rejected'
    ],
    ['request-body-additional-properties-allowed', 'I', 'R', 'the body accepts more than before'],
    [
        'request-property-additional-properties-allowed',
        'I',
        'R',
        'the object accepts more than before'
    ],
    [
        'request-parameter-additional-properties-allowed',
        'I',
        'R',
        'the parameter object accepts more than before'
    ],
    [
        'response-body-additional-properties-allowed',
        'W',
        'S',
        'clients with strict parsers may meet properties they do not know; a person should look'
    ],
    [
        'response-property-additional-properties-allowed',
        'W',
        'S',
        'clients with strict parsers may meet properties they do not know; a person should look'
    ],
    [
        'response-body-additional-properties-restricted',
        'I',
        'S',
        'responses still fit what clients parse'
    ],
    [
        'response-property-additional-properties-restricted',
        'I',
        'S',
        'responses still fit what clients parse'
    ],
    // parameter serialization (style, explode, allowReserved) is the wire format of the value
    [
        'request-parameter-style-changed',
        'B',
        'R',
        'clients keep serializing the value the old way, which the server now parses differently'
    ],
    [
        'request-parameter-explode-changed',
        'B',
        'R',
        'clients keep sending arrays and objects exploded (or not), which the server now parses differently'
    ],
    [
        'request-parameter-allow-reserved-changed',
        'B',
        'R',
        'clients keep encoding reserved characters the old way, which the server now reads differently'
    ],
    [
        'request-parameter-order-changed',
        'I',
        'R',
        'the wire is unchanged, but SDKs generated with positional arguments change their signatures'
    ],
    // servers: generated clients call the first server by default
    [
        'api-server-removed',
        'W',
        'N',
        'clients configured with a server the API no longer lists lose it; a person should look'
    ],
    [
        'api-server-changed',
        'W',
        'N',
        'the base path of the server changed: every request built from the old one misses; a person should look'
    ],
    [
        'api-server-host-changed',
        'I',
        'N',
        'only the host changed and the base path is the same; clients choose the host per environment'
    ]
];

const known = new Set([
    ...ruleCatalog.map(([id]) => id),
    ...ownRuleCatalog.map(([id]) => id)
]);
function isOpenApiRuleId(id) {
    return known.has(id);
}

/** Marks a schema whose `oneOf`/`anyOf` of bare types was read as a list of types. */
const FROM_ALTERNATIVES = Symbol('openapi.fromAlternatives');
/**
 * The id a suffix gets at this place (`max-length-decreased` → `request-property-max-length-decreased`).
 * readOnly request / writeOnly response properties use their own informational ids where oasdiff has one;
 * below a parameter's root, constraints of its items count as the parameter's own when there is no nested id.
 */
function idFor(pair, suffix, path = pair.path) {
    const { site } = pair;
    const has = (id) => site.reporter.has(id);
    // a body's root schema is reported with its own ids, or like a property where oasdiff has no root id
    if (path.length === 0) {
        const own = `${site.top}-${suffix}`;
        return has(own) || !site.top.endsWith('-body') ? own : `${site.nested}-${suffix}`;
    }
    if (pair.readOnly && site.dir === 'request' && has(`request-read-only-property-${suffix}`))
        return `request-read-only-property-${suffix}`;
    if (pair.writeOnly && site.dir === 'response' && has(`response-write-only-property-${suffix}`))
        return `response-write-only-property-${suffix}`;
    const nested = `${site.nested}-${suffix}`;
    if (!has(nested) && site.flattenItems && has(`${site.top}-${suffix}`))
        return `${site.top}-${suffix}`;
    return nested;
}
const COMPONENT = '\u0001';
/** The first step of a path below a named component (paths restart there; see compareSchemas). */
function componentStep(name) {
    return COMPONENT + name;
}
function targetText(site, path) {
    if (path.length === 0)
        return site.where;
    const first = path[0];
    if (!first.startsWith(COMPONENT))
        return `property '${path.join('/')}' of ${site.where}`;
    const schema = `the schema '${first.slice(1)}'`;
    const rest = path.slice(1);
    return `${rest.length === 0 ? schema : `property '${rest.join('/')}' of ${schema}`} in ${site.where}`;
}
const emit = (pair, suffix, text, options = {}) => {
    const path = options.path ?? pair.path;
    const id = options.id ?? idFor(pair, suffix, path);
    // a suffix some places have no rule for (a response header has no pattern rule) reports nothing there
    if (!isOpenApiRuleId(id))
        return false;
    const { site } = pair;
    // a readOnly property is never sent by clients, a writeOnly one never returned: only the informational ids apply
    const exempt = (pair.readOnly && site.dir === 'request') || (pair.writeOnly && site.dir === 'response');
    if (exempt && path.length > 0 && !id.includes('read-only') && !id.includes('write-only'))
        return false;
    const side = options.side ?? 'head';
    return site.reporter.report({
        id,
        message: `${targetText(site, path)} ${text}`,
        operation: site.operation,
        subject: `${site.where}|${path.join('/')}|${options.subject ?? ''}`,
        at: options.node ?? (side === 'base' ? pair.b : pair.h),
        side,
        other: options.node === undefined ? pair.b : options.baseNode
    });
};
/** Tries ids in order and reports the first one the registry knows. */
function emitFirst(pair, suffixes, text, options = {}) {
    for (const suffix of suffixes) {
        if (pair.site.reporter.has(idFor(pair, suffix, options.path ?? pair.path)))
            return emit(pair, suffix, text, options);
    }
    return false;
}
function show(value) {
    return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
/** A key equal for values that sameValue calls equal (object key order ignored). */
function valueKey(value) {
    if (typeof value !== 'object' || value === null)
        return `${typeof value}:${JSON.stringify(value)}`;
    if (Array.isArray(value))
        return `[${value.map(valueKey).join(',')}]`;
    const obj = value;
    return `{${Object.keys(obj)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${valueKey(obj[k])}`)
        .join(',')}}`;
}
function sameValue(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length)
        return false;
    for (const k of ka)
        if (!sameValue(a[k], b[k]))
            return false;
    return true;
}

/** The declared types without 'null' (nullability is its own rule); implied from keywords when absent. */
function typesOf(schema) {
    const t = schema.type;
    if (typeof t === 'string')
        return t === 'null' ? [] : [t];
    if (Array.isArray(t))
        return t.filter((x) => typeof x === 'string' && x !== 'null');
    return [];
}
const formatWidth = { int32: 1, int64: 2, float: 1, double: 2 };
/** True when every value of type `from` is also of type `to` (integer ⊂ number). */
function accepts(to, from) {
    return to === from || (to === 'number' && from === 'integer');
}
function coversAll(wider, narrower, asText = false) {
    return narrower.every((n) => wider.some((w) => accepts(w, n) || (asText && w === 'string' && n !== 'array' && n !== 'object')));
}
/** Media types other than JSON carry everything as text, so string and object/array convert freely. */
function isLooselyTyped(mediaType) {
    if (mediaType === null)
        return false;
    const m = mediaType.toLowerCase();
    return !(m.includes('json') || m === '*/*');
}
const itemConstraintKeys = [
    'pattern',
    'enum',
    'const',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'multipleOf',
    'format'
];
/** A query value sent as a scalar still parses as a one-item form/explode array when the items accept it. */
function scalarWidensToArray(pair, typesB, typesH) {
    const { site } = pair;
    if (site.dir !== 'request' || site.paramIn !== 'query' || pair.path.length > 0)
        return false;
    if (typesH.length !== 1 ||
        typesH[0] !== 'array' ||
        typesB.includes('array') ||
        typesB.includes('object'))
        return false;
    const items = site.env.head.deref(pair.h.items);
    if (!isObject(items))
        return false;
    if (itemConstraintKeys.some((k) => items[k] !== undefined))
        return false;
    if (typeof pair.h.minItems === 'number' && pair.h.minItems > 1)
        return false;
    const itemTypes = typesOf(items);
    return itemTypes.length === 0 || coversAll(itemTypes, typesB, true);
}
/** type / format / list-of-types changes, judged by direction (requests may widen, responses may narrow). */
function checkTypeChanged(pair) {
    const typesB = typesOf(pair.b);
    const typesH = typesOf(pair.h);
    if (typesB.length === 0 || typesH.length === 0)
        return;
    const request = pair.site.dir === 'request';
    const from = typesB.join('/');
    const to = typesH.join('/');
    const sameTypes = typesB.length === typesH.length && typesB.every((t) => typesH.includes(t));
    if (sameTypes) {
        if (typesB.length !== 1)
            return;
        const fb = typeof pair.b.format === 'string' ? pair.b.format : '';
        const fh = typeof pair.h.format === 'string' ? pair.h.format : '';
        if (fb === fh)
            return;
        // for numbers, no format means "any size", which is what int64/double allow in practice
        const widest = typesB[0] === 'integer' || typesB[0] === 'number' ? 2 : 3;
        const wb = fb === '' ? widest : formatWidth[fb];
        const wh = fh === '' ? widest : formatWidth[fh];
        if (wb !== undefined && wb === wh)
            return;
        const text = `changed format from '${fb || 'none'}' to '${fh || 'none'}'`;
        if (wb !== undefined && wh !== undefined && wh > wb)
            emitFirst(pair, ['type-generalized', 'type-changed'], text);
        else if (!request && wb !== undefined && wh !== undefined && wh < wb)
            emit(pair, 'type-specialized', text);
        else if (!request && fb === '')
            emit(pair, 'type-specialized', text);
        else
            emit(pair, 'type-changed', text);
        return;
    }
    const text = `changed type from '${from}' to '${to}'`;
    if (typesB.length > 1 || typesH.length > 1) {
        if (scalarWidensToArray(pair, typesB, typesH)) {
            emit(pair, 'type-generalized', text);
            return;
        }
        if (typesH.length > 1 && coversAll(typesH, typesB))
            emit(pair, 'list-of-types-widened', text);
        else if (typesB.length > 1 && coversAll(typesB, typesH))
            emit(pair, 'list-of-types-narrowed', text);
        else
            emit(pair, 'type-changed', text);
        return;
    }
    const tb = typesB[0];
    const th = typesH[0];
    if (accepts(th, tb)) {
        emitFirst(pair, ['type-generalized', 'type-changed'], text);
        return;
    }
    if (accepts(tb, th)) {
        emit(pair, request ? 'type-changed' : 'type-specialized', text);
        return;
    }
    if (request &&
        pair.site.paramIn !== null &&
        tb === 'string' &&
        th !== 'array' &&
        th !== 'object') {
        // a parameter travels as text: string → number/boolean narrows what is accepted
        emitFirst(pair, ['type-specialized', 'type-changed'], text);
        return;
    }
    if (isLooselyTyped(pair.site.mediaType)) {
        const compatible = request
            ? th === 'string' && (tb === 'object' || tb === 'array')
            : tb === 'string' && (th === 'object' || th === 'array');
        if (compatible) {
            emit(pair, 'type-compatible', text);
            return;
        }
    }
    if (scalarWidensToArray(pair, typesB, typesH)) {
        emit(pair, 'type-generalized', text);
        return;
    }
    emit(pair, 'type-changed', text);
}
/** nullable / x-nullable / `type: [x, "null"]` / a oneOf-with-null wrapper, compared by direction through the level table. */
function checkNullable(pair) {
    if (pair.nullableB === pair.nullableH)
        return;
    if (pair.nullableH)
        emit(pair, 'became-nullable', 'became nullable');
    else
        emit(pair, 'became-not-nullable', 'became not nullable');
}

/** An object schema accepts unlisted properties unless `additionalProperties` is false (absent means true). */
function allowsMore(schema) {
    return schema.additionalProperties !== false;
}
function isObjectSchema(schema) {
    return typesOf(schema).includes('object') || isObject(schema.properties);
}
/**
 * `additionalProperties` turning false (requests carrying extra properties are rejected) or turning permissive
 * (responses may carry properties a strict client refuses). A schema on both sides is compared by the recursion.
 */
function checkAdditionalProperties(pair) {
    if (!isObjectSchema(pair.b) && !isObjectSchema(pair.h))
        return;
    const before = allowsMore(pair.b);
    const after = allowsMore(pair.h);
    if (before && !after) {
        emit(pair, 'additional-properties-restricted', 'no longer allows properties it does not list', {
            subject: 'additionalProperties'
        });
    }
    else if (!before && after) {
        const what = isObject(pair.h.additionalProperties)
            ? 'now allows properties it does not list (matching a schema)'
            : 'now allows properties it does not list';
        emit(pair, 'additional-properties-allowed', what, { subject: 'additionalProperties' });
    }
}

/** Splits a `$ref` into the absolute file it points into and its JSON pointer. */
function splitRef(ref, fromFile) {
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    const file = filePart === '' ? fromFile : resolve$1(dirname(fromFile), decodeURI(filePart));
    return { file, pointer };
}
function isExternalUrl(ref) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);
}
function lookup(root, pointer) {
    if (pointer === '' || pointer === '/')
        return root;
    let node = root;
    for (const raw of pointer.slice(1).split('/')) {
        const unescaped = raw.indexOf('~') < 0 ? raw : raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const key = unescaped.indexOf('%') < 0 ? unescaped : decodeURIComponent(unescaped);
        if (Array.isArray(node))
            node = node[Number(key)];
        else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, key))
            node = node[key];
        else
            return undefined;
    }
    return node;
}
const annotationSiblings = new Set(['$ref', 'description', 'summary', 'title', '$comment']);
/** The target with the keywords written beside its `$ref` laid over it, located at the reference. */
function withSiblings(refNode, target) {
    const keys = Object.keys(refNode);
    if (keys.every((k) => annotationSiblings.has(k)))
        return target;
    const merged = { ...target };
    for (const key of keys)
        if (key !== '$ref')
            merged[key] = refNode[key];
    for (const symbol of Object.getOwnPropertySymbols(refNode))
        merged[symbol] = refNode[symbol];
    return merged;
}
/** Follows `$ref`s lazily, across the files of one side; results are cached per reference node. */
class RefResolver {
    files;
    options;
    cache = new WeakMap();
    targets = new Map();
    /**
     * `siblings`: keywords written beside a `$ref` apply too (OpenAPI 3.1, where a schema may say
     * `{$ref: X, readOnly: true}`); 3.0 and 2.0 ignore them, as their specifications say.
     */
    constructor(files, options = {}) {
        this.files = files;
        this.options = options;
    }
    /** The node a `$ref` node points at (or the node itself when it is not a reference). */
    deref(node) {
        if (!isObject(node) || typeof node.$ref !== 'string')
            return node;
        const cached = this.cache.get(node);
        if (cached !== undefined)
            return cached;
        let current = node;
        const seen = new Set();
        while (isObject(current) && typeof current.$ref === 'string') {
            if (seen.has(current))
                break;
            seen.add(current);
            const target = this.target(current);
            if (target === undefined)
                break;
            current = target;
        }
        if (this.options.siblings && isObject(current))
            current = withSiblings(node, current);
        this.cache.set(node, current);
        return current;
    }
    /** The direct target of one `$ref` node, or undefined when it does not resolve. */
    target(refNode) {
        const from = refNode[FILE] ?? '';
        const ref = refNode.$ref;
        const key = ref.startsWith('#') ? `${from}${ref}` : `${from}\u0000${ref}`;
        if (this.targets.has(key))
            return this.targets.get(key);
        const { file, pointer } = splitRef(ref, from);
        const root = this.files.get(file);
        const target = root === undefined ? undefined : lookup(root, pointer);
        this.targets.set(key, target);
        return target;
    }
    /** The name of the component a `$ref` points at (`Pet` for `#/components/schemas/Pet`). */
    static refName(node) {
        if (!isObject(node) || typeof node.$ref !== 'string')
            return undefined;
        const at = node.$ref.lastIndexOf('/');
        return at < 0 ? undefined : node.$ref.slice(at + 1);
    }
    static locationOf = locationOf;
}

const ID = Symbol('openapi.nodeId');
let nextId = 1;
/**
 * A number per document node, kept on the node itself (a non-enumerable symbol key: invisible to
 * Object.keys, JSON and spreads), so the comparison's memo tables are keyed by numbers instead of by WeakMap look-ups.
 */
function nodeId(node) {
    const holder = node;
    let id = holder[ID];
    if (id === undefined) {
        id = nextId++;
        // not enumerable: `{ ...node }` (merged and unwrapped views) must not copy the id
        Object.defineProperty(holder, ID, { value: id });
    }
    return id;
}
const LIMIT = 2 ** 26;
/** One key for an ordered pair of nodes: a number while ids are small, a string after. */
function pairKey(a, b) {
    const ia = nodeId(a);
    const ib = nodeId(b);
    return ia < LIMIT && ib < LIMIT ? ia * LIMIT + ib : `${ia}:${ib}`;
}

/** Keywords that never change what is valid on the wire: edits to them are not changes. */
const annotationKeys = new Set([
    'description',
    'summary',
    'title',
    'example',
    'examples',
    'externalDocs',
    '$comment'
]);
const compositionKeys = new Set(['oneOf', 'anyOf', 'allOf']);
/** Arrays of scalars that are sets: their order is not part of the contract. */
const unorderedKeys = new Set(['required', 'enum', 'type']);
function isScalarArray(value) {
    return Array.isArray(value) && value.every((v) => typeof v !== 'object');
}
function refOf(node) {
    return isObject(node) && typeof node.$ref === 'string' ? node.$ref : '';
}
function contentKeys(node) {
    return Object.keys(node).filter((key) => !annotationKeys.has(key));
}
/**
 * Decides whether a base node and a head node say the same thing (references followed, annotations
 * ignored, sets compared as sets, the component each oneOf/anyOf/allOf branch names included).
 *
 * Nodes may sit on cycles (recursive models), so equality is the greatest fixpoint: pairs are visited
 * once each, with Tarjan's strongly connected components over the pair graph. A pair met again while
 * its component is still open is assumed equal; when the component closes, one difference anywhere in
 * it makes every pair in it different (they all depend on each other). Every pair is decided once and
 * remembered, so the cost is linear in the pairs reached. The walk keeps its own stack: deep documents
 * cannot overflow the call stack.
 */
class Equivalence {
    base;
    head;
    tick;
    decided = new Map();
    /** Tarjan index of each pair still open. */
    open = new Map();
    sccStack = [];
    differs = new Set();
    counter = 0;
    constructor(base, head, tick = () => { }) {
        this.base = base;
        this.head = head;
        this.tick = tick;
    }
    /** Pairs decided so far (for progress and tests). */
    get size() {
        return this.decided.size;
    }
    same(b, h) {
        const rb = this.base.deref(b);
        const rh = this.head.deref(h);
        const trivial = this.trivially(rb, rh);
        if (trivial !== undefined)
            return trivial;
        const key = this.keyOf(rb, rh);
        const known = this.decided.get(key);
        if (known !== undefined)
            return known;
        this.walk(key, rb, rh);
        return this.decided.get(key);
    }
    /** Scalars and mismatched kinds are decided at once; undefined means both are objects of one kind. */
    trivially(rb, rh) {
        const objB = typeof rb === 'object' && rb !== null;
        const objH = typeof rh === 'object' && rh !== null;
        if (!objB || !objH)
            return !objB && !objH && rb === rh;
        if (Array.isArray(rb) !== Array.isArray(rh))
            return false;
        return undefined;
    }
    keyOf(rb, rh) {
        return pairKey(rb, rh);
    }
    /** The pairs below this one, or null when the two differ at this level already. */
    expand(rb, rh) {
        if (Array.isArray(rb)) {
            const list = rh;
            if (rb.length !== list.length)
                return null;
            return rb.map((item, i) => [item, list[i]]);
        }
        const objB = rb;
        const objH = rh;
        const keys = contentKeys(objB);
        const keysH = contentKeys(objH);
        if (keys.length !== keysH.length)
            return null;
        const children = [];
        for (const key of keys) {
            if (!Object.hasOwn(objH, key))
                return null;
            const vb = objB[key];
            const vh = objH[key];
            if (compositionKeys.has(key) && (Array.isArray(vb) || Array.isArray(vh))) {
                if (!Array.isArray(vb) || !Array.isArray(vh) || vb.length !== vh.length)
                    return null;
                for (let i = 0; i < vb.length; i++) {
                    if (refOf(vb[i]) !== refOf(vh[i]))
                        return null;
                    children.push([vb[i], vh[i]]);
                }
            }
            else if (unorderedKeys.has(key) && (isScalarArray(vb) || isScalarArray(vh))) {
                if (!isScalarArray(vb) || !isScalarArray(vh) || vb.length !== vh.length)
                    return null;
                if (JSON.stringify([...vb].sort()) !== JSON.stringify([...vh].sort()))
                    return null;
            }
            else {
                children.push([vb, vh]);
            }
        }
        return children;
    }
    push(frames, key, rb, rh) {
        const index = this.counter++;
        const children = this.expand(rb, rh);
        this.open.set(key, index);
        this.sccStack.push(key);
        frames.push({
            key,
            index,
            low: index,
            children: children ?? [],
            next: 0,
            equal: children !== null
        });
    }
    walk(rootKey, rb, rh) {
        const frames = [];
        this.push(frames, rootKey, rb, rh);
        while (frames.length > 0) {
            this.tick();
            const frame = frames[frames.length - 1];
            if (frame.equal && frame.next < frame.children.length) {
                const [cb, ch] = frame.children[frame.next++];
                const db = this.base.deref(cb);
                const dh = this.head.deref(ch);
                const trivial = this.trivially(db, dh);
                if (trivial !== undefined) {
                    if (!trivial)
                        frame.equal = false;
                    continue;
                }
                const key = this.keyOf(db, dh);
                const known = this.decided.get(key);
                if (known !== undefined) {
                    if (!known)
                        frame.equal = false;
                    continue;
                }
                const openIndex = this.open.get(key);
                if (openIndex !== undefined) {
                    // on a cycle: assumed equal until its component closes
                    frame.low = Math.min(frame.low, openIndex);
                    continue;
                }
                this.push(frames, key, db, dh);
                continue;
            }
            frames.pop();
            if (!frame.equal)
                this.differs.add(frame.key);
            let result = frame.equal;
            if (frame.low === frame.index) {
                const members = [];
                let different = false;
                for (;;) {
                    const member = this.sccStack.pop();
                    members.push(member);
                    if (this.differs.has(member))
                        different = true;
                    if (member === frame.key)
                        break;
                }
                for (const member of members) {
                    this.decided.set(member, !different);
                    this.open.delete(member);
                    this.differs.delete(member);
                }
                result = !different;
            }
            const parent = frames[frames.length - 1];
            if (parent) {
                parent.low = Math.min(parent.low, frame.low);
                if (!result)
                    parent.equal = false;
            }
        }
    }
}
/**
 * A cheap key that equal nodes always share (the top level's content keys, scalar values and branch
 * references), for bucketing candidates before the exact `same` check.
 */
function shapeKey(side, node) {
    const target = side.deref(node);
    if (typeof target !== 'object' || target === null)
        return `=${JSON.stringify(target)}`;
    if (Array.isArray(target))
        return `[${target.length}]`;
    const obj = target;
    const parts = [];
    for (const key of contentKeys(obj).sort()) {
        const value = obj[key];
        if (compositionKeys.has(key) && Array.isArray(value)) {
            parts.push(`${key}:${value.map(refOf).join(',')}`);
        }
        else if (unorderedKeys.has(key) && isScalarArray(value)) {
            parts.push(`${key}=${JSON.stringify([...value].sort())}`);
        }
        else if (typeof value !== 'object' || value === null) {
            parts.push(`${key}=${JSON.stringify(value)}`);
        }
        else {
            parts.push(key);
        }
    }
    return parts.join('\u0000');
}

/**
 * Matches subschemas of oneOf/anyOf/allOf: by component name, then by content (so an inline schema replaced by
 * an equivalent `$ref` is the same branch), then inline ones by position when as many are left on both sides.
 */
function matchBranches(pair, listB, listH, byPosition) {
    const { env } = pair.site;
    const freeB = new Set(listB.keys());
    const freeH = new Set(listH.keys());
    const pairs = [];
    const take = (i, j) => {
        pairs.push({ b: i, h: j, same: env.same(listB[i], listH[j]) });
        freeB.delete(i);
        freeH.delete(j);
    };
    // indexes instead of scans: a oneOf of thousands of branches is matched in near-linear time
    const byName = new Map();
    listH.forEach((node, j) => {
        const name = RefResolver.refName(node);
        if (name !== undefined)
            byName.set(name, [...(byName.get(name) ?? []), j]);
    });
    for (const i of [...freeB]) {
        const name = RefResolver.refName(listB[i]);
        if (name === undefined)
            continue;
        const j = byName.get(name)?.find((k) => freeH.has(k));
        if (j !== undefined)
            take(i, j);
    }
    const byShape = new Map();
    for (const j of freeH) {
        const key = shapeKey(env.head, listH[j]);
        byShape.set(key, [...(byShape.get(key) ?? []), j]);
    }
    for (const i of [...freeB]) {
        const refB = RefResolver.refName(listB[i]);
        const j = byShape
            .get(shapeKey(env.base, listB[i]))
            ?.find((k) => freeH.has(k) &&
            (refB === undefined || RefResolver.refName(listH[k]) === undefined) &&
            env.same(listB[i], listH[k]));
        if (j !== undefined)
            take(i, j);
    }
    const inlineB = [...freeB].filter((i) => RefResolver.refName(listB[i]) === undefined);
    const inlineH = [...freeH].filter((j) => RefResolver.refName(listH[j]) === undefined);
    if (byPosition && inlineB.length === inlineH.length) {
        inlineB.forEach((i, k) => {
            const j = inlineH[k];
            pairs.push({ b: i, h: j, same: false });
            freeB.delete(i);
            freeH.delete(j);
        });
    }
    return { pairs, added: [...freeH], removed: [...freeB] };
}
const annotationOnlyKeys = new Set([
    'title',
    'description',
    'examples',
    'example',
    'default',
    'externalDocs',
    '$comment'
]);
function isAnnotationOnly(schema) {
    return isObject(schema) && Object.keys(schema).every((k) => annotationOnlyKeys.has(k));
}
function branchName(node, index) {
    const title = isObject(node) && typeof node.title === 'string' ? `'${node.title}'` : undefined;
    return RefResolver.refName(node) ?? title ?? `#${index}`;
}
/** allOf subschemas added or removed (the merged schema is compared separately, so these are the only allOf findings). */
function checkAllOf(pair) {
    const listB = Array.isArray(pair.rawB.allOf) ? pair.rawB.allOf : [];
    const listH = Array.isArray(pair.rawH.allOf) ? pair.rawH.allOf : [];
    if (listB.length === 0 && listH.length === 0)
        return;
    // splitting a schema into allOf parts (or joining them) without changing what it means is no change
    const sameMeaning = pair.site.env.same(pair.b, pair.h);
    const match = matchBranches(pair, listB, listH, false);
    const { head, base } = pair.site.env;
    for (const j of match.added) {
        const annotation = isAnnotationOnly(head.deref(listH[j]));
        if (sameMeaning && !annotation)
            continue;
        emit(pair, annotation ? 'all-of-added-annotation-only' : 'all-of-added', `gained the allOf subschema ${branchName(listH[j], j)}`, {
            subject: `allOf+${branchName(listH[j], j)}`
        });
    }
    for (const i of match.removed) {
        const annotation = isAnnotationOnly(base.deref(listB[i]));
        if (sameMeaning && !annotation)
            continue;
        emit(pair, annotation ? 'all-of-removed-annotation-only' : 'all-of-removed', `lost the allOf subschema ${branchName(listB[i], i)}`, {
            subject: `allOf-${branchName(listB[i], i)}`,
            side: 'base'
        });
    }
}
/**
 * oneOf/anyOf subschemas added or removed; returns the matched pairs whose insides differ, for the caller to
 * compare. A concrete object wrapped into a oneOf is reported once as `wrapped-in-one-of`.
 */
function checkAlternatives(pair) {
    const inside = [];
    for (const kind of ['oneOf', 'anyOf']) {
        const listB = Array.isArray(pair.b[kind]) ? pair.b[kind] : [];
        const listH = Array.isArray(pair.h[kind]) ? pair.h[kind] : [];
        if (listB.length === 0 && listH.length === 0)
            continue;
        const match = matchBranches(pair, listB, listH, true);
        const stem = kind === 'oneOf' ? 'one-of' : 'any-of';
        for (const j of match.added) {
            emit(pair, `${stem}-added`, `gained the ${kind} subschema ${branchName(listH[j], j)}`, {
                subject: `${kind}+${branchName(listH[j], j)}`
            });
        }
        for (const i of match.removed) {
            emit(pair, `${stem}-removed`, `lost the ${kind} subschema ${branchName(listB[i], i)}`, {
                subject: `${kind}-${branchName(listB[i], i)}`,
                side: 'base'
            });
        }
        for (const p of match.pairs)
            if (!p.same)
                inside.push({ kind, b: listB[p.b], h: listH[p.h], index: p.h });
    }
    return inside;
}
/** A concrete schema that becomes a oneOf of alternatives: payloads may now match several and be rejected. */
function checkWrappedInOneOf(pair) {
    const listH = pair.h.oneOf;
    if (!Array.isArray(listH) || listH.length < 2)
        return false;
    if (Array.isArray(pair.b.oneOf) || Array.isArray(pair.b.anyOf))
        return false;
    if (pair.b.type === undefined && pair.b.properties === undefined)
        return false;
    return emit(pair, 'wrapped-in-one-of', `was wrapped in a oneOf of ${listH.length} alternatives`);
}
/** A mapping value names a schema by reference or by its bare component name (`Cat`, the same as `#/components/schemas/Cat`). */
function mappingTarget(value) {
    const text = String(value);
    return /^[A-Za-z0-9._-]+$/.test(text) ? `#/components/schemas/${text}` : text;
}
/**
 * discriminator added/removed, propertyName changed, mapping entries added/deleted/retargeted. A renamed
 * property or a value that loses or changes its target dispatches payloads differently (breaking, registry.ts).
 */
function checkDiscriminator(pair) {
    const db = isObject(pair.b.discriminator) ? pair.b.discriminator : undefined;
    const dh = isObject(pair.h.discriminator) ? pair.h.discriminator : undefined;
    if (!db && !dh)
        return;
    if (!db) {
        emit(pair, 'discriminator-added', 'gained a discriminator');
        return;
    }
    if (!dh) {
        emit(pair, 'discriminator-removed', 'lost its discriminator', { side: 'base' });
        return;
    }
    if (db.propertyName !== dh.propertyName) {
        emit(pair, 'discriminator-property-name-changed', `discriminator property changed from '${String(db.propertyName)}' to '${String(dh.propertyName)}'`);
    }
    const mb = (isObject(db.mapping) ? db.mapping : {});
    const mh = (isObject(dh.mapping) ? dh.mapping : {});
    for (const key of Object.keys(mh)) {
        if (!(key in mb))
            emit(pair, 'discriminator-mapping-added', `discriminator mapping gained '${key}'`, {
                subject: `map+${key}`
            });
        else if (mappingTarget(mb[key]) !== mappingTarget(mh[key]))
            emit(pair, 'discriminator-mapping-changed', `discriminator mapping '${key}' changed`, {
                subject: `map~${key}`
            });
    }
    for (const key of Object.keys(mb)) {
        if (!(key in mh))
            emit(pair, 'discriminator-mapping-deleted', `discriminator mapping lost '${key}'`, {
                subject: `map-${key}`,
                side: 'base'
            });
    }
}

/** JSON Schema 2020-12 keywords (OpenAPI 3.1) whose presence constrains instances. */
const presenceKeywords = [
    ['contains', 'contains-added', 'contains-removed'],
    ['if', 'if-added', 'if-removed'],
    ['then', 'then-added', 'then-removed'],
    ['else', 'else-added', 'else-removed'],
    ['propertyNames', 'property-names-added', 'property-names-removed'],
    ['unevaluatedItems', 'unevaluated-items-added', 'unevaluated-items-removed'],
    ['unevaluatedProperties', 'unevaluated-properties-added', 'unevaluated-properties-removed'],
    ['contentSchema', 'content-schema-added', 'content-schema-removed']
];
/** A keyword appearing constrains (breaking in requests), disappearing relaxes (breaking in responses). */
function checkPresenceKeywords(pair) {
    for (const [key, added, removed] of presenceKeywords) {
        const inB = pair.b[key] !== undefined;
        const inH = pair.h[key] !== undefined;
        if (inB && !inH)
            emit(pair, removed, `lost '${key}'`, { side: 'base', subject: key });
        else if (!inB && inH)
            emit(pair, added, `gained '${key}'`, { subject: key });
    }
    for (const [key, stem] of [
        ['contentMediaType', 'content-media-type'],
        ['contentEncoding', 'content-encoding']
    ]) {
        if (!sameValue(pair.b[key], pair.h[key])) {
            emit(pair, `${stem}-changed`, `${key} changed from ${JSON.stringify(pair.b[key] ?? null)} to ${JSON.stringify(pair.h[key] ?? null)}`);
        }
    }
}
function keyedMap(value) {
    return isObject(value) ? value : {};
}
/** dependentRequired, dependentSchemas, patternProperties and prefixItems, entry by entry. */
function checkKeyedKeywords(pair) {
    const drB = keyedMap(pair.b.dependentRequired);
    const drH = keyedMap(pair.h.dependentRequired);
    for (const key of Object.keys(drH)) {
        if (!(key in drB))
            emit(pair, 'dependent-required-added', `gained dependentRequired for '${key}'`, {
                subject: `dr+${key}`
            });
        else if (!sameValue(drB[key], drH[key]))
            emit(pair, 'dependent-required-changed', `dependentRequired for '${key}' changed`, {
                subject: `dr~${key}`
            });
    }
    for (const key of Object.keys(drB)) {
        if (!(key in drH))
            emit(pair, 'dependent-required-removed', `lost dependentRequired for '${key}'`, {
                subject: `dr-${key}`,
                side: 'base'
            });
    }
    for (const [key, stem] of [
        ['dependentSchemas', 'dependent-schema'],
        ['patternProperties', 'pattern-property']
    ]) {
        const mb = keyedMap(pair.b[key]);
        const mh = keyedMap(pair.h[key]);
        for (const k of Object.keys(mh))
            if (!(k in mb))
                emit(pair, `${stem}-added`, `gained ${key} '${k}'`, { subject: `${key}+${k}` });
        for (const k of Object.keys(mb))
            if (!(k in mh))
                emit(pair, `${stem}-removed`, `lost ${key} '${k}'`, {
                    subject: `${key}-${k}`,
                    side: 'base'
                });
    }
    const pb = Array.isArray(pair.b.prefixItems) ? pair.b.prefixItems.length : 0;
    const ph = Array.isArray(pair.h.prefixItems) ? pair.h.prefixItems.length : 0;
    if (ph > pb)
        emit(pair, 'prefix-items-added', `gained ${ph - pb} prefixItems`);
    else if (pb > ph)
        emit(pair, 'prefix-items-removed', `lost ${pb - ph} prefixItems`, { side: 'base' });
}

/** A property that became (`on`) or stopped being (`off`) readOnly / writeOnly, by direction and requiredness. */
const readWriteFlipIds = {
    request: {
        required: {
            readOnly: {
                on: 'request-required-property-became-read-only',
                off: 'request-required-property-became-not-read-only'
            },
            writeOnly: {
                on: 'request-required-property-became-write-only',
                off: 'request-required-property-became-not-write-only'
            }
        },
        optional: {
            readOnly: {
                on: 'request-optional-property-became-read-only',
                off: 'request-optional-property-became-not-read-only'
            },
            writeOnly: {
                on: 'request-optional-property-became-write-only',
                off: 'request-optional-property-became-not-write-only'
            }
        }
    },
    response: {
        required: {
            readOnly: {
                on: 'response-required-property-became-read-only',
                off: 'response-required-property-became-not-read-only'
            },
            writeOnly: {
                on: 'response-required-property-became-write-only',
                off: 'response-required-property-became-not-write-only'
            }
        },
        optional: {
            readOnly: {
                on: 'response-optional-property-became-read-only',
                off: 'response-optional-property-became-not-read-only'
            },
            writeOnly: {
                on: 'response-optional-property-became-write-only',
                off: 'response-optional-property-became-not-write-only'
            }
        }
    }
};
/** Deprecation and stability of a property, by direction. */
const lifecycleIds = {
    request: {
        deprecated: 'request-property-deprecated',
        deprecatedWithSunset: 'request-property-deprecated-with-sunset',
        sunsetInvalid: 'request-property-deprecated-sunset-invalid',
        reactivated: 'request-property-reactivated',
        stabilityDecreased: 'request-property-stability-decreased',
        stabilityIncreased: 'request-property-stability-increased'
    },
    response: {
        deprecated: 'response-property-deprecated',
        deprecatedWithSunset: 'response-property-deprecated-with-sunset',
        sunsetInvalid: 'response-property-deprecated-sunset-invalid',
        reactivated: 'response-property-reactivated',
        stabilityDecreased: 'response-property-stability-decreased',
        stabilityIncreased: 'response-property-stability-increased'
    }
};
function requiredSet(schema) {
    return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}
function propertiesOf(schema) {
    return isObject(schema.properties) ? schema.properties : {};
}
function flag(schema, key) {
    return isObject(schema) && schema[key] === true;
}
/** Properties added and removed, judged by direction and by readOnly (requests) / writeOnly (responses). */
function checkPropertiesAddedRemoved(pair) {
    const { site } = pair;
    const { base, head } = site.env;
    const pb = propertiesOf(pair.b);
    const ph = propertiesOf(pair.h);
    const reqB = requiredSet(pair.b);
    const reqH = requiredSet(pair.h);
    const headerParam = site.paramIn === 'header';
    for (const name of Object.keys(ph)) {
        if (name in pb)
            continue;
        const prop = head.deref(ph[name]);
        const path = [...pair.path, name];
        const required = reqH.has(name);
        const at = { path, subject: `+${name}`, id: '', node: ph[name] };
        if (site.dir === 'request') {
            if (flag(prop, 'readOnly'))
                continue;
            if (!required)
                emit(pair, '', 'was added as an optional property', {
                    ...at,
                    id: 'new-optional-request-property'
                });
            else if (headerParam)
                emit(pair, '', 'was added as a required property', {
                    ...at,
                    id: 'new-required-request-header-property'
                });
            else if (isObject(prop) && prop.default !== undefined) {
                emit(pair, '', 'was added as a required property (with a default)', {
                    ...at,
                    id: 'new-required-request-property-with-default'
                });
            }
            else
                emit(pair, '', 'was added as a required property', {
                    ...at,
                    id: 'new-required-request-property'
                });
        }
        else {
            const writeOnly = flag(prop, 'writeOnly');
            emit(pair, '', `was added as ${required ? 'a required' : 'an optional'} property`, {
                ...at,
                id: required
                    ? writeOnly
                        ? 'response-required-write-only-property-added'
                        : 'response-required-property-added'
                    : writeOnly
                        ? 'response-optional-write-only-property-added'
                        : 'response-optional-property-added'
            });
        }
    }
    for (const name of Object.keys(pb)) {
        if (name in ph)
            continue;
        const prop = base.deref(pb[name]);
        const path = [...pair.path, name];
        const at = { path, subject: `-${name}`, side: 'base', node: pb[name] };
        if (site.dir === 'request') {
            if (flag(prop, 'readOnly'))
                continue;
            emit(pair, '', 'was removed', { ...at, id: 'request-property-removed' });
        }
        else {
            const required = reqB.has(name);
            const writeOnly = flag(prop, 'writeOnly');
            emit(pair, '', `was removed (it was ${required ? 'required' : 'optional'})`, {
                ...at,
                id: required
                    ? writeOnly
                        ? 'response-required-write-only-property-removed'
                        : 'response-required-property-removed'
                    : writeOnly
                        ? 'response-optional-write-only-property-removed'
                        : 'response-optional-property-removed'
            });
        }
    }
}
/** required/optional, readOnly/writeOnly, deprecation and stability of the properties both sides have. */
function checkPropertiesChanged(pair) {
    const { site } = pair;
    const { base, head } = site.env;
    const pb = propertiesOf(pair.b);
    const ph = propertiesOf(pair.h);
    const reqB = requiredSet(pair.b);
    const reqH = requiredSet(pair.h);
    const dir = site.dir;
    for (const name of Object.keys(ph)) {
        if (!(name in pb))
            continue;
        const propB = base.merge(asObject(base.deref(pb[name])));
        const propH = head.merge(asObject(head.deref(ph[name])));
        const path = [...pair.path, name];
        const was = reqB.has(name);
        const is = reqH.has(name);
        const subject = `~${name}`;
        const node = ph[name];
        const baseNode = pb[name];
        const at = { path, node, baseNode };
        if (was !== is) {
            if (dir === 'request') {
                if (is && !flag(propH, 'readOnly')) {
                    const id = site.paramIn === 'header'
                        ? 'request-header-property-became-required'
                        : propH.default !== undefined
                            ? 'request-property-became-required-with-default'
                            : 'request-property-became-required';
                    emit(pair, '', 'became required', { ...at, subject, id });
                }
                else if (!is && !flag(propB, 'readOnly'))
                    emit(pair, '', 'became optional', {
                        ...at,
                        subject,
                        id: 'request-property-became-optional'
                    });
            }
            else {
                const writeOnly = flag(propH, 'writeOnly');
                emit(pair, '', is ? 'became required' : 'became optional', {
                    ...at,
                    subject,
                    id: is
                        ? writeOnly
                            ? 'response-write-only-property-became-required'
                            : 'response-property-became-required'
                        : writeOnly
                            ? 'response-write-only-property-became-optional'
                            : 'response-property-became-optional'
                });
            }
        }
        for (const key of ['readOnly', 'writeOnly']) {
            const fb = flag(propB, key);
            const fh = flag(propH, key);
            if (fb === fh)
                continue;
            const word = key === 'readOnly' ? 'read-only' : 'write-only';
            emit(pair, '', `became ${fh ? '' : 'not '}${word}`, {
                ...at,
                subject: `${subject}:${key}`,
                id: readWriteFlipIds[dir][is ? 'required' : 'optional'][key][fh ? 'on' : 'off']
            });
        }
        // Properties have no sunset rules of their own: only deprecation and reactivation are reported.
        const change = lifecycleChange(propB, propH);
        if (change?.kind === 'deprecated') {
            const sunset = change.sunset;
            if (sunset.kind === 'invalid') {
                emit(pair, '', `was deprecated with an invalid x-sunset '${sunset.raw}'`, {
                    ...at,
                    subject,
                    id: lifecycleIds[dir].sunsetInvalid
                });
            }
            else if (sunset.kind === 'date') {
                emit(pair, '', `was deprecated (sunset ${sunset.raw})`, {
                    ...at,
                    subject,
                    id: lifecycleIds[dir].deprecatedWithSunset
                });
            }
            else
                emit(pair, '', 'was deprecated', {
                    ...at,
                    subject,
                    id: lifecycleIds[dir].deprecated
                });
        }
        else if (change?.kind === 'reactivated') {
            emit(pair, '', 'was reactivated (no longer deprecated)', {
                ...at,
                subject,
                id: lifecycleIds[dir].reactivated
            });
        }
        const rankB = stabilityRank(propB['x-stability-level']);
        const rankH = stabilityRank(propH['x-stability-level']);
        const exempt = site.env.exemptStability.has(String(propB['x-stability-level']));
        if (rankB !== undefined &&
            rankH !== undefined &&
            rankB >= 0 &&
            rankH >= 0 &&
            rankB !== rankH &&
            !exempt) {
            const down = rankH < rankB;
            emit(pair, '', `stability ${down ? 'decreased' : 'increased'} from ${String(propB['x-stability-level'])} to ${String(propH['x-stability-level'])}`, {
                ...at,
                subject,
                id: down ? lifecycleIds[dir].stabilityDecreased : lifecycleIds[dir].stabilityIncreased
            });
        }
    }
}
function asObject(value) {
    return isObject(value) ? value : {};
}

function nonNull(values) {
    return Array.isArray(values) ? values.filter((v) => v !== null) : undefined;
}
/** The values not in `other`: one pass over each list (enums of 100k values stay linear). */
function missingFrom(values, other) {
    const present = new Set(other.map(valueKey));
    return values.filter((v) => !present.has(valueKey(v)));
}
/** A long enum is listed in a message by its first values and a count. */
function listValues(values, limit = 20) {
    const shown = values.slice(0, limit).map(show).join(', ');
    return values.length > limit ? `${shown}, … and ${values.length - limit} more` : shown;
}
/** enum values by direction: a request losing a value or a response gaining one can break a client. */
function checkEnum(pair) {
    const eb = nonNull(pair.b.enum);
    const eh = nonNull(pair.h.enum);
    const { site } = pair;
    if (eb === undefined && eh !== undefined && eh.length > 0) {
        if (site.dir === 'request' && site.paramIn === 'header' && pair.path.length > 0) {
            emit(pair, '', 'became an enum', { id: 'request-header-property-became-enum' });
        }
        else
            emit(pair, 'became-enum', `became an enum (${listValues(eh)})`);
    }
    if (eb !== undefined && eh !== undefined) {
        for (const value of missingFrom(eb, eh)) {
            const atMediaType = site.dir === 'response' && pair.path.length === 0 && site.top === 'response-body';
            emit(pair, 'enum-value-removed', `lost the enum value ${show(value)}`, {
                subject: `enum:${JSON.stringify(value)}`,
                side: 'base',
                ...(atMediaType ? { id: 'response-mediatype-enum-value-removed' } : {})
            });
        }
        for (const value of missingFrom(eh, eb)) {
            emit(pair, 'enum-value-added', `gained the enum value ${show(value)}`, {
                subject: `enum:${JSON.stringify(value)}`
            });
        }
    }
    if (eb !== undefined &&
        eh === undefined &&
        pair.h[FROM_ALTERNATIVES] === true) {
        // the enum went away in the same edit that turned the type into alternatives: report what it no longer lists
        for (const value of eb)
            emit(pair, 'enum-value-removed', `lost the enum value ${show(value)}`, {
                subject: `enum:${JSON.stringify(value)}`,
                side: 'base'
            });
    }
    const xb = nonNull(pair.b['x-extensible-enum']);
    const xh = nonNull(pair.h['x-extensible-enum']);
    if (xb !== undefined && xh !== undefined) {
        for (const value of missingFrom(xb, xh)) {
            emit(pair, 'x-extensible-enum-value-removed', `lost the x-extensible-enum value ${show(value)}`, {
                subject: `xenum:${JSON.stringify(value)}`,
                side: 'base'
            });
        }
    }
}
const bounds = [
    {
        key: 'maxLength',
        increased: 'max-length-increased',
        decreased: 'max-length-decreased',
        set: ['max-length-set', 'max-length-decreased'],
        unset: ['max-length-unset', 'max-length-increased']
    },
    {
        key: 'minLength',
        increased: 'min-length-increased',
        decreased: 'min-length-decreased',
        set: ['min-length-increased'],
        unset: ['min-length-decreased']
    },
    {
        key: 'maximum',
        increased: 'max-increased',
        decreased: 'max-decreased',
        set: ['max-set', 'max-decreased'],
        unset: ['max-increased']
    },
    {
        key: 'minimum',
        increased: 'min-increased',
        decreased: 'min-decreased',
        set: ['min-set', 'min-increased'],
        unset: ['min-decreased']
    },
    {
        key: 'maxItems',
        increased: 'max-items-increased',
        decreased: 'max-items-decreased',
        set: ['max-items-decreased'],
        unset: ['max-items-increased']
    },
    {
        key: 'minItems',
        increased: 'min-items-increased',
        decreased: 'min-items-decreased',
        set: ['min-items-set', 'min-items-increased'],
        unset: ['min-items-unset', 'min-items-decreased']
    },
    {
        key: 'maxContains',
        increased: 'max-contains-increased',
        decreased: 'max-contains-decreased',
        set: ['max-contains-decreased'],
        unset: ['max-contains-increased']
    },
    {
        key: 'minContains',
        increased: 'min-contains-increased',
        decreased: 'min-contains-decreased',
        set: ['min-contains-increased'],
        unset: ['min-contains-decreased']
    },
    {
        key: 'exclusiveMaximum',
        increased: 'exclusive-max-increased',
        decreased: 'exclusive-max-decreased',
        set: ['exclusive-max-set', 'exclusive-max-decreased'],
        unset: ['exclusive-max-increased']
    },
    {
        key: 'exclusiveMinimum',
        increased: 'exclusive-min-increased',
        decreased: 'exclusive-min-decreased',
        set: ['exclusive-min-set', 'exclusive-min-increased'],
        unset: ['exclusive-min-decreased']
    }
];
/**
 * Numeric bounds. The ids carry the direction of the change; the level table says what it means on each side
 * (a request maximum decreasing breaks callers, a response maximum increasing does).
 */
function checkBounds(pair) {
    for (const bound of bounds) {
        const vb = pair.b[bound.key];
        const vh = pair.h[bound.key];
        const nb = typeof vb === 'number' ? vb : undefined;
        const nh = typeof vh === 'number' ? vh : undefined;
        if (nb === nh)
            continue;
        const label = bound.key;
        if (nb !== undefined && nh !== undefined) {
            emit(pair, nh > nb ? bound.increased : bound.decreased, `${label} ${nh > nb ? 'increased' : 'decreased'} from ${nb} to ${nh}`);
        }
        else if (nb === undefined && nh !== undefined) {
            emitFirst(pair, bound.set, `${label} was set to ${nh}`);
        }
        else if (nb !== undefined) {
            emitFirst(pair, bound.unset, `${label} ${nb} was removed`, { side: 'head' });
        }
    }
}
const anything = new Set(['.*', '^.*$', '(.*)', '^(.*)$', '^.*', '.*$']);
/** pattern added / changed / removed / generalized (to match-anything). */
function checkPattern(pair) {
    const pb = typeof pair.b.pattern === 'string' && pair.b.pattern !== '' ? pair.b.pattern : undefined;
    const ph = typeof pair.h.pattern === 'string' && pair.h.pattern !== '' ? pair.h.pattern : undefined;
    if (pb === ph)
        return;
    if (pb === undefined)
        emit(pair, 'pattern-added', `gained the pattern '${ph}'`);
    else if (ph === undefined)
        emit(pair, 'pattern-removed', `lost the pattern '${pb}'`);
    else if (anything.has(ph))
        emitFirst(pair, ['pattern-generalized', 'pattern-changed'], `pattern changed from '${pb}' to '${ph}'`);
    else
        emit(pair, 'pattern-changed', `pattern changed from '${pb}' to '${ph}'`);
}
/** default values: for parameters a changed default changes what an omitted value means. */
function checkDefault(pair) {
    const db = pair.b.default;
    const dh = pair.h.default;
    if (sameValue(db, dh))
        return;
    if (db === undefined)
        emit(pair, 'default-value-added', `gained the default ${show(dh)}`);
    else if (dh === undefined)
        emit(pair, 'default-value-removed', `lost the default ${show(db)}`);
    else
        emit(pair, 'default-value-changed', `default changed from ${show(db)} to ${show(dh)}`);
}
/** const (3.1). */
function checkConst(pair) {
    const cb = pair.b.const;
    const ch = pair.h.const;
    if (sameValue(cb, ch))
        return;
    if (cb === undefined)
        emit(pair, 'const-added', `gained the const ${show(ch)}`);
    else if (ch === undefined)
        emit(pair, 'const-removed', `lost the const ${show(cb)}`);
    else
        emit(pair, 'const-changed', `const changed from ${show(cb)} to ${show(ch)}`);
}

/** The checks run on every pair of schemas compared, in report order. */
const schemaChecks = [
    checkAllOf,
    checkTypeChanged,
    checkNullable,
    checkEnum,
    checkBounds,
    checkPattern,
    checkDefault,
    checkConst,
    checkPresenceKeywords,
    checkKeyedKeywords,
    checkAdditionalProperties,
    checkDiscriminator,
    checkPropertiesAddedRemoved,
    checkPropertiesChanged
];
function isNullSchema(node) {
    return (isObject(node) &&
        (node.type === 'null' ||
            (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'null')));
}
/** `oneOf/anyOf: [{type: 'null'}, X]` is X made nullable, not a new alternative. */
function unwrapNull(side, schema) {
    for (const kind of ['oneOf', 'anyOf']) {
        const list = schema[kind];
        if (!Array.isArray(list) || list.length !== 2)
            continue;
        const resolved = list.map((x) => side.deref(x));
        const nullAt = resolved.findIndex(isNullSchema);
        if (nullAt < 0)
            continue;
        const other = resolved[1 - nullAt];
        if (!isObject(other))
            continue;
        const rest = { ...schema };
        delete rest[kind];
        return {
            // keywords beside the wrapper (a default, a description) still apply: fold them in
            schema: Object.keys(rest).some((k) => k !== 'description' && k !== 'title')
                ? side.merge({ ...rest, allOf: [other] })
                : other,
            nullable: true,
            wrapped: other
        };
    }
    return { schema, nullable: nullableFlag(schema) };
}
const typeOnlyKeys = new Set(['type', 'format', 'description', 'title']);
/** `oneOf: [{type: string}, {type: integer}]` says the same as `type: [string, integer]`; compare it that way. */
function alternativesAsTypes(side, schema) {
    if (schema.type !== undefined)
        return schema;
    for (const kind of ['oneOf', 'anyOf']) {
        const list = schema[kind];
        if (!Array.isArray(list) || list.length < 2)
            continue;
        const types = [];
        for (const item of list) {
            const branch = side.deref(item);
            if (!isObject(branch) || typeof branch.type !== 'string')
                return schema;
            if (!Object.keys(branch).every((k) => typeOnlyKeys.has(k)))
                return schema;
            types.push(branch.type);
        }
        const out = { ...schema, type: types };
        delete out[kind];
        out[FROM_ALTERNATIVES] = true;
        return out;
    }
    return schema;
}
function nullableFlag(schema) {
    if (schema.nullable === true || schema['x-nullable'] === true)
        return true;
    return Array.isArray(schema.type) && schema.type.includes('null');
}
function isRef(node) {
    return isObject(node) && typeof node.$ref === 'string';
}
/** Everything about a place that decides the ids and levels reported below it. */
function placeOf(site, path, flags) {
    return [
        site.dir,
        site.top,
        site.nested,
        site.mediaType ?? '',
        site.paramIn ?? '',
        site.flattenItems === true ? 'flat' : '',
        flags.readOnly ? 'ro' : '',
        flags.writeOnly ? 'wo' : '',
        path.length === 0 ? 'root' : 'nested'
    ].join('|');
}
/**
 * Compares two schemas at one place and everything below them. Identical contracts are skipped at once
 * (env.same, decided once per pair of nodes). A schema reached through a `$ref`, or at a root, is a scope:
 * compared once for every operation and path that reaches it (see SchemaScopes), which also ends cycles.
 */
function compareSchemas(site, b, h, path = [], flags = { readOnly: false, writeOnly: false }, stack = new Set()) {
    const { env } = site;
    const { base, head } = env;
    const rb = base.deref(b);
    const rh = head.deref(h);
    if (!isObject(rb) || !isObject(rh))
        return;
    // a $ref left unresolved in the base is reported once as such (api-base-ref-unresolved), not as changes
    if (isRef(rb) || isRef(rh))
        return;
    if (env.same(rb, rh))
        return;
    env.budget.tick();
    const scoped = path.length === 0 || isRef(b) || isRef(h);
    if (scoped &&
        !env.scopes.enter(env.scopes.keyOf(rb, rh, placeOf(site, path, flags)), site.operation, path.length > 0))
        return;
    // below a named component, places are named from the component: short, and the same from every path
    if (path.length > 0 && scoped) {
        const name = RefResolver.refName(h) ?? RefResolver.refName(b);
        if (name !== undefined)
            path = [componentStep(name)];
    }
    // inline schemas form trees; the stack only guards against documents that alias a node into itself
    if (stack.has(rb)) {
        if (scoped)
            env.scopes.leave();
        return;
    }
    stack.add(rb);
    try {
        const ub = unwrapNull(base, rb);
        const uh = unwrapNull(head, rh);
        ub.schema = alternativesAsTypes(base, ub.schema);
        uh.schema = alternativesAsTypes(head, uh.schema);
        const pair = {
            site,
            path,
            rawB: ub.schema,
            rawH: uh.schema,
            b: base.merge(ub.schema),
            h: head.merge(uh.schema),
            nullableB: ub.nullable || nullableFlag(base.merge(ub.schema)),
            nullableH: uh.nullable || nullableFlag(head.merge(uh.schema)),
            readOnly: flags.readOnly,
            writeOnly: flags.writeOnly
        };
        // a request null-wrapper around a schema that also changed is reported by what changed inside (oasdiff#1088);
        // a response that may now be null is reported whatever else changed
        if (site.dir === 'request' && (ub.wrapped === undefined) !== (uh.wrapped === undefined)) {
            const innerB = ub.wrapped ?? rb;
            const innerH = uh.wrapped ?? rh;
            if (!env.same(innerB, innerH))
                pair.nullableB = pair.nullableH;
        }
        if (checkWrappedInOneOf(pair))
            return;
        for (const check of schemaChecks)
            check(pair);
        recurse(pair, flags, stack);
    }
    finally {
        stack.delete(rb);
        if (scoped)
            env.scopes.leave();
    }
}
function recurse(pair, flags, stack) {
    const { site } = pair;
    const { base, head } = site.env;
    const pb = isObject(pair.b.properties) ? pair.b.properties : {};
    const ph = isObject(pair.h.properties) ? pair.h.properties : {};
    for (const name of Object.keys(ph)) {
        if (!(name in pb))
            continue;
        const propB = base.deref(pb[name]);
        const propH = head.deref(ph[name]);
        const childFlags = {
            readOnly: flags.readOnly ||
                (site.dir === 'request' && (isTrue(propB, 'readOnly') || isTrue(propH, 'readOnly'))),
            writeOnly: flags.writeOnly ||
                (site.dir === 'response' && (isTrue(propB, 'writeOnly') || isTrue(propH, 'writeOnly')))
        };
        compareSchemas(site, pb[name], ph[name], [...pair.path, name], childFlags, stack);
    }
    if (pair.b.items !== undefined && pair.h.items !== undefined) {
        compareSchemas(site, pair.b.items, pair.h.items, [...pair.path, 'items'], flags, stack);
    }
    if (isObject(pair.b.additionalProperties) && isObject(pair.h.additionalProperties)) {
        compareSchemas(site, pair.b.additionalProperties, pair.h.additionalProperties, [...pair.path, 'additionalProperties'], flags, stack);
    }
    if (pair.b.not !== undefined && pair.h.not !== undefined) {
        compareSchemas(site, pair.b.not, pair.h.not, [...pair.path, 'not'], flags, stack);
    }
    for (const key of [
        'if',
        'then',
        'else',
        'contains',
        'propertyNames',
        'unevaluatedItems',
        'unevaluatedProperties',
        'contentSchema'
    ]) {
        if (isObject(pair.b[key]) && isObject(pair.h[key]))
            compareSchemas(site, pair.b[key], pair.h[key], [...pair.path, key], flags, stack);
    }
    for (const key of ['patternProperties', 'dependentSchemas']) {
        const mb = pair.b[key];
        const mh = pair.h[key];
        if (!isObject(mb) || !isObject(mh))
            continue;
        for (const name of Object.keys(mh)) {
            if (name in mb)
                compareSchemas(site, mb[name], mh[name], [...pair.path, `${key}[${name}]`], flags, stack);
        }
    }
    if (Array.isArray(pair.b.prefixItems) && Array.isArray(pair.h.prefixItems)) {
        const count = Math.min(pair.b.prefixItems.length, pair.h.prefixItems.length);
        for (let i = 0; i < count; i++)
            compareSchemas(site, pair.b.prefixItems[i], pair.h.prefixItems[i], [...pair.path, `prefixItems[${i}]`], flags, stack);
    }
    for (const alt of checkAlternatives(pair)) {
        compareSchemas(site, alt.b, alt.h, [...pair.path, `${alt.kind}[${alt.index}]`], flags, stack);
    }
}
function isTrue(node, key) {
    return isObject(node) && node[key] === true;
}

/** The style a parameter has when it names none (OpenAPI 3: form for query and cookie, simple for path and header). */
function styleOf(param) {
    if (typeof param.node.style === 'string')
        return param.node.style;
    return param.in === 'query' || param.in === 'cookie' ? 'form' : 'simple';
}
function explodeOf(param) {
    if (typeof param.node.explode === 'boolean')
        return param.node.explode;
    return styleOf(param) === 'form';
}
function describe(param, op) {
    return `${param.in} parameter '${param.name}' of ${op}`;
}
/**
 * style / explode / allowReserved, compared by their effective values (defaults filled in), since they decide how
 * the value is written on the wire: `?id=1&id=2` against `?id=1,2`, `/users/.5` against `/users/5`.
 */
function checkParameterSerialization({ reporter, h }, pb, ph) {
    const op = h.name;
    const at = { operation: op, at: ph.node, side: 'head', other: pb.node };
    const styleB = styleOf(pb);
    const styleH = styleOf(ph);
    if (styleB !== styleH) {
        reporter.report({
            ...at,
            id: 'request-parameter-style-changed',
            subject: `param~${ph.key}:style`,
            message: `${describe(ph, op)} changed its style from '${styleB}' to '${styleH}'`
        });
    }
    const explodeB = explodeOf(pb);
    const explodeH = explodeOf(ph);
    if (explodeB !== explodeH) {
        reporter.report({
            ...at,
            id: 'request-parameter-explode-changed',
            subject: `param~${ph.key}:explode`,
            message: `${describe(ph, op)} changed explode from ${String(explodeB)} to ${String(explodeH)}`
        });
    }
    const reservedB = pb.node.allowReserved === true;
    const reservedH = ph.node.allowReserved === true;
    if (reservedB !== reservedH) {
        reporter.report({
            ...at,
            id: 'request-parameter-allow-reserved-changed',
            subject: `param~${ph.key}:allowReserved`,
            message: `${describe(ph, op)} changed allowReserved from ${String(reservedB)} to ${String(reservedH)}`
        });
    }
}
/** The parameters that apply to an operation, in the order written: the path item's, then the operation's own. */
function effectiveOrder(side, pathItem, op) {
    const keys = [];
    for (const list of [pathItem.parameters, op.parameters]) {
        if (!Array.isArray(list))
            continue;
        for (const item of list) {
            const node = side.deref(item);
            if (!isObject(node))
                continue;
            const key = `${String(node.in ?? '')} '${String(node.name ?? '')}'`;
            const seen = keys.indexOf(key);
            // an operation parameter overrides the path item's of the same name and location, in its own place
            if (seen >= 0)
                keys.splice(seen, 1);
            keys.push(key);
        }
    }
    return keys;
}
/**
 * Parameters both sides have, written in another order. Nothing changes on the wire, but SDKs generated with
 * positional arguments change their signatures. Path parameters follow the template and are left out.
 */
function checkParameterOrder({ env, reporter, b, h }) {
    const orderB = effectiveOrder(env.base, b.pathItem, b.op).filter((k) => !k.startsWith('path '));
    const orderH = effectiveOrder(env.head, h.pathItem, h.op).filter((k) => !k.startsWith('path '));
    const common = new Set(orderB.filter((k) => orderH.includes(k)));
    const before = orderB.filter((k) => common.has(k));
    const after = orderH.filter((k) => common.has(k));
    if (before.every((k, i) => after[i] === k))
        return;
    reporter.report({
        id: 'request-parameter-order-changed',
        operation: h.name,
        subject: 'param:order',
        at: h.op,
        side: 'head',
        other: b.op,
        message: `the parameters of ${h.name} were reordered, from ${before.join(', ')} to ${after.join(', ')}`
    });
}

/** Path parameters are keyed by their position in the template, the others by location and name. */
function paramsOf(side, list, path) {
    const out = new Map();
    if (!Array.isArray(list))
        return out;
    const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    for (const item of list) {
        const node = side.deref(item);
        if (!isObject(node))
            continue;
        const name = String(node.name ?? '');
        const where = String(node.in ?? '');
        const position = where === 'path' ? placeholders.indexOf(name) : -1;
        const key = where === 'path' ? `path:#${position >= 0 ? position : name}` : `${where}:${name}`;
        out.set(key, { key, node, name, in: where });
    }
    return out;
}
/** The schema of a parameter: `schema`, or the one of its first `content` entry. */
function schemaOfParam(side, param) {
    if (param.schema !== undefined)
        return param.schema;
    const content = side.deref(param.content);
    if (isObject(content)) {
        const first = Object.values(content)[0];
        const media = side.deref(first);
        if (isObject(media))
            return media.schema;
    }
    return undefined;
}
function label(param) {
    return `${param.in} parameter '${param.name}'`;
}
/**
 * Parameters of an operation. `pathLevel` compares the parameters of the path item (oasdiff's "default
 * parameters"), whose additions have their own ids.
 */
function checkParameters(pair, pathLevel) {
    const { env, reporter, b, h } = pair;
    const listB = pathLevel ? b.pathItem.parameters : b.op.parameters;
    const listH = pathLevel ? h.pathItem.parameters : h.op.parameters;
    if (!pathLevel)
        checkParameterOrder(pair);
    if (listB === undefined && listH === undefined)
        return;
    const paramsB = paramsOf(env.base, listB, b.path);
    const paramsH = paramsOf(env.head, listH, h.path);
    // a parameter moved between the path item and the operation is the same parameter: the operation pass compares it
    const otherB = paramsOf(env.base, pathLevel ? b.op.parameters : b.pathItem.parameters, b.path);
    const otherH = paramsOf(env.head, pathLevel ? h.op.parameters : h.pathItem.parameters, h.path);
    const matches = [];
    const op = h.name;
    for (const [key, ph] of paramsH) {
        if (paramsB.has(key))
            continue;
        const moved = otherB.get(key);
        if (moved) {
            if (!pathLevel)
                matches.push([moved, ph]);
            continue;
        }
        const required = ph.node.required === true;
        const at = { operation: op, subject: `param+${key}`, at: ph.node, side: 'head' };
        if (ph.in === 'path') {
            reporter.report({
                ...at,
                id: 'new-request-path-parameter',
                message: `${label(ph)} was added to ${op}`
            });
        }
        else if (pathLevel) {
            reporter.report({
                ...at,
                id: required
                    ? 'new-required-request-default-parameter-to-existing-path'
                    : 'new-optional-request-default-parameter-to-existing-path',
                message: `${required ? 'required' : 'optional'} ${label(ph)} was added to the path of ${op}`
            });
        }
        else {
            reporter.report({
                ...at,
                id: required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
                message: `${required ? 'required' : 'optional'} ${label(ph)} was added to ${op}`
            });
        }
    }
    for (const [key, pb] of paramsB) {
        if (paramsH.has(key))
            continue;
        const moved = otherH.get(key);
        if (moved) {
            if (!pathLevel)
                matches.push([pb, moved]);
            continue;
        }
        reportRemovedParameter(pair, pb);
    }
    for (const [key, ph] of paramsH) {
        const pb = paramsB.get(key);
        if (pb)
            matches.push([pb, ph]);
    }
    for (const [pb, ph] of matches) {
        const key = ph.key;
        if (env.same(pb.node, ph.node))
            continue;
        const at = {
            operation: op,
            subject: `param~${key}`,
            at: ph.node,
            side: 'head',
            other: pb.node
        };
        const was = pb.node.required === true;
        const is = ph.node.required === true;
        if (!was && is)
            reporter.report({
                ...at,
                id: 'request-parameter-became-required',
                message: `${label(ph)} of ${op} became required`
            });
        if (was && !is)
            reporter.report({
                ...at,
                id: 'request-parameter-became-optional',
                message: `${label(ph)} of ${op} became optional`
            });
        checkParameterDeprecation(pair, pb, ph);
        checkParameterSerialization(pair, pb, ph);
        const site = {
            env,
            reporter,
            operation: op,
            dir: 'request',
            top: 'request-parameter',
            nested: 'request-parameter-property',
            where: `${label(ph)} of ${op}`,
            mediaType: null,
            paramIn: ph.in,
            flattenItems: !pathLevel
        };
        compareSchemas(site, schemaOfParam(env.base, pb.node), schemaOfParam(env.head, ph.node));
    }
}
/** A removed parameter: a warning unless it was deprecated and its sunset (if any) has passed. */
function reportRemovedParameter({ env, reporter, h }, pb) {
    const op = h.name;
    const at = { operation: op, subject: `param-${pb.key}`, at: pb.node, side: 'base' };
    const removal = removalLifecycle(pb.node, env.now);
    switch (removal.kind) {
        case 'not-deprecated':
            return void reporter.report({
                ...at,
                id: 'request-parameter-removed',
                message: `${label(pb)} of ${op} was removed`
            });
        case 'sunset-invalid':
            return void reporter.report({
                ...at,
                id: 'request-parameter-sunset-parse',
                message: `${label(pb)} of ${op} was removed; its x-sunset '${removal.raw}' is not a date`
            });
        case 'before-sunset':
            return void reporter.report({
                ...at,
                id: 'request-parameter-removed-before-sunset',
                message: `${label(pb)} of ${op} was removed before its sunset date ${removal.sunset}`
            });
        case 'after-deprecation':
            return void reporter.report({
                ...at,
                id: 'request-parameter-removed-with-deprecation',
                message: `deprecated ${label(pb)} of ${op} was removed`
            });
    }
}
function checkParameterDeprecation({ reporter, h }, pb, ph) {
    const op = h.name;
    const at = {
        operation: op,
        subject: `param~${ph.key}:deprecated`,
        at: ph.node,
        side: 'head',
        other: pb.node
    };
    const change = lifecycleChange(pb.node, ph.node);
    switch (change?.kind) {
        case undefined:
            return;
        case 'deprecated':
            return void reporter.report(change.sunset.kind === 'invalid'
                ? {
                    ...at,
                    id: 'request-parameter-sunset-parse',
                    message: `${label(ph)} of ${op} was deprecated with an x-sunset '${change.sunset.raw}' that is not a date`
                }
                : {
                    ...at,
                    id: 'request-parameter-deprecated',
                    message: `${label(ph)} of ${op} was deprecated${change.sunset.kind === 'date' ? ` (sunset ${change.sunset.raw})` : ''}`
                });
        case 'reactivated':
            return void reporter.report({
                ...at,
                id: 'request-parameter-reactivated',
                message: `${label(ph)} of ${op} is no longer deprecated`
            });
        case 'sunset-invalid':
            return void reporter.report({
                ...at,
                id: 'request-parameter-sunset-parse',
                message: `${label(ph)} of ${op} has an x-sunset that is not a date`
            });
        case 'sunset-deleted':
            return void reporter.report({
                ...at,
                id: 'request-parameter-sunset-deleted',
                message: `${label(ph)} of ${op} is deprecated but its x-sunset ${change.was} was deleted`
            });
        case 'sunset-earlier':
            return void reporter.report({
                ...at,
                id: 'request-parameter-sunset-date-changed-too-small',
                message: `${label(ph)} of ${op} x-sunset moved earlier, from ${change.from} to ${change.to}`
            });
    }
}

/** The request body: added/removed, required, its media types, and the schema of each. */
function checkRequestBody(pair) {
    const { env, reporter, b, h } = pair;
    const bodyB = env.base.deref(b.op.requestBody);
    const bodyH = env.head.deref(h.op.requestBody);
    const op = h.name;
    if (!isObject(bodyB) && !isObject(bodyH))
        return;
    if (!isObject(bodyB)) {
        const required = bodyH.required === true;
        reporter.report({
            id: required ? 'request-body-added-required' : 'request-body-added-optional',
            message: `${required ? 'a required' : 'an optional'} request body was added to ${op}`,
            operation: op,
            subject: 'body+',
            at: bodyH,
            side: 'head'
        });
        return;
    }
    if (!isObject(bodyH)) {
        reporter.report({
            id: 'request-body-removed',
            message: `the request body of ${op} was removed`,
            operation: op,
            subject: 'body-',
            at: bodyB,
            side: 'base'
        });
        return;
    }
    if (env.same(bodyB, bodyH))
        return;
    const at = { operation: op, at: bodyH, side: 'head', other: bodyB };
    const was = bodyB.required === true;
    const is = bodyH.required === true;
    if (!was && is)
        reporter.report({
            ...at,
            id: 'request-body-became-required',
            subject: 'body:required',
            message: `the request body of ${op} became required`
        });
    if (was && !is)
        reporter.report({
            ...at,
            id: 'request-body-became-optional',
            subject: 'body:required',
            message: `the request body of ${op} became optional`
        });
    const contentB = env.base.deref(bodyB.content);
    const contentH = env.head.deref(bodyH.content);
    const mediaB = isObject(contentB) ? contentB : {};
    const mediaH = isObject(contentH) ? contentH : {};
    for (const type of Object.keys(mediaH)) {
        if (!(type in mediaB)) {
            reporter.report({
                id: 'request-body-media-type-added',
                message: `the request body of ${op} gained the media type ${type}`,
                operation: op,
                subject: `media+${type}`,
                at: mediaH[type],
                side: 'head'
            });
        }
    }
    for (const type of Object.keys(mediaB)) {
        if (!(type in mediaH)) {
            reporter.report({
                id: 'request-body-media-type-removed',
                message: `the request body of ${op} lost the media type ${type}`,
                operation: op,
                subject: `media-${type}`,
                at: mediaB[type],
                side: 'base'
            });
        }
    }
    for (const type of Object.keys(mediaH)) {
        if (!(type in mediaB))
            continue;
        const mb = env.base.deref(mediaB[type]);
        const mh = env.head.deref(mediaH[type]);
        if (!isObject(mb) || !isObject(mh))
            continue;
        const where = `the request body (${type}) of ${op}`;
        if (mb.schema === undefined && mh.schema !== undefined) {
            reporter.report({
                id: 'request-body-media-type-schema-added',
                message: `${where} gained a schema`,
                operation: op,
                subject: `media~${type}:schema`,
                at: mh,
                side: 'head'
            });
        }
        else if (mb.schema !== undefined && mh.schema === undefined) {
            reporter.report({
                id: 'request-body-media-type-schema-removed',
                message: `${where} lost its schema`,
                operation: op,
                subject: `media~${type}:schema`,
                at: mb,
                side: 'base'
            });
        }
        else if (mb.schema !== undefined) {
            compareSchemas({
                env,
                reporter,
                operation: op,
                dir: 'request',
                top: 'request-body',
                nested: 'request-property',
                where,
                mediaType: type,
                paramIn: null
            }, mb.schema, mh.schema);
        }
    }
}

function parse(name) {
    const [essence = '', ...params] = name.split(';');
    const [type = '', subtype = ''] = essence.trim().toLowerCase().split('/');
    const plus = subtype.lastIndexOf('+');
    return {
        type,
        sub: plus < 0 ? subtype : subtype.slice(0, plus),
        suffix: plus < 0 ? subtype : subtype.slice(plus + 1),
        params: params.map((p) => p.trim()).join(';')
    };
}
/**
 * How the head media type name relates to the base one: the same type with other parameters, a more general
 * one (`application/problem+json` → `application/json`), a more specific one, or unrelated.
 */
function relateMediaTypes(base, head) {
    const b = parse(base);
    const h = parse(head);
    if (b.type !== h.type)
        return 'unrelated';
    if (b.sub === h.sub && b.suffix === h.suffix)
        return 'same-essence';
    if (b.params !== h.params && b.suffix === h.suffix)
        return 'same-essence';
    if (b.suffix !== h.suffix)
        return 'unrelated';
    if (h.sub === h.suffix && b.sub !== b.suffix)
        return 'generalized';
    if (b.sub === b.suffix && h.sub !== h.suffix)
        return 'specialized';
    return 'unrelated';
}

function isSuccess(status) {
    return /^2/.test(status);
}
/** Responses: status codes, media types (and their names), headers, and each schema. */
function checkResponses(pair) {
    const { env, reporter, b, h } = pair;
    const op = h.name;
    const respB = env.base.deref(b.op.responses);
    const respH = env.head.deref(h.op.responses);
    const mapB = isObject(respB) ? respB : {};
    const mapH = isObject(respH) ? respH : {};
    for (const status of Object.keys(mapB)) {
        if (status in mapH)
            continue;
        const success = isSuccess(status);
        reporter.report({
            id: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
            message: `${op} no longer returns the ${success ? 'success' : 'non-success'} status ${status}`,
            operation: op,
            subject: `status-${status}`,
            at: mapB[status],
            side: 'base'
        });
    }
    for (const status of Object.keys(mapH)) {
        if (status in mapB)
            continue;
        const success = isSuccess(status);
        reporter.report({
            id: success ? 'response-success-status-added' : 'response-non-success-status-added',
            message: `${op} can now return the ${success ? 'success' : 'non-success'} status ${status}`,
            operation: op,
            subject: `status+${status}`,
            at: mapH[status],
            side: 'head'
        });
    }
    for (const status of Object.keys(mapH)) {
        if (!(status in mapB))
            continue;
        const rb = env.base.deref(mapB[status]);
        const rh = env.head.deref(mapH[status]);
        if (!isObject(rb) || !isObject(rh))
            continue;
        if (env.same(rb, rh))
            continue;
        checkMediaTypes(pair, status, rb, rh);
        checkHeaders(pair, status, rb, rh);
    }
}
function checkMediaTypes({ env, reporter, h }, status, rb, rh) {
    const op = h.name;
    const contentB = env.base.deref(rb.content);
    const contentH = env.head.deref(rh.content);
    const mediaB = isObject(contentB) ? contentB : {};
    const mediaH = isObject(contentH) ? contentH : {};
    const removed = Object.keys(mediaB).filter((t) => !(t in mediaH));
    const added = Object.keys(mediaH).filter((t) => !(t in mediaB));
    const renamed = [];
    for (const from of [...removed]) {
        const to = added.find((t) => relateMediaTypes(from, t) !== 'unrelated');
        if (to === undefined)
            continue;
        const relation = relateMediaTypes(from, to);
        const id = relation === 'generalized'
            ? 'response-media-type-name-generalized'
            : relation === 'specialized'
                ? 'response-media-type-name-specialized'
                : 'response-media-type-name-changed';
        reporter.report({
            id,
            message: `the ${status} response of ${op} changed its media type from ${from} to ${to}`,
            operation: op,
            subject: `media~${status}:${from}>${to}`,
            at: mediaH[to],
            side: 'head'
        });
        removed.splice(removed.indexOf(from), 1);
        added.splice(added.indexOf(to), 1);
        renamed.push([from, to]);
    }
    for (const type of removed) {
        reporter.report({
            id: 'response-media-type-removed',
            message: `the ${status} response of ${op} lost the media type ${type}`,
            operation: op,
            subject: `media-${status}:${type}`,
            at: mediaB[type],
            side: 'base'
        });
    }
    for (const type of added) {
        reporter.report({
            id: 'response-media-type-added',
            message: `the ${status} response of ${op} gained the media type ${type}`,
            operation: op,
            subject: `media+${status}:${type}`,
            at: mediaH[type],
            side: 'head'
        });
    }
    const common = [
        ...Object.keys(mediaH)
            .filter((t) => t in mediaB)
            .map((t) => [t, t]),
        ...renamed
    ];
    for (const [from, to] of common) {
        const mb = env.base.deref(mediaB[from]);
        const mh = env.head.deref(mediaH[to]);
        if (!isObject(mb) || !isObject(mh))
            continue;
        const where = `the ${status} response body (${to}) of ${op}`;
        if (mb.schema === undefined && mh.schema !== undefined) {
            reporter.report({
                id: 'response-body-media-type-schema-added',
                message: `${where} gained a schema`,
                operation: op,
                subject: `media~${status}:${to}:schema`,
                at: mh,
                side: 'head'
            });
        }
        else if (mb.schema !== undefined && mh.schema === undefined) {
            reporter.report({
                id: 'response-body-media-type-schema-removed',
                message: `${where} lost its schema`,
                operation: op,
                subject: `media~${status}:${to}:schema`,
                at: mb,
                side: 'base'
            });
        }
        else if (mb.schema !== undefined) {
            compareSchemas({
                env,
                reporter,
                operation: op,
                dir: 'response',
                top: 'response-body',
                nested: 'response-property',
                where,
                mediaType: to,
                paramIn: null
            }, mb.schema, mh.schema);
        }
    }
}
function checkHeaders({ env, reporter, h }, status, rb, rh) {
    const op = h.name;
    const headersB = env.base.deref(rb.headers);
    const headersH = env.head.deref(rh.headers);
    const mapB = isObject(headersB) ? headersB : {};
    const mapH = isObject(headersH) ? headersH : {};
    for (const name of Object.keys(mapB)) {
        if (name in mapH)
            continue;
        const header = env.base.deref(mapB[name]);
        const required = isObject(header) && header.required === true;
        reporter.report({
            id: required ? 'required-response-header-removed' : 'optional-response-header-removed',
            message: `the ${status} response of ${op} lost the ${required ? 'required' : 'optional'} header '${name}'`,
            operation: op,
            subject: `header-${status}:${name}`,
            at: header,
            side: 'base'
        });
    }
    for (const name of Object.keys(mapH)) {
        const hh = env.head.deref(mapH[name]);
        if (!isObject(hh))
            continue;
        if (!(name in mapB)) {
            reporter.report({
                id: 'response-header-added',
                message: `the ${status} response of ${op} gained the header '${name}'`,
                operation: op,
                subject: `header+${status}:${name}`,
                at: hh,
                side: 'head'
            });
            continue;
        }
        const hb = env.base.deref(mapB[name]);
        if (!isObject(hb))
            continue;
        if (hb.required === true && hh.required !== true) {
            reporter.report({
                id: 'response-header-became-optional',
                message: `the header '${name}' of the ${status} response of ${op} became optional`,
                operation: op,
                subject: `header~${status}:${name}`,
                at: hh,
                side: 'head',
                other: hb
            });
        }
        compareSchemas({
            env,
            reporter,
            operation: op,
            dir: 'response',
            top: 'response-header',
            nested: 'response-header-property',
            where: `the header '${name}' of the ${status} response of ${op}`,
            mediaType: null,
            paramIn: null
        }, hb.schema, hh.schema);
    }
}

/** A security requirement is named by its schemes (`oauth + apiKey`); scopes are compared per scheme. */
function requirementsOf(value) {
    const out = new Map();
    if (!Array.isArray(value))
        return out;
    for (const req of value) {
        if (!isObject(req))
            continue;
        out.set(Object.keys(req).sort().join(' + ') || '(none)', req);
    }
    return out;
}
function scopes(value) {
    return Array.isArray(value) ? value.map(String) : [];
}
function compareRequirements(reporter, listB, listH, ids, where, operation, at) {
    const reqB = requirementsOf(listB);
    const reqH = requirementsOf(listH);
    for (const [name, req] of reqH) {
        if (reqB.has(name))
            continue;
        reporter.report({
            id: ids.added,
            message: `${where} gained the security requirement '${name}'`,
            operation,
            subject: `sec+${name}`,
            at: isObject(req) ? req : at.h,
            side: 'head'
        });
    }
    for (const [name, req] of reqB) {
        if (reqH.has(name))
            continue;
        reporter.report({
            id: ids.removed,
            message: `${where} lost the security requirement '${name}'`,
            operation,
            subject: `sec-${name}`,
            at: isObject(req) ? req : at.b,
            side: 'base'
        });
    }
    for (const [name, rh] of reqH) {
        const rb = reqB.get(name);
        if (!rb)
            continue;
        for (const scheme of Object.keys(rh)) {
            const sb = scopes(rb[scheme]);
            const sh = scopes(rh[scheme]);
            for (const scope of sh) {
                if (!sb.includes(scope))
                    reporter.report({
                        id: ids.scopeAdded,
                        message: `${where} security '${scheme}' gained the scope '${scope}'`,
                        operation,
                        subject: `scope+${scheme}:${scope}`,
                        at: rh,
                        side: 'head'
                    });
            }
            for (const scope of sb) {
                if (!sh.includes(scope))
                    reporter.report({
                        id: ids.scopeRemoved,
                        message: `${where} security '${scheme}' lost the scope '${scope}'`,
                        operation,
                        subject: `scope-${scheme}:${scope}`,
                        at: rb,
                        side: 'base'
                    });
            }
        }
    }
}
/** Operation-level security requirements (when either side sets its own). */
function checkOperationSecurity({ env, reporter, b, h }) {
    if (b.op.security === undefined && h.op.security === undefined)
        return;
    // what applies is the operation's own list, else the document's: restating the global one changes nothing
    compareRequirements(reporter, b.op.security ?? env.base.spec.document.security, h.op.security ?? env.head.spec.document.security, {
        added: 'api-security-added',
        removed: 'api-security-removed',
        scopeAdded: 'api-security-scope-added',
        scopeRemoved: 'api-security-scope-removed'
    }, h.name, h.name, { b: b.op, h: h.op });
}
/** Document-level security and the security schemes of components. */
function checkGlobalSecurity(env, reporter) {
    const docB = env.base.spec.document;
    const docH = env.head.spec.document;
    compareRequirements(reporter, docB.security, docH.security, {
        added: 'api-global-security-added',
        removed: 'api-global-security-removed',
        scopeAdded: 'api-global-security-scope-added',
        scopeRemoved: 'api-global-security-scope-removed'
    }, 'the API', null, { b: docB, h: docH });
    const schemesB = securitySchemes(env, 'base');
    const schemesH = securitySchemes(env, 'head');
    for (const name of Object.keys(schemesH)) {
        if (!(name in schemesB)) {
            reporter.report({
                id: 'api-security-component-added',
                message: `the security scheme '${name}' was added`,
                operation: null,
                subject: `scheme+${name}`,
                at: schemesH[name],
                side: 'head'
            });
        }
    }
    for (const name of Object.keys(schemesB)) {
        const sb = env.base.deref(schemesB[name]);
        if (!(name in schemesH)) {
            reporter.report({
                id: 'api-security-component-removed',
                message: `the security scheme '${name}' was removed`,
                operation: null,
                subject: `scheme-${name}`,
                at: sb,
                side: 'base'
            });
            continue;
        }
        const sh = env.head.deref(schemesH[name]);
        if (!isObject(sb) || !isObject(sh))
            continue;
        if (sb.type !== sh.type) {
            reporter.report({
                id: 'api-security-component-type-changed',
                message: `the security scheme '${name}' changed type from '${String(sb.type)}' to '${String(sh.type)}'`,
                operation: null,
                subject: `scheme~${name}:type`,
                at: sh,
                side: 'head'
            });
        }
        checkOAuthFlows(reporter, name, sb, sh);
    }
}
function securitySchemes(env, side) {
    const s = env[side];
    const components = s.deref(s.spec.document.components);
    const schemes = isObject(components) ? s.deref(components.securitySchemes) : undefined;
    return isObject(schemes) ? schemes : {};
}
function checkOAuthFlows(reporter, name, sb, sh) {
    const flowsB = isObject(sb.flows) ? sb.flows : {};
    const flowsH = isObject(sh.flows) ? sh.flows : {};
    for (const flow of Object.keys(flowsH)) {
        const fb = flowsB[flow];
        const fh = flowsH[flow];
        if (!isObject(fb) || !isObject(fh))
            continue;
        const at = { operation: null, at: fh, side: 'head' };
        if (fb.tokenUrl !== fh.tokenUrl) {
            reporter.report({
                ...at,
                id: 'api-security-component-oauth-token-url-changed',
                subject: `scheme~${name}:${flow}:token`,
                message: `the token URL of the ${flow} flow of security scheme '${name}' changed`
            });
        }
        if (fb.authorizationUrl !== fh.authorizationUrl) {
            reporter.report({
                ...at,
                id: 'api-security-component-oauth-url-changed',
                subject: `scheme~${name}:${flow}:url`,
                message: `the authorization URL of the ${flow} flow of security scheme '${name}' changed`
            });
        }
        const scopesB = isObject(fb.scopes) ? fb.scopes : {};
        const scopesH = isObject(fh.scopes) ? fh.scopes : {};
        for (const scope of Object.keys(scopesH)) {
            if (!(scope in scopesB))
                reporter.report({
                    ...at,
                    id: 'api-security-component-oauth-scope-added',
                    subject: `scheme~${name}:${flow}:+${scope}`,
                    message: `the ${flow} flow of security scheme '${name}' gained the scope '${scope}'`
                });
            else if (scopesB[scope] !== scopesH[scope])
                reporter.report({
                    ...at,
                    id: 'api-security-component-oauth-scope-changed',
                    subject: `scheme~${name}:${flow}:~${scope}`,
                    message: `the description of scope '${scope}' of security scheme '${name}' changed`
                });
        }
        for (const scope of Object.keys(scopesB)) {
            if (!(scope in scopesH))
                reporter.report({
                    ...at,
                    id: 'api-security-component-oauth-scope-removed',
                    subject: `scheme~${name}:${flow}:-${scope}`,
                    message: `the ${flow} flow of security scheme '${name}' lost the scope '${scope}'`
                });
        }
    }
}

/** Webhooks (3.1) added or removed: subscribers stop receiving a removed one. */
function checkWebhooks(env, reporter) {
    const whB = env.base.deref(env.base.spec.document.webhooks);
    const whH = env.head.deref(env.head.spec.document.webhooks);
    const mapB = isObject(whB) ? whB : {};
    const mapH = isObject(whH) ? whH : {};
    for (const name of Object.keys(mapB)) {
        if (!(name in mapH))
            reporter.report({
                id: 'webhook-removed',
                message: `the webhook '${name}' was removed`,
                operation: null,
                subject: `webhook-${name}`,
                at: mapB[name],
                side: 'base'
            });
    }
    for (const name of Object.keys(mapH)) {
        if (!(name in mapB))
            reporter.report({
                id: 'webhook-added',
                message: `the webhook '${name}' was added`,
                operation: null,
                subject: `webhook+${name}`,
                at: mapH[name],
                side: 'head'
            });
    }
}
/** Component schemas removed (informational: only operations are contracts). */
function checkComponentSchemas(env, reporter) {
    const of = (side) => {
        const s = env[side];
        const components = s.deref(s.spec.document.components);
        const schemas = isObject(components) ? components.schemas : undefined;
        return isObject(schemas) ? schemas : {};
    };
    const schemasB = of('base');
    const schemasH = of('head');
    for (const name of Object.keys(schemasB)) {
        if (!(name in schemasH))
            reporter.report({
                id: 'api-schema-removed',
                message: `the component schema '${name}' was removed`,
                operation: null,
                subject: `schema-${name}`,
                at: schemasB[name],
                side: 'base'
            });
    }
}

/** Where SEMANTICS.md sets a level other than oasdiff's, with why. */
const levelOverrides = {
    'api-security-added': {
        level: 'warning',
        reason: 'clients that call the operation without credentials start being refused'
    },
    // oasdiff reports a lower version only next to a breaking change; a head that claims an older version than
    // the released base is worth a look on its own (release tooling and changelogs go by it)
    'api-version-decreased': {
        level: 'warning',
        reason: 'the head claims an older info.version than the released base'
    },
    ...discriminatorOverrides()
};
/** A discriminator whose property is renamed or whose mapping loses or retargets a value dispatches differently. */
function discriminatorOverrides() {
    const out = {};
    for (const where of ['request-body', 'request-property', 'response-body', 'response-property']) {
        const side = where.startsWith('request') ? 'the server' : 'clients';
        out[`${where}-discriminator-property-name-changed`] = {
            level: 'breaking',
            reason: `${side} pick the variant by a property the other side no longer uses`
        };
        out[`${where}-discriminator-mapping-deleted`] = {
            level: 'breaking',
            reason: `a discriminator value lost its mapping: ${side} no longer map it to the same variant`
        };
        out[`${where}-discriminator-mapping-changed`] = {
            level: 'breaking',
            reason: `a discriminator value now maps to another schema: ${side} read the payload as the wrong variant`
        };
    }
    return out;
}
/** Specific reasons for the rules a reader meets most; the others get one from their level and direction. */
const specificReasons = {
    'api-removed-without-deprecation': 'callers of the operation get 404/405 with no warning period',
    'api-path-removed-without-deprecation': 'callers of the path get 404 with no warning period',
    'api-removed-before-sunset': 'the operation was promised until its x-sunset date',
    'api-path-removed-before-sunset': 'the path was promised until its x-sunset date',
    'api-removed-with-deprecation': 'the operation was deprecated and its sunset (if any) has passed',
    'api-path-removed-with-deprecation': 'the path was deprecated and its sunset (if any) has passed',
    'endpoint-added': 'new operations break no existing caller',
    'new-required-request-parameter': 'existing calls do not send the new required parameter',
    'new-request-path-parameter': 'existing calls do not match the new path template',
    'request-parameter-removed': 'the server ignores or rejects a parameter callers still send',
    'new-required-request-property': 'existing request bodies lack the new required property, even when it has a default',
    'request-property-removed': 'the server ignores or rejects a property callers still send',
    'response-required-property-removed': 'clients read a property the response no longer has',
    'response-optional-property-removed': 'clients that read the optional property stop receiving it',
    'response-property-became-optional': 'clients that rely on the property being present break when it is absent',
    'response-property-enum-value-added': 'clients with an exhaustive switch meet an unknown value',
    'request-property-enum-value-removed': 'requests using the removed value are rejected',
    'response-property-became-nullable': 'clients that do not expect null fail to parse it',
    'request-property-became-not-nullable': 'requests sending null are rejected',
    'request-required-property-became-read-only': 'clients may keep sending it; the server now ignores it',
    'api-stability-decreased': 'a less stable promise may break callers who relied on the old level',
    'sunset-deleted': 'the promised end-of-life date was withdrawn from a deprecated operation',
    'api-sunset-date-changed-too-small': 'the deprecated operation now goes away earlier than promised',
    'webhook-removed': 'subscribers stop receiving the webhook calls they handle',
    'response-success-status-removed': 'clients handling the success status get a different one',
    'response-media-type-removed': 'clients asking for that media type can no longer get it',
    'request-body-media-type-removed': 'clients sending that media type are rejected',
    'response-property-one-of-added': 'clients meet a variant they cannot parse',
    'request-property-one-of-removed': 'requests matching the removed variant are rejected',
    'request-body-wrapped-in-one-of': 'a payload may now match several alternatives and be rejected',
    'response-body-wrapped-in-one-of': 'clients must now tell alternatives apart'
};
function humanize(id) {
    return id.replace(/-/g, ' ');
}
function genericReason(level, direction) {
    if (direction === 'request') {
        if (level === 'breaking')
            return 'requests that were valid may now be rejected';
        if (level === 'warning')
            return 'some requests that were valid may be rejected; a person should look';
        return 'the server accepts at least what it accepted before';
    }
    if (direction === 'response') {
        if (level === 'breaking')
            return 'clients may receive responses they cannot parse';
        if (level === 'warning')
            return 'clients may receive values they do not expect; a person should look';
        return 'responses still fit what clients parse';
    }
    if (level === 'breaking')
        return 'existing callers may break';
    if (level === 'warning')
        return 'some callers may break; a person should look';
    return 'no existing caller breaks';
}
const levelNames = { B: 'breaking', W: 'warning', I: 'info' };
const directionNames = { R: 'request', S: 'response', N: 'none' };
/** Rules of ours (own-catalog.ts): SEMANTICS.md's maxItems rules and changes oasdiff does not report. */
const semanticsOnlyRules = ownRuleCatalog.map(([id, level, direction, reason]) => ({
    id,
    kind: 'openapi',
    level: levelNames[level],
    direction: directionNames[direction],
    reason: `${humanize(id)}: ${reason}`
}));
/** The OpenAPI rules as data: id, level, direction and a one-line reason. */
const openApiRules = [
    ...ruleCatalog.map(([id, level, direction]) => {
        const override = levelOverrides[id];
        const resolvedLevel = override?.level ?? levelNames[level];
        const dir = directionNames[direction];
        const why = override?.reason ?? specificReasons[id] ?? genericReason(resolvedLevel, dir);
        return {
            id,
            kind: 'openapi',
            level: resolvedLevel,
            direction: dir,
            reason: `${humanize(id)}: ${why}`
        };
    }),
    ...semanticsOnlyRules
];
const ruleById = new Map(openApiRules.map((rule) => [rule.id, rule]));

/** Collects findings as Changes, with files relative to each side's root. */
class Reporter {
    baseRoot;
    headRoot;
    baseFile;
    headFile;
    scopes;
    documents;
    changes = [];
    seen = new Set();
    constructor(baseRoot, headRoot, baseFile, headFile, scopes, 
    /** The loaded documents, to anchor a removal on the head's nearest surviving parent element. */
    documents) {
        this.baseRoot = baseRoot;
        this.headRoot = headRoot;
        this.baseFile = baseFile;
        this.headFile = headFile;
        this.scopes = scopes;
        this.documents = documents;
    }
    /** Each base node's parent and key, built on the first removal (one walk of the base document). */
    parents;
    /**
     * The head-side place for a removed base node: the node at the same path in the head, or its nearest
     * surviving parent object (arrays are not followed by index: their items may have moved), else the
     * head file itself.
     */
    anchorOf(node) {
        const fileLevel = { file: this.relativeTo(this.headRoot, this.headFile), line: null };
        if (!this.documents || typeof node !== 'object' || node === null)
            return fileLevel;
        this.parents ??= parentsOf(this.documents.base);
        const keys = [];
        for (let at = node; at !== this.documents.base;) {
            const up = this.parents.get(at);
            if (!up)
                return fileLevel;
            keys.unshift(up.key);
            at = up.parent;
        }
        let at = this.documents.head;
        let best;
        for (const key of keys) {
            if (typeof at !== 'object' || at === null || Array.isArray(at))
                break;
            at = at[key];
            const loc = typeof at === 'object' && at !== null ? locationOf(at) : undefined;
            if (!loc)
                break;
            best = loc;
        }
        return best ? { file: this.relativeTo(this.headRoot, best.file), line: best.line } : fileLevel;
    }
    relativeTo(root, file) {
        return relative(root, file).split('\\').join('/');
    }
    has(id) {
        return ruleById.has(id);
    }
    report(finding) {
        const rule = ruleById.get(finding.id);
        if (!rule)
            throw new Error(`internal error: OpenAPI rule id '${finding.id}' is not in the catalog`);
        const fingerprint = fingerprintOf({
            kind: 'openapi',
            id: finding.id,
            operation: finding.operation,
            subject: finding.subject
        });
        const dedupe = `${fingerprint}\u0000${finding.message}`;
        if (this.seen.has(dedupe))
            return true;
        this.seen.add(dedupe);
        const loc = locationOf(finding.at);
        const isBase = finding.side === 'base';
        const root = isBase ? this.baseRoot : this.headRoot;
        const file = loc?.file ?? (isBase ? this.baseFile : this.headFile);
        const change = {
            kind: 'openapi',
            id: finding.id,
            level: rule.level,
            message: finding.message,
            operation: finding.operation,
            symbol: null,
            file: this.relativeTo(root, file),
            line: loc?.line ?? null,
            ignored: false,
            fingerprint
        };
        if (isBase)
            change.anchor = this.anchorOf(finding.at);
        if (!isBase && finding.other !== undefined) {
            const other = locationOf(finding.other);
            if (other) {
                change.baseFile = this.relativeTo(this.baseRoot, other.file);
                change.baseLine = other.line;
            }
        }
        this.changes.push(change);
        this.scopes?.record(change);
        return true;
    }
}
/** Every object and array node of a document with its parent and key, breadth first (first path wins). */
function parentsOf(root) {
    const parents = new Map();
    if (typeof root !== 'object' || root === null)
        return parents;
    const seen = new Set([root]);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
        const parent = queue[i];
        for (const key of Object.keys(parent)) {
            const child = parent[key];
            if (typeof child !== 'object' || child === null || seen.has(child))
                continue;
            seen.add(child);
            parents.set(child, { parent, key });
            queue.push(child);
        }
    }
    return parents;
}

/**
 * Makes schema comparison linear in the size of the documents. A schema reached through a `$ref` (or at
 * the root of a body, parameter or header) is compared once per place kind — its base and head nodes,
 * direction, id prefixes, media type and readOnly/writeOnly context, which together decide every id and
 * level below it — however many operations and paths lead there. The first walk reports what changed;
 * every later visit only records that its operation reaches the scope too, so a change in a shared
 * component is one finding listing every affected operation (`operations`), not one finding per path
 * (which, with recursive models, is exponentially many).
 */
class SchemaScopes {
    scopes = new Map();
    stack = [];
    operationOrder = new Map();
    /** A key for the place: the two nodes plus everything else that decides ids and levels. */
    keyOf(b, h, place) {
        return `${pairKey(b, h)}|${place}`;
    }
    /**
     * Enters a scope. Returns false when the scope was compared already or is being compared (a cycle):
     * the caller must not walk it again; its findings now also count for `operation`. `nested`: the
     * scope is below a schema's root (part of the place, so the same for every visit of the key).
     */
    enter(key, operation, nested) {
        if (operation !== null && !this.operationOrder.has(operation))
            this.operationOrder.set(operation, this.operationOrder.size);
        const parent = this.stack[this.stack.length - 1];
        let scope = this.scopes.get(key);
        const fresh = scope === undefined;
        if (!scope) {
            scope = { changes: [], parents: new Set(), entries: new Set(), nested };
            this.scopes.set(key, scope);
        }
        if (parent) {
            if (parent !== scope)
                scope.parents.add(parent);
        }
        else if (operation !== null)
            scope.entries.add(operation);
        if (fresh)
            this.stack.push(scope);
        return fresh;
    }
    leave() {
        this.stack.pop();
    }
    /** Called by the reporter for every change: it belongs to the innermost scope being compared. */
    record(change) {
        this.stack[this.stack.length - 1]?.changes.push(change);
    }
    get size() {
        return this.scopes.size;
    }
    /**
     * Sets `operations` on every change that more than one operation reaches (first-reached first),
     * and returns the changes to drop: a component used both as a whole body and nested in others is
     * compared at two places (the root checks differ), so a change inside it (same rule, same node)
     * is found at both; it is kept once, named from the component, with every operation it reaches.
     */
    finish() {
        const byNode = new Map();
        for (const scope of this.scopes.values()) {
            if (scope.changes.length === 0)
                continue;
            const reaching = this.operationsReaching(scope);
            const { nested } = scope;
            for (const change of scope.changes) {
                const first = change.operation;
                const operations = first === null ? reaching : [first, ...reaching.filter((op) => op !== first)];
                if (operations.length > 1)
                    change.operations = operations;
                const node = [change.id, change.file, change.line, change.baseFile, change.baseLine].join('\u0000');
                const group = byNode.get(node) ?? [];
                group.push({ change, nested, operations });
                byNode.set(node, group);
            }
        }
        const dropped = new Set();
        for (const group of byNode.values()) {
            const [head] = group;
            if (!head || group.length < 2 || head.change.line === null)
                continue;
            const keep = group.find((entry) => entry.nested) ?? head;
            const operations = new Set(keep.operations);
            for (const entry of group) {
                if (entry === keep)
                    continue;
                for (const op of entry.operations)
                    operations.add(op);
                dropped.add(entry.change);
            }
            const [first, ...rest] = [...operations];
            if (first !== undefined && rest.length > 0) {
                const order = this.operationOrder;
                rest.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
                keep.change.operations = [first, ...rest];
            }
        }
        return dropped;
    }
    operationsReaching(start) {
        const found = new Set();
        const seen = new Set([start]);
        const queue = [start];
        while (queue.length > 0) {
            const scope = queue.pop();
            for (const op of scope.entries)
                found.add(op);
            for (const parent of scope.parents) {
                if (seen.has(parent))
                    continue;
                seen.add(parent);
                queue.push(parent);
            }
        }
        const order = this.operationOrder;
        return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
}

/** Marks a schema the diff built itself by folding `allOf` branches into their parent. */
const MERGED = Symbol('openapi.merged');
/** One side of the comparison: its spec plus caches for references and merged schemas. */
class Side {
    spec;
    merged = new WeakMap();
    constructor(spec) {
        this.spec = spec;
    }
    deref(node) {
        return this.spec.resolver.deref(node);
    }
    /** The schema with its `allOf` branches folded in (properties and required united), cached per node. */
    merge(schema) {
        if (!Array.isArray(schema.allOf) || schema.allOf.length === 0)
            return schema;
        const cached = this.merged.get(schema);
        if (cached)
            return cached;
        const out = { ...schema };
        delete out.allOf;
        out[MERGED] = true;
        this.merged.set(schema, out);
        for (const branch of schema.allOf) {
            const resolved = this.deref(branch);
            if (!isObject(resolved))
                continue;
            const part = this.merge(resolved);
            for (const [key, value] of Object.entries(part)) {
                if (key === 'properties' && isObject(value)) {
                    const props = isObject(out.properties) ? { ...out.properties } : { ...value };
                    if (isObject(out.properties)) {
                        for (const [name, prop] of Object.entries(value)) {
                            const existing = props[name];
                            if (existing === undefined)
                                props[name] = prop;
                            else if (existing !== prop)
                                props[name] = { ...this.deref(existing), allOf: [existing, prop] };
                        }
                    }
                    out.properties = props;
                }
                else if (key === 'required' && Array.isArray(value)) {
                    const set = new Set(Array.isArray(out.required) ? out.required : []);
                    for (const name of value)
                        set.add(name);
                    out.required = [...set].sort();
                }
                else if (out[key] === undefined) {
                    out[key] = value;
                }
            }
        }
        return out;
    }
}

/** The checks run on every operation present on both sides, after the stability gate. */
const operationChecks = [
    checkDeprecation,
    checkOperationIdAndTags,
    checkOperationSecurity,
    (pair) => checkParameters(pair, true),
    (pair) => checkParameters(pair, false),
    checkRequestBody,
    checkResponses
];
/**
 * Schemas nested thousands of levels deep (a chain of $refs, each one level further) exhaust the call
 * stack: that is a limit of this tool, said as such (exit 3), never a silent cut or a bare RangeError.
 */
function tooDeep(error, operation, file) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message))
        return error;
    return new ServiceError(`openapi diff of ${file}: the schemas of ${operation} nest deeper than rollback-guard can follow ` +
        '(thousands of levels through $ref or inline schemas). Nothing was reported as complete; ' +
        'please report this with the spec shape at the project.');
}
/** Compares two loaded specs, from the client's side of the wire. Pure: no I/O. */
function diffOpenApi(base, head, options) {
    const budget = new WorkBudget({
        label: `openapi diff of ${head.file}`,
        maxSeconds: options.maxSeconds,
        progress: options.progress,
        clock: options.clock
    });
    const sideB = new Side(base);
    const sideH = new Side(head);
    const equivalence = new Equivalence(sideB, sideH, () => budget.tick());
    const scopes = new SchemaScopes();
    const env = {
        base: sideB,
        head: sideH,
        now: options.now,
        same: (b, h) => equivalence.same(b, h),
        scopes,
        budget,
        exemptStability: new Set(options.exemptStability ?? ['alpha', 'draft'])
    };
    const reporter = new Reporter(options.baseRoot ?? dirname(base.file), options.headRoot ?? dirname(head.file), base.file, head.file, scopes, { base: base.document, head: head.document });
    const exempt = (level) => typeof level === 'string' && env.exemptStability.has(level);
    const opsB = operationsOf(env.base, base.document.paths);
    const opsH = operationsOf(env.head, head.document.paths);
    const pathsH = pathKeysOf(head.document.paths);
    for (const [key, b] of opsB) {
        if (opsH.has(key) || exempt(b.op['x-stability-level']))
            continue;
        reportRemovedOperation(env, reporter, b, !pathsH.has(key.slice(key.indexOf(' ') + 1)));
    }
    let done = 0;
    for (const [key, h] of opsH) {
        done++;
        budget.at(key, () => `operation ${done} of ${opsH.size}; ${scopes.size} schemas compared`);
        const b = opsB.get(key);
        if (!b) {
            if (!exempt(h.op['x-stability-level']))
                reportAddedOperation(reporter, h);
            continue;
        }
        const pair = { env, reporter, b, h };
        checkStability(pair);
        if (exempt(b.op['x-stability-level']))
            continue;
        try {
            if (env.same(b.op, h.op) && env.same(b.pathItem.parameters, h.pathItem.parameters))
                continue;
            for (const check of operationChecks)
                check(pair);
        }
        catch (error) {
            throw tooDeep(error, key, head.file);
        }
    }
    for (const { node, ref, reason } of base.unresolved ?? [])
        reporter.report({
            id: 'api-base-ref-unresolved',
            message: `the released spec's $ref '${ref}' could not be followed (${reason}); what it points to was not compared`,
            operation: null,
            subject: `unresolved:${ref}`,
            at: node,
            side: 'base'
        });
    budget.at('security, webhooks and components');
    checkGlobalSecurity(env, reporter);
    checkWebhooks(env, reporter);
    checkComponentSchemas(env, reporter);
    checkDocument(env, reporter);
    const dropped = scopes.finish();
    return dropped.size === 0
        ? reporter.changes
        : reporter.changes.filter((change) => !dropped.has(change));
}

/** A JSON syntax error with its 1-based line. */
class JsonSyntaxError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
    }
}
/**
 * JSON.parse that also records, on every object and array, the file and 1-based line it starts on.
 * Hand-written because general YAML parsing is ~50x slower on a 13 MB description. Objects holding a `$ref`
 * are collected into `refs` on the way.
 */
function parseJsonWithLines(text, file, refs = []) {
    let pos = 0;
    let line = 1;
    const length = text.length;
    const fail = (what) => {
        throw new JsonSyntaxError(`${what} at line ${line}`, line);
    };
    const skipSpace = () => {
        while (pos < length) {
            const c = text.charCodeAt(pos);
            if (c === 10) {
                line++;
                pos++;
            }
            else if (c === 32 || c === 9 || c === 13)
                pos++;
            else
                break;
        }
    };
    const parseString = () => {
        const start = pos + 1;
        let end = text.indexOf('"', start);
        if (end < 0)
            fail('unterminated string');
        const plain = text.slice(start, end);
        if (plain.indexOf('\\') < 0) {
            if (plain.indexOf('\n') >= 0)
                fail('newline inside a string');
            pos = end + 1;
            return plain;
        }
        end = start;
        for (;;) {
            const c = text.charCodeAt(end);
            if (Number.isNaN(c) || c === 10)
                fail('unterminated string');
            if (c === 92)
                end += 2;
            else if (c === 34)
                break;
            else
                end++;
        }
        const literal = text.slice(pos, end + 1);
        pos = end + 1;
        try {
            return JSON.parse(literal);
        }
        catch {
            return fail('invalid escape in string');
        }
    };
    const parseNumber = () => {
        const start = pos;
        while (pos < length) {
            const c = text.charCodeAt(pos);
            if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)
                pos++;
            else
                break;
        }
        const literal = text.slice(start, pos);
        const value = Number(literal);
        if (literal === '' || Number.isNaN(value))
            fail(`invalid number '${literal}'`);
        return value;
    };
    const parseWord = (word, value) => {
        if (text.startsWith(word, pos)) {
            pos += word.length;
            return value;
        }
        return fail(`unexpected character '${text[pos]}'`);
    };
    const parseValue = () => {
        skipSpace();
        const c = text.charCodeAt(pos);
        if (c === 123)
            return parseObject();
        if (c === 91)
            return parseArray();
        if (c === 34)
            return parseString();
        if (c === 116)
            return parseWord('true', true);
        if (c === 102)
            return parseWord('false', false);
        if (c === 110)
            return parseWord('null', null);
        if ((c >= 48 && c <= 57) || c === 45)
            return parseNumber();
        return fail(pos >= length ? 'unexpected end of input' : `unexpected character '${text[pos]}'`);
    };
    const parseObject = () => {
        const obj = {};
        obj[FILE] = file;
        obj[LINE] = line;
        pos++;
        skipSpace();
        if (text.charCodeAt(pos) === 125) {
            pos++;
            return obj;
        }
        for (;;) {
            skipSpace();
            if (text.charCodeAt(pos) !== 34)
                fail('expected a property name');
            const key = parseString();
            // JSON.parse keeps the last of two equal keys; a spec that says a thing twice is refused.
            if (Object.prototype.hasOwnProperty.call(obj, key))
                fail(`duplicate key '${key}'`);
            skipSpace();
            if (text.charCodeAt(pos) !== 58)
                fail("expected ':'");
            pos++;
            const value = parseValue();
            if (key === '__proto__')
                Object.defineProperty(obj, key, {
                    value,
                    enumerable: true,
                    writable: true,
                    configurable: true
                });
            else
                obj[key] = value;
            if (key === '$ref' && typeof value === 'string')
                refs.push(obj);
            skipSpace();
            const c = text.charCodeAt(pos);
            pos++;
            if (c === 44)
                continue;
            if (c === 125)
                return obj;
            pos--;
            fail("expected ',' or '}'");
        }
    };
    const parseArray = () => {
        const arr = [];
        arr[FILE] = file;
        arr[LINE] = line;
        pos++;
        skipSpace();
        if (text.charCodeAt(pos) === 93) {
            pos++;
            return arr;
        }
        for (;;) {
            arr.push(parseValue());
            skipSpace();
            const c = text.charCodeAt(pos);
            pos++;
            if (c === 44)
                continue;
            if (c === 93)
                return arr;
            pos--;
            fail("expected ',' or ']'");
        }
    };
    if (text.charCodeAt(0) === 0xfeff)
        pos = 1;
    const value = parseValue();
    skipSpace();
    if (pos < length)
        fail('unexpected content after the document');
    return value;
}

class YamlSyntaxError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
    }
}
/**
 * Parses YAML into plain values; every mapping and sequence records its file and the 1-based line of its
 * key (or of its first item inside a sequence). Anchors/aliases are shared, so alias cycles stay finite.
 */
function parseYamlWithLines(text, file, refs = []) {
    const lineCounter = new distExports.LineCounter();
    const doc = distExports.parseDocument(text, {
        lineCounter,
        // a key said twice in one mapping is an error (merge keys `<<` may repeat)
        uniqueKeys: (a, b) => distExports.isScalar(a) && distExports.isScalar(b) && a.value === b.value && a.value !== '<<',
        merge: true,
        keepSourceTokens: false
    });
    const error = doc.errors[0];
    if (error) {
        const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
        throw new YamlSyntaxError(error.message.split('\n')[0] ?? error.message, line);
    }
    const lineOf = (node) => {
        const offset = node?.range?.[0];
        return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
    const converted = new Map();
    const convert = (node, line) => {
        if (node === null || node === undefined)
            return null;
        if (distExports.isAlias(node))
            return convert(node.resolve(doc), line);
        if (distExports.isScalar(node))
            return node.value instanceof Date ? node.source : node.value;
        const done = converted.get(node);
        if (done !== undefined)
            return done;
        if (distExports.isMap(node)) {
            const obj = {};
            obj[FILE] = file;
            obj[LINE] = line;
            converted.set(node, obj);
            for (const pair of node.items) {
                if (!distExports.isPair(pair))
                    continue;
                const keyNode = pair.key;
                const key = distExports.isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
                const valueLine = lineOf(keyNode);
                const value = convert(pair.value, valueLine);
                if (key === '<<' && typeof value === 'object' && value !== null) {
                    for (const src of Array.isArray(value) ? value : [value]) {
                        for (const [k, v] of Object.entries(src))
                            if (!(k in obj))
                                obj[k] = v;
                    }
                    continue;
                }
                if (key === '__proto__')
                    Object.defineProperty(obj, key, {
                        value,
                        enumerable: true,
                        writable: true,
                        configurable: true
                    });
                else
                    obj[key] = value;
                if (key === '$ref' && typeof value === 'string')
                    refs.push(obj);
            }
            return obj;
        }
        if (distExports.isSeq(node)) {
            const arr = [];
            arr[FILE] = file;
            arr[LINE] = line;
            converted.set(node, arr);
            for (const item of node.items)
                arr.push(convert(item, lineOf(item)));
            return arr;
        }
        return null;
    };
    return convert(doc.contents, lineOf(doc.contents));
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const schemaKeys = [
    'type',
    'format',
    'items',
    'enum',
    'default',
    'maximum',
    'exclusiveMaximum',
    'minimum',
    'exclusiveMinimum',
    'maxLength',
    'minLength',
    'pattern',
    'maxItems',
    'minItems',
    'uniqueItems',
    'multipleOf',
    'x-nullable'
];
function stringList$1(value, fallback) {
    return Array.isArray(value) && value.length > 0 ? value.map(String) : fallback;
}
/** A 2.0 non-body parameter or header keeps its schema keywords inline; 3.x puts them under `schema`. */
function schemaOf(node) {
    const schema = copyLocation({}, node);
    for (const key of schemaKeys)
        if (node[key] !== undefined)
            schema[key] = node[key];
    if (isObject(schema.items))
        schema.items = schemaOf(schema.items);
    return schema;
}
function convertParameter(param) {
    const out = copyLocation({}, param);
    for (const [key, value] of Object.entries(param)) {
        if (!schemaKeys.includes(key) && key !== 'collectionFormat' && key !== 'allowEmptyValue')
            out[key] = value;
    }
    out.schema = schemaOf(param);
    return out;
}
function convertResponse(response, produces) {
    const out = copyLocation({}, response);
    for (const [key, value] of Object.entries(response)) {
        if (key !== 'schema' && key !== 'headers' && key !== 'examples')
            out[key] = value;
    }
    if (response.schema !== undefined) {
        const content = copyLocation({}, response.schema);
        for (const type of produces)
            content[type] = copyLocation({ schema: response.schema }, response.schema);
        out.content = content;
    }
    if (isObject(response.headers)) {
        const headers = copyLocation({}, response.headers);
        for (const [name, header] of Object.entries(response.headers)) {
            if (!isObject(header))
                continue;
            const converted = copyLocation({}, header);
            if (header.description !== undefined)
                converted.description = header.description;
            converted.schema = schemaOf(header);
            headers[name] = converted;
        }
        out.headers = headers;
    }
    return out;
}
function convertOperation(op, doc, resolver, pathParams) {
    const out = copyLocation({}, op);
    const consumes = stringList$1(op.consumes, stringList$1(doc.consumes, ['application/json']));
    const produces = stringList$1(op.produces, stringList$1(doc.produces, ['application/json']));
    for (const [key, value] of Object.entries(op)) {
        if (!['parameters', 'responses', 'consumes', 'produces', 'schemes'].includes(key))
            out[key] = value;
    }
    const params = [];
    const formData = [];
    let body;
    const all = [...(Array.isArray(op.parameters) ? op.parameters : [])];
    for (const item of all) {
        const param = resolver.deref(item);
        if (!isObject(param))
            continue;
        if (param.in === 'body')
            body = param;
        else if (param.in === 'formData')
            formData.push(param);
        else
            params.push(convertParameter(param));
    }
    for (const item of pathParams) {
        const param = resolver.deref(item);
        if (isObject(param) && param.in === 'formData')
            formData.push(param);
        if (isObject(param) && param.in === 'body' && !body)
            body = param;
    }
    if (params.length > 0)
        out.parameters = params;
    if (body) {
        const content = copyLocation({}, body);
        for (const type of consumes)
            content[type] = copyLocation({ schema: body.schema }, body.schema ?? body);
        out.requestBody = copyLocation({ content, required: body.required === true, description: body.description }, body);
    }
    else if (formData.length > 0) {
        const first = formData[0];
        const properties = copyLocation({}, first);
        const required = [];
        for (const param of formData) {
            properties[String(param.name)] =
                param.type === 'file'
                    ? copyLocation({ type: 'string', format: 'binary' }, param)
                    : schemaOf(param);
            if (param.required === true)
                required.push(String(param.name));
        }
        const schema = copyLocation({ type: 'object', properties }, first);
        if (required.length > 0)
            schema.required = required;
        const types = consumes.filter((t) => t === 'multipart/form-data' || t === 'application/x-www-form-urlencoded');
        const content = copyLocation({}, first);
        for (const type of types.length > 0 ? types : ['application/x-www-form-urlencoded']) {
            content[type] = copyLocation({ schema }, first);
        }
        out.requestBody = copyLocation({ content, required: required.length > 0 }, first);
    }
    if (isObject(op.responses)) {
        const responses = copyLocation({}, op.responses);
        for (const [status, response] of Object.entries(op.responses)) {
            const resolved = resolver.deref(response);
            if (isObject(resolved))
                responses[status] = convertResponse(resolved, produces);
        }
        out.responses = responses;
    }
    return out;
}
/** Rewrites a Swagger 2.0 document into the OpenAPI 3.x shape the diff reads; schemas are left as they are. */
function normalizeSwagger2(doc, resolver) {
    const out = copyLocation({}, doc);
    out.openapi = '3.0.0';
    out.info = doc.info;
    out.tags = doc.tags;
    out.security = doc.security;
    const components = copyLocation({}, doc);
    if (isObject(doc.definitions))
        components.schemas = doc.definitions;
    if (isObject(doc.securityDefinitions))
        components.securitySchemes = doc.securityDefinitions;
    out.components = components;
    const paths = copyLocation({}, doc.paths);
    if (isObject(doc.paths)) {
        for (const [path, rawItem] of Object.entries(doc.paths)) {
            const item = resolver.deref(rawItem);
            if (!isObject(item))
                continue;
            const converted = copyLocation({}, item);
            const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
            const kept = [];
            for (const p of pathParams) {
                const param = resolver.deref(p);
                if (isObject(param) && param.in !== 'body' && param.in !== 'formData')
                    kept.push(convertParameter(param));
            }
            if (kept.length > 0)
                converted.parameters = kept;
            for (const [key, value] of Object.entries(item)) {
                if (key.startsWith('x-'))
                    converted[key] = value;
            }
            for (const method of methods) {
                if (isObject(item[method]))
                    converted[method] = convertOperation(item[method], doc, resolver, pathParams);
            }
            paths[path] = converted;
        }
    }
    out.paths = paths;
    return out;
}

function parseText(text, file, shown, refs) {
    const trimmed = text.trimStart();
    const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    try {
        if (!looksJson)
            return parseYamlWithLines(text, file, refs);
        try {
            return parseJsonWithLines(text, file, refs);
        }
        catch (error) {
            // a YAML file may open with a flow mapping; read it as YAML before calling it broken JSON
            if (!(error instanceof JsonSyntaxError) || file.toLowerCase().endsWith('.json'))
                throw error;
            refs.length = 0;
            try {
                return parseYamlWithLines(text, file, refs);
            }
            catch {
                throw error;
            }
        }
    }
    catch (error) {
        if (error instanceof RangeError) {
            throw new InputError(`${shown}: nested too deeply to read (${error.message}); flatten the document with $refs`);
        }
        if (error instanceof JsonSyntaxError || error instanceof YamlSyntaxError) {
            const kind = error instanceof JsonSyntaxError ? 'JSON' : 'YAML';
            throw new InputError(`${shown}:${error.line}: invalid ${kind}: ${error.message}; fix the syntax of the file`);
        }
        throw error;
    }
}
function versionOf(doc, shown) {
    if (isObject(doc)) {
        if (typeof doc.openapi === 'string') {
            if (doc.openapi.startsWith('3.0'))
                return '3.0';
            if (doc.openapi.startsWith('3.'))
                return '3.1';
            throw new InputError(`${shown}:${lineOfKey(doc)}: unsupported OpenAPI version '${doc.openapi}'; use 2.0, 3.0 or 3.1`);
        }
        if (doc.swagger !== undefined) {
            if (String(doc.swagger) === '2.0')
                return '2.0';
            throw new InputError(`${shown}:${lineOfKey(doc)}: unsupported Swagger version '${String(doc.swagger)}'; use 2.0, 3.0 or 3.1`);
        }
    }
    throw new InputError(`${shown}:1: not an OpenAPI document (no 'openapi' or 'swagger' field at the top); pass an OpenAPI 2.0/3.x file`);
}
function lineOfKey(node) {
    return node[LINE] ?? 1;
}
/**
 * Loads an OpenAPI 2.0/3.0/3.1 document (YAML or JSON) and every file its relative `$ref`s reach.
 * Remote URLs are never fetched: a `$ref` to one is an InputError.
 */
async function loadOpenApi(path, options = {}) {
    const mainFile = resolve$1(path);
    const root = options.root ? resolve$1(options.root) : resolve$1(mainFile, '..');
    const readFile = options.readFile ?? ((file) => readConfinedText(file, root));
    const show = (file) => relative(root, file) || file;
    const files = new Map();
    const refsByFile = new Map();
    const unresolved = [];
    const report = options.unresolvedRefs === 'report';
    const readOne = async (file, from) => {
        let text;
        try {
            if (!isInside(root, file))
                throw new ConfinementError(`is outside ${root}`, 'outside-root');
            text = await readFile(file);
        }
        catch (error) {
            const where = from
                ? `${show(from.file)}:${from.line}: $ref '${from.ref}' points to ${show(file)}, which`
                : show(file);
            if (error instanceof ConfinementError) {
                throw new InputError(`${where} ${error.message} (rule: ${error.rule}); a spec may refer only to regular UTF-8 files inside the repository (or, outside git, the spec's folder), so move the file there and refer to it by a relative path`);
            }
            throw new InputError(`${where} cannot be read (${messageOf$1(error)}); check the path`);
        }
        const holders = [];
        const doc = parseText(text, file, show(file), holders);
        refsByFile.set(file, holders);
        return doc;
    };
    const mainDoc = await readOne(mainFile);
    const version = versionOf(mainDoc, show(mainFile));
    files.set(mainFile, mainDoc);
    const queue = [mainFile];
    while (queue.length > 0) {
        const file = queue.shift();
        const holders = refsByFile.get(file) ?? [];
        for (const holder of holders) {
            const ref = holder.$ref;
            const line = holder[LINE] ?? 1;
            if (isExternalUrl(ref)) {
                throw new InputError(`${show(file)}:${line}: $ref '${ref}' points to a URL, which is not fetched; save that document next to the spec and refer to it by a relative path`);
            }
            if (ref.startsWith('#'))
                continue;
            const target = splitRef(ref, file).file;
            if (files.has(target))
                continue;
            let doc;
            try {
                doc = await readOne(target, { file, line, ref });
            }
            catch (error) {
                if (!report || !(error instanceof InputError))
                    throw error;
                unresolved.push({ node: holder, ref, reason: messageOf$1(error) });
                continue;
            }
            files.set(target, doc);
            queue.push(target);
        }
    }
    const resolver = new RefResolver(files, { siblings: version === '3.1' });
    for (const [file, holders] of refsByFile) {
        for (const holder of holders) {
            if (resolver.target(holder) === undefined) {
                if (report) {
                    if (!unresolved.some((u) => u.node === holder))
                        unresolved.push({ node: holder, ref: String(holder.$ref), reason: 'does not resolve' });
                    continue;
                }
                throw new InputError(`${show(file)}:${holder[LINE] ?? 1}: $ref '${String(holder.$ref)}' does not resolve; fix the reference`);
            }
        }
    }
    const raw = mainDoc;
    const document = version === '2.0' ? normalizeSwagger2(raw, resolver) : raw;
    return { version, file: mainFile, document, resolver, files, unresolved };
}

function stringList(value) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}
/**
 * The OpenAPI contract engine: load both sides (files and their relative `$ref`s), one after the
 * other so that the first one's parse tree can be reclaimed before the second is parsed, then diff.
 */
function createOpenApiEngine(hooks = {}) {
    return {
        kind: 'openapi',
        rules: openApiRules,
        diff: (basePath, headPath, options) => diffFiles(basePath, headPath, options, hooks)
    };
}
const openApiEngine = createOpenApiEngine();
async function diffFiles(basePath, headPath, options, hooks) {
    // the released side can no longer be fixed: what it cannot resolve is reported, the rest compared
    const base = await loadOpenApi(basePath, { root: options.baseRoot, unresolvedRefs: 'report' });
    hooks.afterLoad?.();
    const head = await loadOpenApi(headPath, { root: options.headRoot });
    hooks.afterLoad?.();
    options.log?.(`openapi: comparing ${basePath} with ${headPath}`);
    return diffOpenApi(base, head, {
        baseRoot: options.baseRoot,
        headRoot: options.headRoot,
        now: options.now,
        exemptStability: stringList(options.settings?.exemptStability),
        maxSeconds: options.maxSeconds,
        progress: options.log
    });
}

const proto2Defaults = {
    field_presence: 'EXPLICIT',
    enum_type: 'CLOSED',
    utf8_validation: 'NONE',
    message_encoding: 'LENGTH_PREFIXED',
    json_format: 'LEGACY_BEST_EFFORT',
    '(pb.cpp).string_type': 'STRING',
    '(pb.java).utf8_validation': 'DEFAULT'
};
const proto3Defaults = {
    field_presence: 'IMPLICIT',
    enum_type: 'OPEN',
    utf8_validation: 'VERIFY',
    message_encoding: 'LENGTH_PREFIXED',
    json_format: 'ALLOW',
    '(pb.cpp).string_type': 'STRING',
    '(pb.java).utf8_validation': 'DEFAULT'
};
function defaultsFor(file) {
    if (file.syntax === 'proto2')
        return proto2Defaults;
    if (file.syntax === 'proto3')
        return proto3Defaults;
    return {
        field_presence: 'EXPLICIT',
        enum_type: 'OPEN',
        utf8_validation: 'VERIFY',
        message_encoding: 'LENGTH_PREFIXED',
        json_format: 'ALLOW',
        '(pb.cpp).string_type': Number(file.edition) >= 2024 ? 'VIEW' : 'STRING',
        '(pb.java).utf8_validation': 'DEFAULT'
    };
}
const featureExtensionAliases = {
    '(pb.cpp)': '(pb.cpp)',
    '(.pb.cpp)': '(pb.cpp)',
    '(pb.java)': '(pb.java)',
    '(.pb.java)': '(pb.java)'
};
/** The entry that sets `name` in these options, in either the dotted or the aggregate form. */
function featureEntry(options, name) {
    for (let i = options.length - 1; i >= 0; i--) {
        const o = options[i];
        if (!o.name.startsWith('features'))
            continue;
        const rest = o.name.slice('features'.length);
        if (rest === '' && o.value.kind === 'aggregate') {
            if (!name.startsWith('(') && o.value.value[name] !== undefined)
                return o;
            continue;
        }
        if (!rest.startsWith('.'))
            continue;
        let key = rest.slice(1);
        const m = /^(\([^)]*\))\.(.*)$/.exec(key);
        if (m)
            key = `${featureExtensionAliases[m[1]] ?? m[1]}.${m[2]}`;
        if (key === name)
            return o;
        if (o.value.kind === 'aggregate' && name.startsWith(key + '.')) {
            const sub = name.slice(key.length + 1);
            if (o.value.value[sub] !== undefined)
                return o;
        }
    }
    return undefined;
}
function entryValue(o, name) {
    if (o.value.kind === 'aggregate') {
        const dot = name.lastIndexOf('.');
        const key = name.startsWith('(') ? name.slice(dot + 1) : name;
        return o.value.value[key] ?? '';
    }
    return String(o.value.value);
}
function messageChain(m) {
    const out = [];
    for (let p = m; p; p = p.parent)
        out.push(p.options);
    return out;
}
function resolve(chain, file, name) {
    if (file.syntax === 'editions') {
        for (const options of chain) {
            const e = featureEntry(options, name);
            if (e)
                return entryValue(e, name);
        }
        const e = featureEntry(file.options, name);
        if (e)
            return entryValue(e, name);
    }
    return defaultsFor(file)[name];
}
function fieldChain(f) {
    const chain = [f.options];
    if (f.oneof)
        chain.push(f.oneof.options);
    // Extensions inherit from the scope they are declared in, not from the extended message.
    return chain.concat(messageChain(f.extendee ? f.parent : (f.parent ?? null)));
}
function fieldFeature(f, name) {
    if (f.file.syntax !== 'editions')
        return defaultsFor(f.file)[name];
    return resolve(fieldChain(f), f.file, name);
}
/** Where the innermost explicit setting of a feature for this field is, if any. */
function fieldFeatureEntry(f, name) {
    if (f.file.syntax !== 'editions')
        return undefined;
    return featureEntry(f.options, name);
}
function enumFeature(e, name) {
    return resolve([e.options, ...messageChain(e.parent)], e.file, name);
}
function messageFeature(m, name) {
    return resolve(messageChain(m), m.file, name);
}
function optionEntry(options, name) {
    for (let i = options.length - 1; i >= 0; i--) {
        const o = options[i];
        if (o.name === name)
            return o;
    }
    return undefined;
}
function optionString(options, name) {
    const o = optionEntry(options, name);
    if (!o)
        return '';
    return String(o.value.value);
}
function optionBool(options, name) {
    const o = optionEntry(options, name);
    return o?.value.kind === 'bool' ? o.value.value : false;
}

/**
 * Names and literals of 13+ characters would be V8 sliced strings that keep the whole source
 * (mostly comments) alive; each distinct one is copied once and shared instead.
 */
const interned = new Map();
const own = (s) => {
    if (s.length < 13)
        return s;
    let copy = interned.get(s);
    if (copy === undefined) {
        copy = Buffer.from(s, 'utf8').toString('utf8');
        if (interned.size > 1_000_000)
            interned.clear();
        interned.set(copy, copy);
    }
    return copy;
};
/** Drops the shared copies once a load is done, so a long-lived process does not keep them. */
function forgetInterned() {
    interned.clear();
}
const isIdentStart = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c) => c >= 48 && c <= 57;
const isIdentPart = (c) => isIdentStart(c) || isDigit(c);
/** A hand-written scanner over one .proto source: positions are 1-based lines and columns. */
class Lexer {
    src;
    file;
    pos = 0;
    line = 1;
    lineStart = 0;
    peeked = null;
    constructor(src, file) {
        this.src = src;
        this.file = file;
    }
    error(line, col, message) {
        return new InputError(`${this.file}:${line}:${col}: ${message}`);
    }
    /** A position to come back to, for the few places the grammar needs two tokens of look-ahead. */
    mark() {
        return { pos: this.pos, line: this.line, lineStart: this.lineStart, peeked: this.peeked };
    }
    reset(m) {
        this.pos = m.pos;
        this.line = m.line;
        this.lineStart = m.lineStart;
        this.peeked = m.peeked;
    }
    peek() {
        if (!this.peeked)
            this.peeked = this.scan();
        return this.peeked;
    }
    next() {
        const t = this.peek();
        this.peeked = null;
        return t;
    }
    skipSpaceAndComments() {
        const src = this.src;
        for (;;) {
            const c = src.charCodeAt(this.pos);
            if (c === 10) {
                this.pos++;
                this.line++;
                this.lineStart = this.pos;
            }
            else if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
                this.pos++;
            }
            else if (c === 47 && src.charCodeAt(this.pos + 1) === 47) {
                const end = src.indexOf('\n', this.pos);
                this.pos = end < 0 ? src.length : end;
            }
            else if (c === 47 && src.charCodeAt(this.pos + 1) === 42) {
                const startLine = this.line;
                const startCol = this.pos - this.lineStart + 1;
                const end = src.indexOf('*/', this.pos + 2);
                if (end < 0)
                    throw this.error(startLine, startCol, 'unterminated block comment');
                for (let i = this.pos; i < end; i++) {
                    if (src.charCodeAt(i) === 10) {
                        this.line++;
                        this.lineStart = i + 1;
                    }
                }
                this.pos = end + 2;
            }
            else {
                return;
            }
        }
    }
    tokenLine = 1;
    tokenCol = 1;
    /** The token that started at tokenLine:tokenCol and ends here. */
    make = (type, text) => ({
        type,
        text,
        line: this.tokenLine,
        col: this.tokenCol,
        endLine: this.line,
        endCol: this.pos - this.lineStart + 1
    });
    scan() {
        this.skipSpaceAndComments();
        const src = this.src;
        const start = this.pos;
        this.tokenLine = this.line;
        this.tokenCol = start - this.lineStart + 1;
        const make = this.make;
        if (start >= src.length)
            return make('eof', '');
        const c = src.charCodeAt(start);
        if (isIdentStart(c)) {
            let p = start + 1;
            while (p < src.length && isIdentPart(src.charCodeAt(p)))
                p++;
            this.pos = p;
            return make('ident', own(src.slice(start, p)));
        }
        if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1))))
            return this.scanNumber(make);
        if (c === 34 || c === 39)
            return this.scanString(c, make);
        this.pos++;
        return make('symbol', src[start] ?? '');
    }
    scanNumber(make) {
        const src = this.src;
        const start = this.pos;
        let p = start;
        let isFloat = false;
        if (src[p] === '0' && (src[p + 1] === 'x' || src[p + 1] === 'X')) {
            p += 2;
            while (p < src.length && /[0-9a-fA-F]/.test(src[p] ?? ''))
                p++;
        }
        else {
            while (p < src.length && isDigit(src.charCodeAt(p)))
                p++;
            if (src[p] === '.') {
                isFloat = true;
                p++;
                while (p < src.length && isDigit(src.charCodeAt(p)))
                    p++;
            }
            if (src[p] === 'e' || src[p] === 'E') {
                const q = src[p + 1] === '+' || src[p + 1] === '-' ? p + 2 : p + 1;
                if (isDigit(src.charCodeAt(q))) {
                    isFloat = true;
                    p = q;
                    while (p < src.length && isDigit(src.charCodeAt(p)))
                        p++;
                }
            }
            if (src[p] === 'f' || src[p] === 'F') {
                isFloat = true;
                p++;
            }
        }
        if (p < src.length && isIdentPart(src.charCodeAt(p))) {
            this.pos = p;
            throw this.error(this.line, start - this.lineStart + 1, `invalid number "${src.slice(start, p + 1)}"`);
        }
        this.pos = p;
        return make(isFloat ? 'float' : 'int', own(src.slice(start, p)));
    }
    scanString(quote, make) {
        const src = this.src;
        const startCol = this.pos - this.lineStart + 1;
        let p = this.pos + 1;
        // Fast path: no escape before the closing quote.
        let q = p;
        for (;;) {
            const c = src.charCodeAt(q);
            if (c === quote) {
                this.pos = q + 1;
                return make('string', own(src.slice(p, q)));
            }
            if (c === 92 || c === 10 || Number.isNaN(c))
                break;
            q++;
        }
        let out = '';
        for (;;) {
            if (p >= src.length || src.charCodeAt(p) === 10) {
                throw this.error(this.line, startCol, 'unterminated string');
            }
            const c = src.charCodeAt(p);
            if (c === quote) {
                p++;
                break;
            }
            if (c !== 92) {
                out += src[p];
                p++;
                continue;
            }
            const e = src[p + 1] ?? '';
            p += 2;
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 'a':
                    out += '\x07';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'v':
                    out += '\v';
                    break;
                case 'x':
                case 'X': {
                    const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(p, p + 2));
                    if (!m)
                        throw this.error(this.line, p - this.lineStart, 'invalid hex escape');
                    out += String.fromCharCode(parseInt(m[0], 16));
                    p += m[0].length;
                    break;
                }
                case 'u':
                case 'U': {
                    const n = e === 'u' ? 4 : 8;
                    const hex = src.slice(p, p + n);
                    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) {
                        throw this.error(this.line, p - this.lineStart, 'invalid unicode escape');
                    }
                    out += String.fromCodePoint(parseInt(hex, 16));
                    p += n;
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        const m = /^[0-7]{1,3}/.exec(src.slice(p - 1, p + 2));
                        out += String.fromCharCode(parseInt(m[0], 8));
                        p += m[0].length - 1;
                    }
                    else {
                        out += e;
                    }
            }
        }
        this.pos = p;
        return make('string', own(out));
    }
}

/** Placeholder until an element's closing token is read; always replaced. */
const pendingSpan = { line: 0, col: 0, endLine: 0, endCol: 0 };
/** Shared by every element without compact options; never written to. */
const noOptions = [];
const MESSAGE_MAX_TAG = 536870911;
const MESSAGE_SET_MAX_TAG = 2147483646;
/** The highest field number a message allows (a message set's is higher). */
const maxTagOf = (m) => optionBool(m.options, 'message_set_wire_format') ? MESSAGE_SET_MAX_TAG : MESSAGE_MAX_TAG;
const ENUM_MAX = 2147483647;
const scalarTypes = new Set([
    'double',
    'float',
    'int64',
    'uint64',
    'int32',
    'fixed64',
    'fixed32',
    'bool',
    'string',
    'bytes',
    'uint32',
    'sfixed32',
    'sfixed64',
    'sint32',
    'sint64'
]);
const isScalarType = (t) => scalarTypes.has(t);
const spanOf = (first, last) => ({
    line: first.line,
    col: first.col,
    endLine: last.endLine,
    endCol: last.endCol
});
/** protoc's default json_name: drop underscores, upper-case the letter after each. */
function jsonNameOf(name) {
    if (!name.includes('_'))
        return name;
    return name.replace(/_+([^_])/g, (_m, c) => c.toUpperCase()).replace(/_+$/, '');
}
function mapEntryName(fieldName) {
    let out = '';
    let upper = true;
    for (const ch of fieldName) {
        if (ch === '_')
            upper = true;
        else if (upper) {
            out += ch.toUpperCase();
            upper = false;
        }
        else
            out += ch;
    }
    return out + 'Entry';
}
/**
 * Recursive-descent parser for one .proto file (proto2, proto3, editions), keeping the span of
 * every element the breaking rules point at. Type names stay as written; linking resolves them.
 */
/** How deep messages (and groups) may nest: protobuf's own parsers stop at 100 as well. */
const maxNesting = 100;
class Parser {
    nesting = 0;
    lx;
    last;
    file;
    constructor(src, path, displayPath) {
        this.lx = new Lexer(src, displayPath);
        this.last = { type: 'eof', text: '', line: 1, col: 1, endLine: 1, endCol: 1 };
        this.file = {
            path,
            displayPath,
            syntax: 'proto2',
            edition: null,
            syntaxSpan: null,
            package: '',
            packageSpan: null,
            imports: [],
            options: [],
            messages: [],
            enums: [],
            services: [],
            extensions: []
        };
    }
    peek() {
        return this.lx.peek();
    }
    next() {
        this.last = this.lx.next();
        return this.last;
    }
    fail(t, expected) {
        const found = t.type === 'eof' ? 'end of file' : t.type === 'string' ? `"${t.text}"` : `"${t.text}"`;
        throw this.lx.error(t.line, t.col, `syntax error: expected ${expected}, found ${found}`);
    }
    isSymbol(text) {
        const t = this.peek();
        return t.type === 'symbol' && t.text === text;
    }
    isIdent(text) {
        const t = this.peek();
        return t.type === 'ident' && (text === undefined || t.text === text);
    }
    expectSymbol(text) {
        const t = this.next();
        if (t.type !== 'symbol' || t.text !== text)
            this.fail(t, `"${text}"`);
        return t;
    }
    expectIdent(what = 'an identifier') {
        const t = this.next();
        if (t.type !== 'ident')
            this.fail(t, what);
        return t;
    }
    expectInt(what) {
        let neg = false;
        const first = this.peek();
        if (this.isSymbol('-')) {
            this.next();
            neg = true;
        }
        const t = this.next();
        if (t.type !== 'int')
            this.fail(t, what);
        const v = parseIntLiteral(t.text);
        return { value: neg ? -v : v, token: neg ? { ...t, line: first.line, col: first.col } : t };
    }
    /** `foo.bar.Baz` or `.foo.Bar`, possibly with comments between parts. */
    typeName(what = 'a type name') {
        const first = this.peek();
        let text = '';
        if (this.isSymbol('.')) {
            this.next();
            text = '.';
        }
        text += this.expectIdent(what).text;
        while (this.isSymbol('.')) {
            this.next();
            text += '.' + this.expectIdent(what).text;
        }
        return { text, first };
    }
    parse() {
        const f = this.file;
        if (this.isIdent('syntax') || this.isIdent('edition')) {
            const kw = this.next();
            this.expectSymbol('=');
            const v = this.next();
            if (v.type !== 'string')
                this.fail(v, 'a quoted syntax or edition');
            const end = this.expectSymbol(';');
            f.syntaxSpan = spanOf(kw, end);
            if (kw.text === 'syntax') {
                if (v.text !== 'proto2' && v.text !== 'proto3') {
                    throw this.lx.error(v.line, v.col, `unknown syntax "${v.text}"; use "proto2" or "proto3"`);
                }
                f.syntax = v.text;
            }
            else {
                f.syntax = 'editions';
                f.edition = v.text;
            }
        }
        for (;;) {
            const t = this.peek();
            if (t.type === 'eof')
                break;
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            if (t.type !== 'ident')
                this.fail(t, 'a top-level declaration');
            if (this.visibility())
                continue;
            switch (t.text) {
                case 'import': {
                    this.next();
                    let modifier = '';
                    if (this.isIdent('public') || this.isIdent('weak')) {
                        modifier = this.next().text;
                    }
                    else if (this.isIdent('option')) {
                        // edition 2024 `import option`: a dependency for options only.
                        this.next();
                    }
                    const p = this.next();
                    if (p.type !== 'string')
                        this.fail(p, 'a quoted import path');
                    const end = this.expectSymbol(';');
                    f.imports.push({ path: p.text, modifier, span: spanOf(t, end) });
                    break;
                }
                case 'package': {
                    this.next();
                    const name = this.typeName('a package name');
                    const end = this.expectSymbol(';');
                    f.package = name.text;
                    f.packageSpan = spanOf(t, end);
                    break;
                }
                case 'option':
                    f.options.push(this.optionStatement());
                    break;
                case 'message':
                    f.messages.push(this.message(null, f.package));
                    break;
                case 'enum':
                    f.enums.push(this.enumDecl(null, f.package));
                    break;
                case 'service':
                    f.services.push(this.service());
                    break;
                case 'extend':
                    this.extend(null, f.package, f.extensions, f.messages);
                    break;
                default:
                    this.fail(t, 'import, package, option, message, enum, service or extend');
            }
        }
        return f;
    }
    /** Edition 2024 `local`/`export` before a message or enum: consumed, the declaration follows. */
    visibility() {
        const t = this.peek();
        if (t.type !== 'ident' || (t.text !== 'local' && t.text !== 'export'))
            return false;
        const save = this.lx.mark();
        this.next();
        if (this.isIdent('message') || this.isIdent('enum'))
            return true;
        this.lx.reset(save);
        return false;
    }
    optionName() {
        let name = '';
        for (;;) {
            if (this.isSymbol('(')) {
                this.next();
                const n = this.typeName('an extension name');
                this.expectSymbol(')');
                name += `(${n.text})`;
            }
            else {
                name += this.expectIdent('an option name').text;
            }
            if (!this.isSymbol('.'))
                return name;
            this.next();
            name += '.';
        }
    }
    optionValue() {
        const t = this.peek();
        if (t.type === 'string') {
            let value = '';
            while (this.peek().type === 'string')
                value += this.next().text;
            return { kind: 'string', value };
        }
        if (t.type === 'symbol' && t.text === '{')
            return { kind: 'aggregate', value: this.aggregate() };
        let sign = '';
        if (t.type === 'symbol' && (t.text === '-' || t.text === '+')) {
            sign = this.next().text === '-' ? '-' : '';
        }
        const v = this.next();
        if (v.type === 'int' || v.type === 'float') {
            const text = sign + v.text;
            const n = v.type === 'int' ? parseIntLiteral(v.text) : parseFloat(v.text.replace(/[fF]$/, ''));
            return { kind: 'number', value: sign ? -n : n, text };
        }
        if (v.type === 'ident') {
            if (!sign && (v.text === 'true' || v.text === 'false'))
                return { kind: 'bool', value: v.text === 'true' };
            if (v.text === 'inf' || v.text === 'nan') {
                const n = v.text === 'inf' ? Infinity : NaN;
                return { kind: 'number', value: sign ? -n : n, text: sign + v.text };
            }
            let name = v.text;
            while (this.isSymbol('.')) {
                this.next();
                name += '.' + this.expectIdent().text;
            }
            return { kind: 'ident', value: sign + name };
        }
        return this.fail(v, 'an option value');
    }
    /** A text-format message literal; top-level scalar entries are kept (features need no more). */
    aggregate() {
        const out = {};
        this.expectSymbol('{');
        let depth = 1;
        let key = null;
        let expectValue = false;
        while (depth > 0) {
            const t = this.next();
            if (t.type === 'eof')
                this.fail(t, '"}"');
            if (t.type === 'symbol') {
                if (t.text === '{' || t.text === '<')
                    depth++;
                else if (t.text === '}' || t.text === '>')
                    depth--;
                else if (t.text === ':' && depth === 1)
                    expectValue = true;
                continue;
            }
            if (depth !== 1)
                continue;
            if (expectValue && key !== null) {
                out[key] = t.text;
                key = null;
                expectValue = false;
            }
            else if (t.type === 'ident') {
                key = t.text;
            }
        }
        return out;
    }
    optionStatement() {
        const first = this.next();
        const name = this.optionName();
        this.expectSymbol('=');
        const value = this.optionValue();
        const end = this.expectSymbol(';');
        return { name, value, span: spanOf(first, end) };
    }
    /** `[a = 1, (b).c = "x"]` */
    compactOptions() {
        if (!this.isSymbol('['))
            return noOptions;
        const out = [];
        this.next();
        for (;;) {
            const first = this.peek();
            const name = this.optionName();
            this.expectSymbol('=');
            const value = this.optionValue();
            out.push({ name, value, span: spanOf(first, this.last) });
            if (this.isSymbol(',')) {
                this.next();
                continue;
            }
            this.expectSymbol(']');
            return out;
        }
    }
    newMessage(name, first, parent, scope) {
        const fullName = scope ? `${scope}.${name}` : name;
        return {
            name,
            fullName,
            nestedName: parent ? `${parent.nestedName}.${name}` : name,
            span: pendingSpan,
            file: this.file,
            parent,
            fields: [],
            oneofs: [],
            messages: [],
            enums: [],
            extensions: [],
            reservedRanges: [],
            reservedNames: [],
            extensionRanges: [],
            options: [],
            isMapEntry: false
        };
    }
    message(parent, scope) {
        const first = this.next();
        const name = this.expectIdent('a message name').text;
        const m = this.newMessage(name, first, parent, scope);
        this.messageBody(m);
        m.span = spanOf(first, this.last);
        return m;
    }
    messageBody(m) {
        const open = this.peek();
        this.expectSymbol('{');
        // Every later step walks nested messages recursively: a limit here is a clear input error
        // instead of a bare "Maximum call stack size exceeded" somewhere further on.
        if (++this.nesting > maxNesting)
            throw this.lx.error(open.line, open.col, `messages are nested more than ${maxNesting} deep; no real schema needs this, flatten the nesting`);
        try {
            this.messageItems(m);
        }
        finally {
            this.nesting--;
        }
    }
    messageItems(m) {
        for (;;) {
            const t = this.peek();
            if (t.type === 'symbol' && t.text === '}') {
                this.next();
                return;
            }
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            if (t.type === 'symbol' && t.text === '.') {
                this.field(m, m.fullName, m.fields, m.messages, null, null);
                continue;
            }
            if (t.type !== 'ident')
                this.fail(t, 'a field, message, enum, oneof, option or "}"');
            if (this.visibility())
                continue;
            switch (t.text) {
                case 'message':
                    m.messages.push(this.message(m, m.fullName));
                    continue;
                case 'enum':
                    m.enums.push(this.enumDecl(m, m.fullName));
                    continue;
                case 'option':
                    m.options.push(this.optionStatement());
                    continue;
                case 'oneof':
                    this.oneof(m);
                    continue;
                case 'extend':
                    this.extend(m, m.fullName, m.extensions, m.messages);
                    continue;
                case 'reserved':
                    this.reserved(m.reservedRanges, m.reservedNames, MESSAGE_MAX_TAG);
                    continue;
                case 'extensions': {
                    this.next();
                    const ranges = this.ranges(MESSAGE_MAX_TAG);
                    this.compactOptions();
                    this.expectSymbol(';');
                    m.extensionRanges.push(...ranges);
                    continue;
                }
                default:
                    this.field(m, m.fullName, m.fields, m.messages, null, null);
            }
        }
    }
    oneof(m) {
        const first = this.next();
        const name = this.expectIdent('a oneof name').text;
        const o = { name, span: pendingSpan, options: [], synthetic: false, fields: [] };
        m.oneofs.push(o);
        this.expectSymbol('{');
        for (;;) {
            const t = this.peek();
            if (t.type === 'symbol' && t.text === '}')
                break;
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            if (t.type === 'ident' && t.text === 'option') {
                o.options.push(this.optionStatement());
                continue;
            }
            this.field(m, m.fullName, m.fields, m.messages, o, null);
        }
        o.span = spanOf(first, this.next());
    }
    extend(parent, scope, into, groupsInto) {
        this.next();
        const extendee = this.typeName('an extended message name').text;
        this.expectSymbol('{');
        for (;;) {
            const t = this.peek();
            if (t.type === 'symbol' && t.text === '}') {
                this.next();
                return;
            }
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            this.field(parent, scope, into, groupsInto, null, extendee);
        }
    }
    field(parent, scope, into, groupsInto, oneof, extendee) {
        const first = this.peek();
        let label = '';
        if (first.type === 'ident' &&
            (first.text === 'optional' || first.text === 'required' || first.text === 'repeated')) {
            // `optional` may also be a message type name; a label is followed by another name.
            this.next();
            const after = this.peek();
            if (after.type === 'ident' || (after.type === 'symbol' && after.text === '.')) {
                label = first.text;
            }
            else {
                this.fail(after, 'a field type');
            }
        }
        const typeTok = this.peek();
        let typeText;
        let typeSpan;
        let mapTypes = null;
        if (typeTok.type === 'ident' && typeTok.text === 'map' && !label) {
            this.next();
            if (this.isSymbol('<')) {
                this.next();
                const key = this.expectIdent('a map key type').text;
                this.expectSymbol(',');
                const value = this.typeName('a map value type').text;
                const close = this.expectSymbol('>');
                mapTypes = { key, value };
                typeText = `map<${key}, ${value}>`;
                typeSpan = spanOf(typeTok, close);
            }
            else {
                let text = 'map';
                while (this.isSymbol('.')) {
                    this.next();
                    text += '.' + this.expectIdent().text;
                }
                typeText = text;
                typeSpan = spanOf(typeTok, this.last);
            }
        }
        else {
            typeText = this.typeName('a field type').text;
            typeSpan = spanOf(typeTok, this.last);
        }
        const nameTok = this.expectIdent('a field name');
        this.expectSymbol('=');
        const { value: number } = this.expectInt('a field number');
        const options = this.compactOptions();
        const isGroup = typeText === 'group' && this.isSymbol('{');
        const field = {
            name: nameTok.text,
            number,
            label,
            typeText,
            span: pendingSpan,
            typeSpan,
            nameSpan: spanOf(nameTok, nameTok),
            options,
            oneof,
            extendee,
            scope,
            parent,
            file: this.file,
            kind: 'message',
            typeName: '',
            mapEntry: null,
            isGroupSyntax: isGroup,
            fullName: ''
        };
        if (isGroup) {
            // A group is a field plus a nested message of the same (capitalised) name.
            const g = this.newMessage(nameTok.text, first, parent, scope);
            this.messageBody(g);
            g.span = spanOf(first, this.last);
            field.name = nameTok.text.toLowerCase();
            field.typeText = nameTok.text;
            field.typeSpan = spanOf(nameTok, nameTok);
            groupsInto.push(g);
        }
        else {
            this.expectSymbol(';');
        }
        field.span = spanOf(first, this.last);
        if (mapTypes) {
            const entry = this.newMessage(mapEntryName(field.name), first, parent, scope);
            entry.isMapEntry = true;
            entry.span = field.span;
            const mk = (name, num, type) => ({
                ...field,
                name,
                number: num,
                label: 'optional',
                typeText: type,
                options: noOptions,
                oneof: null,
                extendee: null,
                scope,
                parent: entry,
                mapEntry: null
            });
            entry.fields.push(mk('key', 1, mapTypes.key), mk('value', 2, mapTypes.value));
            groupsInto.push(entry);
            field.label = 'repeated';
            field.typeText = entry.name;
            field.mapEntry = entry;
        }
        into.push(field);
        if (oneof)
            oneof.fields.push(field);
    }
    ranges(max) {
        const out = [];
        for (;;) {
            const start = this.expectInt('a number or range');
            let end = start.value;
            if (this.isIdent('to')) {
                this.next();
                if (this.isIdent('max')) {
                    this.next();
                    end = max;
                }
                else {
                    end = this.expectInt('a number or "max"').value;
                }
            }
            out.push({ start: start.value, end, span: spanOf(start.token, this.last) });
            if (!this.isSymbol(','))
                return out;
            this.next();
        }
    }
    reserved(ranges, names, max) {
        this.next();
        const t = this.peek();
        if (t.type === 'string' || t.type === 'ident') {
            for (;;) {
                const n = this.next();
                if (n.type !== 'string' && n.type !== 'ident')
                    this.fail(n, 'a reserved name');
                names.push(n.text);
                if (!this.isSymbol(','))
                    break;
                this.next();
            }
        }
        else {
            ranges.push(...this.ranges(max));
        }
        this.expectSymbol(';');
    }
    enumDecl(parent, scope) {
        const first = this.next();
        const name = this.expectIdent('an enum name').text;
        const e = {
            name,
            fullName: scope ? `${scope}.${name}` : name,
            nestedName: parent ? `${parent.nestedName}.${name}` : name,
            span: pendingSpan,
            file: this.file,
            parent,
            values: [],
            reservedRanges: [],
            reservedNames: [],
            options: []
        };
        this.expectSymbol('{');
        for (;;) {
            const t = this.peek();
            if (t.type === 'symbol' && t.text === '}')
                break;
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            if (t.type !== 'ident')
                this.fail(t, 'an enum value, option, reserved or "}"');
            if (t.text === 'option') {
                e.options.push(this.optionStatement());
                continue;
            }
            if (t.text === 'reserved') {
                this.reserved(e.reservedRanges, e.reservedNames, ENUM_MAX);
                continue;
            }
            this.next();
            this.expectSymbol('=');
            const num = this.expectInt('an enum value number');
            const options = this.compactOptions();
            const end = this.expectSymbol(';');
            const v = {
                name: t.text,
                number: num.value,
                span: spanOf(t, end),
                numberSpan: spanOf(num.token, num.token),
                options
            };
            e.values.push(v);
        }
        e.span = spanOf(first, this.next());
        return e;
    }
    service() {
        const first = this.next();
        const name = this.expectIdent('a service name').text;
        const pkg = this.file.package;
        const s = {
            name,
            fullName: pkg ? `${pkg}.${name}` : name,
            span: pendingSpan,
            file: this.file,
            methods: [],
            options: []
        };
        this.expectSymbol('{');
        for (;;) {
            const t = this.peek();
            if (t.type === 'symbol' && t.text === '}')
                break;
            if (t.type === 'symbol' && t.text === ';') {
                this.next();
                continue;
            }
            if (t.type === 'ident' && t.text === 'option') {
                s.options.push(this.optionStatement());
                continue;
            }
            if (t.type !== 'ident' || t.text !== 'rpc')
                this.fail(t, '"rpc", "option" or "}"');
            s.methods.push(this.method(s));
        }
        s.span = spanOf(first, this.next());
        return s;
    }
    method(s) {
        const first = this.next();
        const name = this.expectIdent('an rpc name').text;
        const side = () => {
            this.expectSymbol('(');
            let stream = false;
            const t = this.peek();
            if (t.type === 'ident' && t.text === 'stream') {
                this.next();
                // `stream` may itself be a type name: `rpc M(stream)`.
                if (this.isSymbol(')')) {
                    this.expectSymbol(')');
                    return { text: 'stream', span: spanOf(t, t), stream: false };
                }
                stream = true;
            }
            const typeTok = this.peek();
            const n = this.typeName('a message type');
            const span = spanOf(typeTok, this.last);
            this.expectSymbol(')');
            return { text: n.text, span, stream };
        };
        const input = side();
        const ret = this.expectIdent('"returns"');
        if (ret.text !== 'returns')
            this.fail(ret, '"returns"');
        const output = side();
        const options = [];
        let end;
        if (this.isSymbol('{')) {
            this.next();
            for (;;) {
                const t = this.peek();
                if (t.type === 'symbol' && t.text === '}') {
                    end = this.next();
                    break;
                }
                if (t.type === 'symbol' && t.text === ';') {
                    this.next();
                    continue;
                }
                if (t.type !== 'ident' || t.text !== 'option')
                    this.fail(t, '"option" or "}"');
                options.push(this.optionStatement());
            }
            if (this.isSymbol(';'))
                this.next();
        }
        else {
            end = this.expectSymbol(';');
        }
        return {
            name,
            span: spanOf(first, end),
            inputText: input.text,
            outputText: output.text,
            inputSpan: input.span,
            outputSpan: output.span,
            clientStreaming: input.stream,
            serverStreaming: output.stream,
            options,
            inputType: '',
            outputType: '',
            service: s
        };
    }
}
function parseIntLiteral(text) {
    if (/^0[xX]/.test(text))
        return parseInt(text.slice(2), 16);
    if (text.length > 1 && text.startsWith('0'))
        return parseInt(text, 8);
    return parseInt(text, 10);
}
/** Parses one file; a syntax error is an InputError naming `displayPath:line:col`. */
function parseProto(src, path, displayPath = path) {
    return new Parser(src, path, displayPath).parse();
}

const diagnostic = (file, at, message) => ({
    file: file.displayPath,
    line: at.line,
    col: at.col,
    message
});
/**
 * The "declared multiple times" check of one scope: declare each name of the scope (qualified or
 * not); buf reports a name declared twice once, at its first declaration, by its last component.
 */
function duplicateNames(out) {
    const declared = new Map();
    return (file, name, at) => {
        if (!declared.has(name))
            declared.set(name, [file, at]);
        else {
            const first = declared.get(name);
            const short = name.slice(name.lastIndexOf('.') + 1);
            if (first)
                out.push(diagnostic(first[0], first[1], `\`${short}\` declared multiple times`));
            declared.set(name, null);
        }
    };
}
/** Checks of one file alone (numbers, reserved ranges, names inside one message or enum). */
function checkFile(file, out) {
    const forMessage = (m) => {
        // Nested types first, as buf reports them.
        const declareName = duplicateNames(out);
        const declare = (name, at) => declareName(file, name, at);
        for (const n of m.messages)
            if (!n.isMapEntry)
                declare(n.name, n.span);
        for (const e of m.enums) {
            declare(e.name, e.span);
            for (const v of e.values)
                declare(v.name, v.span);
        }
        const checkJson = file.syntax === 'proto3' || messageFeature(m, 'json_format') === 'ALLOW';
        const jsonNames = new Set();
        const max = maxTagOf(m);
        const numbers = new Set();
        const reservedNames = new Set(m.reservedNames);
        for (const f of m.fields) {
            declare(f.name, f.nameSpan);
            if (f.number < 1 || f.number > max || (f.number >= 19000 && f.number <= 19999)) {
                out.push(diagnostic(file, f.span, 'field number out of range'));
            }
            else if (numbers.has(f.number)) {
                out.push(diagnostic(file, f.span, `field number \`${f.number}\` used more than once`));
            }
            else if (m.reservedRanges.some((r) => f.number >= r.start && f.number <= r.end)) {
                out.push(diagnostic(file, f.span, `use of reserved field number \`${f.number}\``));
            }
            else if (m.extensionRanges.some((r) => f.number >= r.start && f.number <= r.end)) {
                out.push(diagnostic(file, f.span, `field number \`${f.number}\` is in an extension range`));
            }
            numbers.add(f.number);
            if (checkJson) {
                const json = optionString(f.options, 'json_name') || jsonNameOf(f.name);
                if (jsonNames.has(json)) {
                    out.push(diagnostic(file, f.nameSpan, 'message fields have the same JSON name'));
                }
                jsonNames.add(json);
            }
            if (reservedNames.has(f.name)) {
                out.push(diagnostic(file, f.nameSpan, 'use of reserved message field name'));
            }
        }
        for (const o of m.oneofs)
            if (!o.synthetic)
                declare(o.name, o.span);
        for (const x of m.extensions)
            declare(x.name, x.nameSpan);
        for (const e of m.enums)
            forEnum(e);
        for (const n of m.messages)
            forMessage(n);
    };
    const forEnum = (e) => {
        const first = e.values[0];
        if (first && first.number !== 0 && enumFeature(e, 'enum_type') === 'OPEN') {
            out.push(diagnostic(file, first.numberSpan, 'first value of open enum must be zero'));
        }
        if (optionBool(e.options, 'allow_alias'))
            return;
        const seen = new Set();
        for (const v of e.values) {
            if (seen.has(v.number)) {
                out.push(diagnostic(file, v.numberSpan, `enum value \`${v.number}\` used more than once`));
            }
            seen.add(v.number);
        }
    };
    // Package-level names (messages, enums and their values, services, extensions) are checked
    // across the files by the linker; here only what lives inside one element.
    for (const e of file.enums)
        forEnum(e);
    for (const m of file.messages)
        forMessage(m);
}
/** Throws the diagnostics as one InputError (none: nothing). */
function throwIfAny(root, diagnostics) {
    if (diagnostics.length === 0)
        return;
    const sorted = [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col);
    const shown = sorted.slice(0, 20).map((d) => `  ${d.file}:${d.line}:${d.col}: ${d.message}`);
    if (sorted.length > 20)
        shown.push(`  … and ${sorted.length - 20} more`);
    throw new InputError(`${root}: ${sorted.length} compile error(s) in the .proto files (buf refuses to compare them too):\n` +
        `${shown.join('\n')}\nfix the files so that they compile (buf build), then compare again`);
}

/** Types of the well-known .proto files that buf and protoc provide without them being in the tree. */
const wellKnownMessages = [
    'google.protobuf.Any',
    'google.protobuf.Api',
    'google.protobuf.Method',
    'google.protobuf.Mixin',
    'google.protobuf.Duration',
    'google.protobuf.Empty',
    'google.protobuf.FieldMask',
    'google.protobuf.SourceContext',
    'google.protobuf.Struct',
    'google.protobuf.Struct.FieldsEntry',
    'google.protobuf.Value',
    'google.protobuf.ListValue',
    'google.protobuf.Timestamp',
    'google.protobuf.Type',
    'google.protobuf.Field',
    'google.protobuf.Enum',
    'google.protobuf.EnumValue',
    'google.protobuf.Option',
    'google.protobuf.DoubleValue',
    'google.protobuf.FloatValue',
    'google.protobuf.Int64Value',
    'google.protobuf.UInt64Value',
    'google.protobuf.Int32Value',
    'google.protobuf.UInt32Value',
    'google.protobuf.BoolValue',
    'google.protobuf.StringValue',
    'google.protobuf.BytesValue',
    'google.protobuf.FileDescriptorSet',
    'google.protobuf.FileDescriptorProto',
    'google.protobuf.DescriptorProto',
    'google.protobuf.DescriptorProto.ExtensionRange',
    'google.protobuf.DescriptorProto.ReservedRange',
    'google.protobuf.ExtensionRangeOptions',
    'google.protobuf.ExtensionRangeOptions.Declaration',
    'google.protobuf.FieldDescriptorProto',
    'google.protobuf.OneofDescriptorProto',
    'google.protobuf.EnumDescriptorProto',
    'google.protobuf.EnumDescriptorProto.EnumReservedRange',
    'google.protobuf.EnumValueDescriptorProto',
    'google.protobuf.ServiceDescriptorProto',
    'google.protobuf.MethodDescriptorProto',
    'google.protobuf.FileOptions',
    'google.protobuf.MessageOptions',
    'google.protobuf.FieldOptions',
    'google.protobuf.FieldOptions.EditionDefault',
    'google.protobuf.FieldOptions.FeatureSupport',
    'google.protobuf.OneofOptions',
    'google.protobuf.EnumOptions',
    'google.protobuf.EnumValueOptions',
    'google.protobuf.ServiceOptions',
    'google.protobuf.MethodOptions',
    'google.protobuf.UninterpretedOption',
    'google.protobuf.UninterpretedOption.NamePart',
    'google.protobuf.FeatureSet',
    'google.protobuf.FeatureSet.VisibilityFeature',
    'google.protobuf.FeatureSet.ProtoLimitsFeature',
    'google.protobuf.FeatureSetDefaults',
    'google.protobuf.FeatureSetDefaults.FeatureSetEditionDefault',
    'google.protobuf.SourceCodeInfo',
    'google.protobuf.SourceCodeInfo.Location',
    'google.protobuf.GeneratedCodeInfo',
    'google.protobuf.GeneratedCodeInfo.Annotation',
    'google.protobuf.compiler.Version',
    'google.protobuf.compiler.CodeGeneratorRequest',
    'google.protobuf.compiler.CodeGeneratorResponse',
    'google.protobuf.compiler.CodeGeneratorResponse.File',
    'pb.CppFeatures',
    'pb.JavaFeatures',
    'pb.GoFeatures'
];
const wellKnownEnums = [
    'google.protobuf.NullValue',
    'google.protobuf.Field.Kind',
    'google.protobuf.Field.Cardinality',
    'google.protobuf.Syntax',
    'google.protobuf.ExtensionRangeOptions.VerificationState',
    'google.protobuf.FieldDescriptorProto.Type',
    'google.protobuf.FieldDescriptorProto.Label',
    'google.protobuf.FileOptions.OptimizeMode',
    'google.protobuf.FieldOptions.CType',
    'google.protobuf.FieldOptions.JSType',
    'google.protobuf.FieldOptions.OptionRetention',
    'google.protobuf.FieldOptions.OptionTargetType',
    'google.protobuf.MethodOptions.IdempotencyLevel',
    'google.protobuf.FeatureSet.FieldPresence',
    'google.protobuf.FeatureSet.EnumType',
    'google.protobuf.FeatureSet.RepeatedFieldEncoding',
    'google.protobuf.FeatureSet.Utf8Validation',
    'google.protobuf.FeatureSet.MessageEncoding',
    'google.protobuf.FeatureSet.JsonFormat',
    'google.protobuf.FeatureSet.EnforceNamingStyle',
    'google.protobuf.FeatureSet.VisibilityFeature.DefaultSymbolVisibility',
    'google.protobuf.FeatureSet.ProtoLimitsFeature.EnforceProtoLimits',
    'google.protobuf.GeneratedCodeInfo.Annotation.Semantic',
    'google.protobuf.Edition',
    'google.protobuf.SymbolVisibility',
    'google.protobuf.compiler.CodeGeneratorResponse.Feature',
    'pb.CppFeatures.StringType',
    'pb.CppFeatures.RepeatedType',
    'pb.JavaFeatures.Utf8Validation'
];

/**
 * The buf configuration of a directory: its buf.yaml (v1beta1, v1, v2), or a `buf.work.yaml`
 * workspace (v1) read as one v2-shaped configuration whose `modules` are its directories, each
 * with the `version`, `breaking` section and excludes of its own buf.yaml (paths made relative to
 * the workspace root, as v2 writes them). Null when there is neither.
 */
function readBufConfig(dir) {
    for (const name of ['buf.yaml', 'buf.yml']) {
        const file = join(dir, name);
        if (existsSync(file))
            return readYaml(file);
    }
    for (const name of ['buf.work.yaml', 'buf.work.yml']) {
        const file = join(dir, name);
        if (existsSync(file))
            return workspaceConfig(dir, file);
    }
    return null;
}
function readYaml(file) {
    try {
        const value = distExports.parse(readFileSync(file, 'utf8')) ?? {};
        if (typeof value !== 'object' || Array.isArray(value)) {
            throw new InputError(`${file}: must be a YAML mapping; fix the file or remove it`);
        }
        return value;
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        throw new InputError(`${file}: not valid YAML (${error.message.split('\n')[0]}); fix the file or remove it`);
    }
}
/** A module or ignore path as buf.yaml writes it, without a leading `./` or trailing slashes. */
const cleanPath = (p) => p.replace(/^\.\//, '').replace(/\/+$/, '');
const underDir = (dir, p) => dir === '.' ? p.replace(/^\.\//, '') : `${dir}/${p.replace(/^\.\//, '')}`;
/** A buf.work.yaml and the buf.yaml of each of its directories, as one v2-shaped configuration. */
function workspaceConfig(root, file) {
    const work = readYaml(file);
    const dirs = work.directories;
    if (!Array.isArray(dirs) ||
        dirs.length === 0 ||
        dirs.some((d) => typeof d !== 'string' || d.startsWith('/') || d.split('/').includes('..'))) {
        throw new InputError(`${file}: directories must list the module directories, relative to ${root} and inside it`);
    }
    const deps = [];
    const modules = dirs.map((d) => {
        const path = cleanPath(d) || '.';
        const own = readBufConfig(join(root, path));
        if (own && Array.isArray(own.deps))
            deps.push(...own.deps);
        const build = (own?.build ?? {});
        const excludes = Array.isArray(build.excludes)
            ? build.excludes
                .filter((x) => typeof x === 'string')
                .map((e) => underDir(path, e))
            : [];
        const section = (own?.breaking ?? {});
        const prefixPaths = (v) => Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? underDir(path, x) : x)) : v;
        const only = section.ignore_only;
        const breaking = {
            ...section,
            ignore: prefixPaths(section.ignore),
            ...(only && typeof only === 'object' && !Array.isArray(only)
                ? {
                    ignore_only: Object.fromEntries(Object.entries(only).map(([k, v]) => [k, prefixPaths(v)]))
                }
                : {})
        };
        return {
            path,
            excludes,
            breaking,
            // A directory without buf.yaml is a v1 module with buf's defaults.
            version: own?.version ?? (own ? 'v1beta1' : 'v1'),
            source: join(root, path, 'buf.yaml')
        };
    });
    return { version: 'v2', modules, deps, workspace: relative(root, file) };
}
function modulesOf(config) {
    const c = (config ?? {});
    const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
    if (c.version === 'v2' && Array.isArray(c.modules) && c.modules.length > 0) {
        return c.modules.map((m) => ({
            // Not cleanPath: a leading './' is kept so that an error names the path as written.
            path: typeof m.path === 'string' ? m.path.replace(/\/+$/, '') || '.' : '.',
            excludes: strings(m.excludes)
        }));
    }
    const build = (c.build ?? {});
    return [{ path: '.', excludes: strings(build.excludes) }];
}
function walkProtos(dir, out) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules')
            continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory())
            walkProtos(full, out);
        else if (entry.isFile() && entry.name.endsWith('.proto'))
            out.push(full);
    }
}
const toPosix$1 = (p) => p.split(sep$1).join('/');
/** Reads every .proto file under `dir` (as buf's module layout says) into sources. */
function readProtoSources(dir, bufConfig) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new InputError(`${dir}: not a directory; pass the directory that holds the .proto files`);
    }
    const sources = [];
    for (const mod of modulesOf(bufConfig)) {
        const modDir = join(dir, mod.path);
        if (!existsSync(modDir)) {
            throw new InputError(`${join(dir, 'buf.yaml')}: module path "${mod.path}" does not exist`);
        }
        const files = [];
        walkProtos(modDir, files);
        const excludes = mod.excludes.map((e) => toPosix$1(relative(modDir, join(dir, e))));
        for (const file of files) {
            const path = toPosix$1(relative(modDir, file));
            if (excludes.some((e) => path === e || path.startsWith(e + '/')))
                continue;
            sources.push({
                path,
                displayPath: toPosix$1(relative(dir, file)),
                text: readFileSync(file, 'utf8')
            });
        }
    }
    sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return sources;
}
/** Loads and links every .proto file of a directory; a syntax error is an InputError naming file:line:col. */
function loadProtoTree(dir) {
    const bufConfig = readBufConfig(dir);
    return buildProtoTree(dir, readProtoSources(dir, bufConfig), bufConfig);
}
function buildProtoTree(root, sources, bufConfig = null) {
    const files = sources.map((s) => parseProto(s.text, s.path, s.displayPath));
    forgetInterned();
    checkDistinctPaths(files);
    const diagnostics = [];
    for (const f of files)
        checkFile(f, diagnostics);
    link(files, diagnostics, lenientOf(bufConfig));
    throwIfAny(root, diagnostics);
    return { root, files, bufConfig };
}
/**
 * Loads the two sides of a comparison. A file whose text is the same on both sides is parsed and
 * kept once, which halves the work and the memory when most files did not change.
 */
function loadProtoTreePair(baseDir, headDir) {
    const baseConfig = readBufConfig(baseDir);
    const headConfig = readBufConfig(headDir);
    return buildProtoTreePair([baseDir, readProtoSources(baseDir, baseConfig), baseConfig], [headDir, readProtoSources(headDir, headConfig), headConfig]);
}
function buildProtoTreePair(base, head) {
    const baseFiles = base[1].map((s) => parseProto(s.text, s.path, s.displayPath));
    const byPath = new Map();
    base[1].forEach((s, i) => byPath.set(s.path, { source: s, file: baseFiles[i] }));
    // A file unchanged on both sides is one object in both trees, if it links the same way.
    const shared = new Set();
    const headFiles = head[1].map((s) => {
        const same = byPath.get(s.path);
        if (same && same.source.text === s.text && same.source.displayPath === s.displayPath) {
            shared.add(same.file);
            return same.file;
        }
        return parseProto(s.text, s.path, s.displayPath);
    });
    forgetInterned();
    checkDistinctPaths(baseFiles);
    checkDistinctPaths(headFiles);
    const baseErrors = [];
    for (const f of baseFiles)
        checkFile(f, baseErrors);
    link(baseFiles, baseErrors, lenientOf(base[2]));
    throwIfAny(base[0], baseErrors);
    const headErrors = [];
    for (const f of headFiles)
        if (!shared.has(f))
            checkFile(f, headErrors);
    const mismatched = link(headFiles, headErrors, lenientOf(head[2]), shared);
    if (mismatched.size > 0) {
        const fresh = new Set();
        headFiles.forEach((f, i) => {
            if (!mismatched.has(f))
                return;
            const s = head[1][i];
            const copy = parseProto(s.text, s.path, s.displayPath);
            fresh.add(copy);
            headFiles[i] = copy;
        });
        const kept = new Set(headFiles.filter((f) => !fresh.has(f)));
        link(headFiles, headErrors, lenientOf(head[2]), kept, true);
    }
    throwIfAny(head[0], headErrors);
    return [
        { root: base[0], files: baseFiles, bufConfig: base[2] },
        { root: head[0], files: headFiles, bufConfig: head[2] }
    ];
}
function checkDistinctPaths(files) {
    const seen = new Map();
    for (const f of files) {
        const other = seen.get(f.path);
        if (other) {
            throw new InputError(`${f.displayPath}: same import path "${f.path}" as ${other}; give each module distinct paths`);
        }
        seen.set(f.path, f.displayPath);
    }
}
function forEachMessage(messages, fn) {
    for (const m of messages) {
        fn(m);
        forEachMessage(m.messages, fn);
    }
}
function allMessages(file) {
    const out = [];
    forEachMessage(file.messages, (m) => out.push(m));
    return out;
}
function allEnums(file) {
    const out = [...file.enums];
    forEachMessage(file.messages, (m) => out.push(...m.enums));
    return out;
}
function allExtensions(file) {
    const out = [...file.extensions];
    forEachMessage(file.messages, (m) => out.push(...m.extensions));
    return out;
}
/**
 * Resolves every type reference of `files` against the symbols of `files`. Files in `verify` are
 * already linked (shared with the other tree): they are only checked, and those that would
 * resolve differently here are returned.
 */
function link(files, errors, lenient, verify, relink = false) {
    const symbols = new Map();
    // Names the tree declares at package level (enum values live in their enum's scope), for the
    // "declared multiple times" check; checked once, on a tree's first link.
    const declareName = duplicateNames(errors);
    const declare = (f, name, at) => {
        if (!relink)
            declareName(f, name, at);
    };
    const present = new Set(files.map((f) => f.path));
    for (const name of wellKnownMessages)
        symbols.set(name, 'message');
    for (const name of wellKnownEnums)
        symbols.set(name, 'enum');
    for (const name of ['google', 'google.protobuf', 'google.protobuf.compiler', 'pb']) {
        symbols.set(name, 'package');
    }
    for (const f of files) {
        if (f.package) {
            const parts = f.package.split('.');
            for (let i = 1; i <= parts.length; i++) {
                const p = parts.slice(0, i).join('.');
                if (!symbols.has(p))
                    symbols.set(p, 'package');
            }
        }
        for (const m of allMessages(f))
            symbols.set(m.fullName, 'message');
        for (const e of allEnums(f))
            symbols.set(e.fullName, 'enum');
        for (const s of f.services)
            symbols.set(s.fullName, 'service');
        const prefix = f.package ? `${f.package}.` : '';
        for (const m of f.messages)
            declare(f, prefix + m.name, m.span);
        for (const e of f.enums) {
            declare(f, prefix + e.name, e.span);
            for (const v of e.values)
                declare(f, prefix + v.name, v.span);
        }
        for (const s of f.services)
            declare(f, prefix + s.name, s.span);
        for (const x of f.extensions)
            declare(f, prefix + x.name, x.nameSpan);
        if (!lenient && !relink) {
            for (const i of f.imports) {
                if (!present.has(i.path) && !i.path.startsWith('google/protobuf/')) {
                    errors.push(diagnostic(f, i.span, 'imported file does not exist'));
                }
            }
        }
    }
    // The scopes that declare each name, and each scope's chain of enclosing scopes (cached).
    const scopesByName = new Map();
    for (const full of symbols.keys()) {
        const i = full.lastIndexOf('.');
        const last = i < 0 ? full : full.slice(i + 1);
        const scope = i < 0 ? '' : full.slice(0, i);
        const set = scopesByName.get(last);
        if (set)
            set.add(scope);
        else
            scopesByName.set(last, new Set([scope]));
    }
    const chains = new Map();
    const chainOf = (scope) => {
        let chain = chains.get(scope);
        if (!chain) {
            chain = [];
            for (let s = scope;;) {
                chain.push(s);
                if (!s)
                    break;
                const i = s.lastIndexOf('.');
                s = i < 0 ? '' : s.slice(0, i);
            }
            chains.set(scope, chain);
        }
        return chain;
    };
    /** protoc's scoping: the innermost enclosing scope that has the first name component. */
    const resolve = (name, scope) => {
        if (name.startsWith('.'))
            return symbols.has(name.slice(1)) ? name.slice(1) : null;
        const dot = name.indexOf('.');
        const first = dot < 0 ? name : name.slice(0, dot);
        const declaring = scopesByName.get(first);
        if (!declaring)
            return null;
        for (const s of chainOf(scope)) {
            if (!declaring.has(s))
                continue;
            // A multi-part name needs an aggregate (package or message) for its first part.
            if (dot >= 0) {
                const kind = symbols.get(s ? `${s}.${first}` : first);
                if (kind !== 'package' && kind !== 'message')
                    continue;
            }
            const full = s ? `${s}.${name}` : name;
            return symbols.has(full) ? full : null;
        }
        return null;
    };
    const unresolved = (f, at, name) => {
        if (!lenient)
            errors.push(diagnostic(f, at, `cannot find \`${name}\` in this scope`));
    };
    const resolveField = (field, report = false) => {
        let extendee = null;
        if (field.extendee) {
            const written = field.extendeeText ?? field.extendee;
            extendee = resolve(written, field.scope);
            if (extendee === null && report)
                unresolved(field.file, field.span, written);
            extendee ??= written.replace(/^\./, '');
        }
        if (field.mapEntry)
            return { extendee, kind: 'message', typeName: '.' + field.mapEntry.fullName };
        if (isScalarType(field.typeText)) {
            return { extendee, kind: field.typeText, typeName: '' };
        }
        const full = resolve(field.typeText, field.scope);
        if (full === null && report)
            unresolved(field.file, field.typeSpan, field.typeText);
        const typeName = '.' + (full ?? field.typeText.replace(/^\./, ''));
        let kind = 'message';
        if ((full ? symbols.get(full) : undefined) === 'enum')
            kind = 'enum';
        else if (field.isGroupSyntax ||
            (field.file.syntax === 'editions' && fieldFeature(field, 'message_encoding') === 'DELIMITED')) {
            kind = 'group';
        }
        return { extendee, kind, typeName };
    };
    const linkField = (field) => {
        field.fullName = field.extendee
            ? field.scope
                ? `${field.scope}.${field.name}`
                : field.name
            : `${field.parent?.fullName ?? field.scope}.${field.name}`;
        const r = resolveField(field, true);
        if (field.extendee)
            field.extendeeText = field.extendee;
        field.extendee = r.extendee;
        field.kind = r.kind;
        field.typeName = r.typeName;
    };
    const methodType = (text, scope) => '.' + (resolve(text, scope) ?? text.replace(/^\./, ''));
    const linkMethodType = (f, text, at) => {
        const full = resolve(text, f.package);
        if (full === null)
            unresolved(f, at, text);
        return '.' + (full ?? text.replace(/^\./, ''));
    };
    /** Whether a file linked in another tree resolves to the same types in this one. */
    const resolvesSame = (f) => {
        const same = (field) => {
            const r = resolveField(field);
            return r.extendee === field.extendee && r.kind === field.kind && r.typeName === field.typeName;
        };
        for (const m of allMessages(f)) {
            if (!m.fields.every(same) || !m.extensions.every(same))
                return false;
        }
        if (!f.extensions.every(same))
            return false;
        return f.services.every((s) => s.methods.every((m) => m.inputType === methodType(m.inputText, f.package) &&
            m.outputType === methodType(m.outputText, f.package)));
    };
    const mismatched = new Set();
    for (const f of files) {
        if (verify?.has(f)) {
            if (!resolvesSame(f))
                mismatched.add(f);
            continue;
        }
        for (const m of allMessages(f)) {
            for (const field of m.fields)
                linkField(field);
            addSyntheticOneofs(m);
            for (const field of m.extensions)
                linkField(field);
        }
        for (const field of f.extensions)
            linkField(field);
        for (const s of f.services) {
            for (const method of s.methods) {
                method.inputType = linkMethodType(f, method.inputText, method.inputSpan);
                method.outputType = linkMethodType(f, method.outputText, method.outputSpan);
            }
        }
    }
    return mismatched;
}
/** proto3 `optional` puts the field in a oneof of its own, named as protoc names it. */
function addSyntheticOneofs(m) {
    if (m.file.syntax !== 'proto3')
        return;
    let taken = null;
    for (const field of m.fields) {
        if (field.label !== 'optional' || field.oneof)
            continue;
        taken ??= new Set([...m.fields.map((f) => f.name), ...m.oneofs.map((o) => o.name)]);
        let name = `_${field.name}`;
        while (taken.has(name))
            name = `X${name}`;
        taken.add(name);
        const o = { name, span: field.span, options: [], synthetic: true, fields: [field] };
        field.oneof = o;
        m.oneofs.push(o);
    }
}
/**
 * A tree whose buf.yaml declares dependencies (`deps`) imports files that are not in it: unknown
 * imports and types are then not compile errors here.
 */
function lenientOf(config) {
    const c = (config ?? {});
    return Array.isArray(c.deps) && c.deps.length > 0;
}

const isMap = (f) => f.mapEntry !== null;
const isList = (f) => f.label === 'repeated' && f.mapEntry === null;
function isRequired(f) {
    if (f.label === 'required')
        return true;
    return (f.file.syntax === 'editions' &&
        !f.extendee &&
        fieldFeature(f, 'field_presence') === 'LEGACY_REQUIRED');
}
function hasPresence(f) {
    if (f.label === 'repeated')
        return false;
    if (f.kind === 'message' || f.kind === 'group' || f.oneof || f.extendee)
        return true;
    if (f.file.syntax === 'proto2')
        return true;
    if (f.file.syntax === 'proto3')
        return f.label === 'optional';
    return fieldFeature(f, 'field_presence') !== 'IMPLICIT';
}
function cardinalityOf(f) {
    if (isList(f))
        return 'repeated';
    if (isMap(f))
        return 'map';
    if (isRequired(f))
        return 'required';
    return hasPresence(f) ? 'optional with explicit presence' : 'optional with implicit presence';
}
const inMapEntry = (f) => f.parent?.isMapEntry === true;
function kindString(f) {
    if (f.kind === 'group' && f.file.syntax !== 'proto2')
        return 'message (delimited encoding)';
    return f.kind;
}
function jsonNameOfField(f) {
    const o = optionEntry(f.options, 'json_name');
    return o && o.value.kind === 'string' ? o.value.value : jsonNameOf(f.name);
}
function isEnumClosed(e) {
    return enumFeature(e, 'enum_type') === 'CLOSED';
}
function jstypeOf(f) {
    return optionString(f.options, 'jstype') || 'JS_NORMAL';
}
function utf8ValidationOf(f) {
    return fieldFeature(f, 'utf8_validation');
}
/** [string type, is string_piece], as buf's fieldCppStringType. */
function cppStringTypeOf(f) {
    const ctype = optionEntry(f.options, 'ctype');
    if (ctype && Number(f.file.edition ?? 0) < 2024) {
        const v = String(ctype.value.value);
        if (v === 'CORD')
            return ['CORD', false];
        if (v === 'STRING_PIECE')
            return ['STRING', true];
        if (v === 'STRING' || f.file.syntax !== 'editions')
            return ['STRING', false];
    }
    return [fieldFeature(f, '(pb.cpp).string_type'), false];
}
function cppStringTypeEntry(f) {
    return optionEntry(f.options, 'ctype') ?? fieldFeatureEntry(f, '(pb.cpp).string_type');
}
function javaUtf8ValidationOf(f) {
    const defaultValue = fieldFeature(f, 'utf8_validation');
    const check = optionEntry(f.file.options, 'java_string_check_utf8');
    if (f.file.syntax !== 'editions' || check) {
        return optionBool(f.file.options, 'java_string_check_utf8') ? 'VERIFY' : defaultValue;
    }
    return fieldFeature(f, '(pb.java).utf8_validation') === 'VERIFY' ? 'VERIFY' : defaultValue;
}
const isFloatKind = (f) => f.kind === 'float' || f.kind === 'double';
/** Go's %v for a float64: shortest digits, exponent form when the exponent is < -4 or >= 6. */
function goFloat(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (!Number.isFinite(v))
        return v > 0 ? '+Inf' : '-Inf';
    if (v === 0)
        return Object.is(v, -0) ? '-0' : '0';
    const [mant, expText] = v.toExponential().split('e');
    const exp = Number(expText);
    if (exp < -4 || exp >= 6) {
        return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    }
    return String(v);
}
function goQuote(s) {
    return JSON.stringify(s);
}
function canHaveDefault(f) {
    return !isList(f) && !isMap(f) && f.kind !== 'message' && f.kind !== 'group';
}
function defaultOf(f, index) {
    const o = optionEntry(f.options, 'default');
    const v = o?.value;
    if (f.kind === 'string' || f.kind === 'bytes') {
        const s = v && v.kind === 'string' ? v.value : '';
        const printable = f.kind === 'string'
            ? goQuote(s)
            : '[' +
                Array.from(s)
                    .map((c) => '0x' + c.charCodeAt(0).toString(16).toUpperCase())
                    .join(',') +
                ']';
        return { comparable: s, printable, isString: true, isFloat32: false };
    }
    if (f.kind === 'enum') {
        const e = index.enums.get(f.typeName.slice(1));
        let valueName = v && v.kind === 'ident' ? v.value : undefined;
        let num = 0;
        if (valueName !== undefined) {
            num = e?.values.find((x) => x.name === valueName)?.number ?? 0;
        }
        else if (e && e.values[0]) {
            num = e.values[0].number;
            valueName = e.values[0].name;
        }
        const printable = e ? `${e.name}.${valueName ?? num}` : String(num);
        return { comparable: num, printable, isString: false, isFloat32: false };
    }
    if (f.kind === 'bool') {
        const b = v && v.kind === 'bool' ? v.value : false;
        return { comparable: b ? 1 : 0, printable: String(b), isString: false, isFloat32: false };
    }
    const n = v && v.kind === 'number' ? v.value : 0;
    if (isFloatKind(f)) {
        return { comparable: n, printable: goFloat(n), isString: false, isFloat32: f.kind === 'float' };
    }
    const big = v && v.kind === 'number' ? BigInt(v.text.replace(/^(-?)0[xX]/, '$10x')) : 0n;
    return { comparable: big, printable: big.toString(), isString: false, isFloat32: false };
}
function isZeroDefault(d) {
    return d.comparable === '' || d.comparable === 0 || d.comparable === 0n;
}
function defaultsEqual(a, b) {
    if (a.isString || b.isString)
        return a.comparable === b.comparable;
    const toNum = (x) => Number(x.comparable);
    if (a.isFloat32 !== b.isFloat32 &&
        typeof a.comparable === 'number' &&
        typeof b.comparable === 'number') {
        return (Math.fround(toNum(a)) === Math.fround(toNum(b)) ||
            (Number.isNaN(toNum(a)) && Number.isNaN(toNum(b))));
    }
    if (typeof a.comparable === 'bigint' && typeof b.comparable === 'bigint')
        return a.comparable === b.comparable;
    const x = toNum(a);
    const y = toNum(b);
    return x === y || (Number.isNaN(x) && Number.isNaN(y));
}
const is64bitInteger = (f) => f.kind === 'int64' ||
    f.kind === 'sint64' ||
    f.kind === 'uint64' ||
    f.kind === 'fixed64' ||
    f.kind === 'sfixed64';

function finding(rule, message, head, base, symbol, operation = null) {
    return {
        rule,
        message,
        file: head.file,
        span: head.span,
        baseFile: base.file,
        baseSpan: base.span,
        symbol,
        operation
    };
}
/** buf's fieldDescription: `Field "2" with name "id" on message "User"`. */
function fieldDescription(f, withName = true) {
    const name = withName ? ` with name "${f.extendee ? f.fullName : f.name}"` : '';
    if (f.extendee)
        return `Extension "${f.number}"${name} on message "${f.extendee}"`;
    return `Field "${f.number}"${name} on message "${f.parent?.name ?? ''}"`;
}
function numbersOf(fields) {
    const out = new Map();
    for (const f of fields)
        out.set(f.number, f);
    return out;
}
function valuesByNumber(e) {
    const out = new Map();
    for (const v of e.values) {
        let byName = out.get(v.number);
        if (!byName)
            out.set(v.number, (byName = new Map()));
        byName.set(v.name, v);
    }
    return out;
}
const quoteJoin = (names) => names.map((n) => `"${n}"`).join(', ');

function collapse(ranges) {
    const sorted = ranges
        .map((r) => [r.start, r.end])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = [];
    for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && r[0] <= last[1] + 1)
            last[1] = Math.max(last[1], r[1]);
        else
            out.push([r[0], r[1]]);
    }
    return out;
}
function missing(start, end, ranges) {
    const out = [];
    let cursor = start;
    for (const [s, e] of ranges) {
        if (e < cursor)
            continue;
        if (s > end)
            break;
        if (s > cursor)
            out.push([cursor, s - 1]);
        cursor = Math.max(cursor, e + 1);
        if (cursor > end)
            break;
    }
    if (cursor <= end)
        out.push([cursor, end]);
    return out;
}
const rangeString = (start, end, max) => start === end ? `[${start}]` : end === max ? `[${start},max]` : `[${start},${end}]`;
function checkTagRanges(ctx, rule, rangeKind, element, before, after) {
    if (before.length === 0)
        return;
    const max = element.kind === 'enum' ? ENUM_MAX : maxTagOf(element.head);
    const baseMax = element.kind === 'message' && maxTagOf(element.base) === MESSAGE_SET_MAX_TAG
        ? MESSAGE_SET_MAX_TAG
        : max;
    const collapsed = collapse(after);
    for (const r of before) {
        const gaps = missing(r.start, r.end, collapsed);
        if (gaps.length === 0)
            continue;
        ctx.emit(finding(rule, `Previously present ${rangeKind} range "${rangeString(r.start, r.end, baseMax)}" on ${element.kind} "${element.head.name}" is missing values: ${gaps
            .map(([s, e]) => rangeString(s, e, max))
            .join(', ')} were removed.`, { file: element.head.file, span: element.head.span }, { file: element.base.file, span: element.base.span }, element.head.fullName));
    }
}
/** RESERVED_*_NO_DELETE: reserved numbers and names of a message or enum are never given back. */
function checkReservedKept(ctx, rule, element) {
    const { head, base } = element;
    checkTagRanges(ctx, rule, 'reserved', element, base.reservedRanges, head.reservedRanges);
    const names = new Set(head.reservedNames);
    for (const name of new Set(base.reservedNames)) {
        if (names.has(name))
            continue;
        ctx.emit(finding(rule, `Previously present reserved name "${name}" on ${element.kind} "${head.name}" was deleted.`, { file: head.file, span: head.span }, { file: base.file, span: base.span }, head.fullName));
    }
}
function fieldNoDelete(rule, unless) {
    return {
        on: 'message',
        run(head, base, ctx) {
            const after = numbersOf(head.fields);
            for (const field of base.fields) {
                if (after.has(field.number))
                    continue;
                if (unless === 'number' &&
                    head.reservedRanges.some((r) => field.number >= r.start && field.number <= r.end)) {
                    continue;
                }
                if (unless === 'name' && head.reservedNames.includes(field.name))
                    continue;
                const suffix = unless === 'number'
                    ? ` without reserving the number "${field.number}"`
                    : unless === 'name'
                        ? ` without reserving the name "${field.name}"`
                        : '';
                const description = fieldDescription(field);
                ctx.emit(finding(rule, `Previously present ${description[0]?.toLowerCase()}${description.slice(1)} was deleted${suffix}.`, { file: head.file, span: head.span }, { file: base.file, span: field.span }, field.fullName));
            }
        }
    };
}
function jsonFormatChanged(head, base, ctx) {
    const before = messageFeature(base, 'json_format');
    const after = messageFeature(head, 'json_format');
    if (before !== 'ALLOW' || after === 'ALLOW')
        return;
    ctx.emit(finding('MESSAGE_SAME_JSON_FORMAT', `Message "${head.name}" JSON format support changed from ${before} to ${after}.`, { file: head.file, span: featureEntry(head.options, 'json_format')?.span ?? head.span }, { file: base.file, span: featureEntry(base.options, 'json_format')?.span ?? base.span }, head.fullName));
}
const messageChecks = {
    FIELD_NO_DELETE: fieldNoDelete('FIELD_NO_DELETE', null),
    FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: fieldNoDelete('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', 'number'),
    FIELD_NO_DELETE_UNLESS_NAME_RESERVED: fieldNoDelete('FIELD_NO_DELETE_UNLESS_NAME_RESERVED', 'name'),
    ONEOF_NO_DELETE: {
        on: 'message',
        run(head, base, ctx) {
            const names = new Set(head.oneofs.map((o) => o.name));
            for (const o of base.oneofs) {
                // Synthetic oneofs come and go with proto3 `optional`; cardinality rules see that change.
                if (names.has(o.name) || o.synthetic)
                    continue;
                ctx.emit(finding('ONEOF_NO_DELETE', `Previously present oneof "${o.name}" on message "${head.name}" was deleted.`, { file: head.file, span: head.span }, { file: base.file, span: o.span }, `${base.fullName}.${o.name}`));
            }
        }
    },
    EXTENSION_MESSAGE_NO_DELETE: {
        on: 'message',
        run(head, base, ctx) {
            checkTagRanges(ctx, 'EXTENSION_MESSAGE_NO_DELETE', 'extension', { kind: 'message', head, base }, base.extensionRanges, head.extensionRanges);
        }
    },
    RESERVED_MESSAGE_NO_DELETE: {
        on: 'message',
        run(head, base, ctx) {
            checkReservedKept(ctx, 'RESERVED_MESSAGE_NO_DELETE', { kind: 'message', head, base });
        }
    },
    MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR: {
        on: 'message',
        run(head, base, ctx) {
            const option = 'no_standard_descriptor_accessor';
            if (optionBool(base.options, option) || !optionBool(head.options, option))
                return;
            ctx.emit(finding('MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR', `Message option "no_standard_descriptor_accessor" changed from "false" to "true".`, { file: head.file, span: optionEntry(head.options, option)?.span ?? null }, { file: base.file, span: optionEntry(base.options, option)?.span ?? null }, head.fullName));
        }
    },
    MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT: {
        on: 'message',
        run(head, base, ctx) {
            const option = 'message_set_wire_format';
            const before = optionBool(base.options, option);
            const after = optionBool(head.options, option);
            if (before === after)
                return;
            ctx.emit(finding('MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT', `Message option "message_set_wire_format" changed from "${before}" to "${after}".`, { file: head.file, span: optionEntry(head.options, option)?.span ?? head.span }, { file: base.file, span: optionEntry(base.options, option)?.span ?? base.span }, head.fullName));
        }
    },
    MESSAGE_SAME_JSON_FORMAT: { on: 'message', run: jsonFormatChanged },
    MESSAGE_SAME_REQUIRED_FIELDS: {
        on: 'message',
        run(head, base, ctx) {
            const before = numbersOf(base.fields.filter(isRequired));
            const after = numbersOf(head.fields.filter(isRequired));
            for (const n of before.keys()) {
                if (after.has(n))
                    continue;
                ctx.emit(finding('MESSAGE_SAME_REQUIRED_FIELDS', `Message "${base.name}" had required field "${n}" deleted. Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.`, { file: head.file, span: head.span }, { file: base.file, span: base.span }, head.fullName));
            }
            for (const [n, field] of after) {
                if (before.has(n))
                    continue;
                ctx.emit(finding('MESSAGE_SAME_REQUIRED_FIELDS', `Message "${head.name}" had required field "${n}" added. Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.`, { file: head.file, span: field.span }, { file: null, span: null }, head.fullName));
            }
        }
    }
};

function enumValueNoDelete(rule, unless) {
    return {
        on: 'enum',
        run(head, base, ctx) {
            const after = valuesByNumber(head);
            for (const [number, names] of valuesByNumber(base)) {
                if (after.has(number))
                    continue;
                if (unless === 'number' &&
                    head.reservedRanges.some((r) => number >= r.start && number <= r.end))
                    continue;
                const sorted = [...names.keys()].sort();
                if (unless === 'name' && sorted.every((n) => head.reservedNames.includes(n)))
                    continue;
                const suffix = unless === 'number'
                    ? ` without reserving the number "${number}"`
                    : unless === 'name'
                        ? ` without reserving the name${sorted.length > 1 ? 's' : ''} ${quoteJoin(sorted)}`
                        : '';
                const first = [...names.values()][0];
                ctx.emit(finding(rule, `Previously present enum value "${number}" on enum "${head.name}" was deleted${suffix}.`, { file: head.file, span: head.span }, { file: base.file, span: first?.span ?? base.span }, `${parentScope(base)}${sorted[0] ?? ''}`));
            }
        }
    };
}
/** Enum values are siblings of their enum in protobuf's naming. */
function parentScope(e) {
    const i = e.fullName.lastIndexOf('.');
    return i < 0 ? '' : e.fullName.slice(0, i + 1);
}
const enumChecks = {
    ENUM_VALUE_NO_DELETE: enumValueNoDelete('ENUM_VALUE_NO_DELETE', null),
    ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED: enumValueNoDelete('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', 'number'),
    ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED: enumValueNoDelete('ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED', 'name'),
    ENUM_SAME_TYPE: {
        on: 'enum',
        run(head, base, ctx) {
            const before = isEnumClosed(base);
            const after = isEnumClosed(head);
            if (before === after)
                return;
            ctx.emit(finding('ENUM_SAME_TYPE', `Enum "${head.name}" changed from ${before ? 'closed' : 'open'} to ${after ? 'closed' : 'open'}.`, { file: head.file, span: featureEntry(head.options, 'enum_type')?.span ?? head.span }, { file: base.file, span: featureEntry(base.options, 'enum_type')?.span ?? base.span }, head.fullName));
        }
    },
    ENUM_SAME_JSON_FORMAT: {
        on: 'enum',
        run(head, base, ctx) {
            const before = enumFeature(base, 'json_format');
            const after = enumFeature(head, 'json_format');
            if (before !== 'ALLOW' || after === 'ALLOW')
                return;
            ctx.emit(finding('ENUM_SAME_JSON_FORMAT', `Enum "${head.name}" JSON format support changed from ${before} to ${after}.`, { file: head.file, span: featureEntry(head.options, 'json_format')?.span ?? head.span }, { file: base.file, span: featureEntry(base.options, 'json_format')?.span ?? base.span }, head.fullName));
        }
    },
    RESERVED_ENUM_NO_DELETE: {
        on: 'enum',
        run(head, base, ctx) {
            checkReservedKept(ctx, 'RESERVED_ENUM_NO_DELETE', { kind: 'enum', head, base });
        }
    },
    ENUM_VALUE_SAME_NAME: {
        on: 'enumValue',
        run(head, base, headEnum, baseEnum, ctx) {
            const before = [...base.keys()].sort();
            const after = [...head.keys()].sort();
            // Adding an alias is fine; every old name must still be there.
            if (before.every((n) => head.has(n)))
                return;
            const suffix = before.length > 1 && after.length > 1 ? 's' : '';
            for (const [name, value] of head) {
                const previous = base.get(name);
                ctx.emit(finding('ENUM_VALUE_SAME_NAME', `Enum value "${value.number}" on enum "${headEnum.name}" changed name${suffix} from ${quoteJoin(before)} to ${quoteJoin(after)}.`, { file: headEnum.file, span: value.numberSpan }, { file: previous ? baseEnum.file : null, span: previous?.numberSpan ?? null }, `${parentScope(headEnum)}${name}`));
            }
        }
    }
};

const wireGroups = {
    int32: 1,
    int64: 1,
    uint32: 1,
    uint64: 1,
    bool: 1,
    sint32: 2,
    sint64: 2,
    string: 3,
    bytes: 4,
    fixed32: 5,
    sfixed32: 5,
    fixed64: 6,
    sfixed64: 6,
    double: 7,
    float: 8,
    group: 9,
    message: 10,
    enum: 11
};
const wireJsonGroups = {
    int32: 1,
    uint32: 1,
    int64: 2,
    uint64: 2,
    fixed32: 3,
    sfixed32: 3,
    fixed64: 4,
    sfixed64: 4,
    bool: 5,
    sint32: 6,
    sint64: 7,
    string: 8,
    bytes: 9,
    double: 10,
    float: 11,
    group: 12,
    message: 13,
    enum: 14
};
const isNamedType = (k) => k === 'message' || k === 'enum' || k === 'group';
const typeSpan = (f) => f.typeSpan;
function changedType(ctx, rule, head, base, extra = '') {
    ctx.emit(finding(rule, `${fieldDescription(head)} changed type from "${kindString(base)}" to "${kindString(head)}".${extra}`, { file: head.file, span: typeSpan(head) }, { file: base.file, span: typeSpan(base) }, head.fullName));
}
function changedTypeName(ctx, rule, head, base) {
    ctx.emit(finding(rule, `${fieldDescription(head)} changed type from "${base.typeName.slice(1)}" to "${head.typeName.slice(1)}".`, { file: head.file, span: head.typeSpan }, { file: base.file, span: base.typeSpan }, head.fullName));
}
/** An enum may be swapped for another of the same short name that keeps every old value. */
function enumWireCompatible(ctx, rule, head, base) {
    const before = ctx.base.enums.get(base.typeName.slice(1));
    const after = ctx.head.enums.get(head.typeName.slice(1));
    if (!before || !after || before.name !== after.name) {
        changedTypeName(ctx, rule, head, base);
        return;
    }
    const afterValues = new Set(after.values.map((v) => `${v.name}=${v.number}`));
    if (!before.values.every((v) => afterValues.has(`${v.name}=${v.number}`))) {
        changedTypeName(ctx, rule, head, base);
    }
}
const fieldSymbol = (f) => f.fullName;
function cardinalityRule(rule, group) {
    return {
        on: 'field',
        run(head, base, ctx) {
            if (inMapEntry(head) && inMapEntry(base))
                return;
            const before = cardinalityOf(base);
            const after = cardinalityOf(head);
            if (group(before) === group(after))
                return;
            ctx.emit(finding(rule, `${fieldDescription(head)} changed cardinality from "${before}" to "${after}".`, { file: head.file, span: head.span }, { file: base.file, span: base.span }, fieldSymbol(head)));
        }
    };
}
const wireCardinality = {
    'optional with explicit presence': 1,
    'optional with implicit presence': 1,
    required: 2,
    repeated: 3,
    map: 3
};
const wireJsonCardinality = { ...wireCardinality, map: 4 };
const fieldChecks = {
    FIELD_SAME_TYPE: {
        on: 'field',
        run(head, base, ctx) {
            if (base.kind !== head.kind)
                return changedType(ctx, 'FIELD_SAME_TYPE', head, base);
            if (isNamedType(head.kind) && base.typeName !== head.typeName) {
                changedTypeName(ctx, 'FIELD_SAME_TYPE', head, base);
            }
        }
    },
    FIELD_WIRE_COMPATIBLE_TYPE: {
        on: 'field',
        run(head, base, ctx) {
            const rule = 'FIELD_WIRE_COMPATIBLE_TYPE';
            if (wireGroups[base.kind] !== wireGroups[head.kind]) {
                if (base.kind === 'string' && head.kind === 'bytes')
                    return;
                let extra = ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.';
                if (base.kind === 'bytes' && head.kind === 'string') {
                    extra +=
                        ' Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these fields may be incompatible.';
                }
                return changedType(ctx, rule, head, base, extra);
            }
            if (base.typeName === head.typeName)
                return;
            if (head.kind === 'enum')
                enumWireCompatible(ctx, rule, head, base);
            else if (head.kind === 'message' || head.kind === 'group')
                changedTypeName(ctx, rule, head, base);
        }
    },
    FIELD_WIRE_JSON_COMPATIBLE_TYPE: {
        on: 'field',
        run(head, base, ctx) {
            const rule = 'FIELD_WIRE_JSON_COMPATIBLE_TYPE';
            if (wireJsonGroups[base.kind] !== wireJsonGroups[head.kind]) {
                return changedType(ctx, rule, head, base, ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON compatibility rules.');
            }
            if (base.typeName === head.typeName)
                return;
            if (head.kind === 'enum')
                enumWireCompatible(ctx, rule, head, base);
            else if (head.kind === 'message' || head.kind === 'group')
                changedTypeName(ctx, rule, head, base);
        }
    },
    FIELD_SAME_CARDINALITY: cardinalityRule('FIELD_SAME_CARDINALITY', (c) => c),
    FIELD_WIRE_COMPATIBLE_CARDINALITY: cardinalityRule('FIELD_WIRE_COMPATIBLE_CARDINALITY', (c) => wireCardinality[c]),
    FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY: cardinalityRule('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', (c) => wireJsonCardinality[c]),
    FIELD_SAME_NAME: {
        on: 'field',
        run(head, base, ctx) {
            const before = base.extendee ? base.fullName : base.name;
            const after = head.extendee ? head.fullName : head.name;
            if (before === after)
                return;
            ctx.emit(finding('FIELD_SAME_NAME', `${fieldDescription(head, false)} changed name from "${before}" to "${after}".`, { file: head.file, span: head.nameSpan }, { file: base.file, span: base.nameSpan }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_JSON_NAME: {
        on: 'field',
        run(head, base, ctx) {
            if (base.extendee)
                return;
            const explicit = (f) => f.options.some((o) => o.name === 'json_name');
            if (base.name === head.name && !explicit(base) && !explicit(head))
                return;
            const before = jsonNameOfField(base);
            const after = jsonNameOfField(head);
            if (before === after)
                return;
            ctx.emit(finding('FIELD_SAME_JSON_NAME', `${fieldDescription(head)} changed option "json_name" from ${JSON.stringify(before)} to ${JSON.stringify(after)}.`, { file: head.file, span: optionEntry(head.options, 'json_name')?.span ?? head.span }, { file: base.file, span: optionEntry(base.options, 'json_name')?.span ?? base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_ONEOF: {
        on: 'field',
        run(head, base, ctx) {
            if (base.extendee)
                return;
            const before = base.oneof && !base.oneof.synthetic ? base.oneof : null;
            const after = head.oneof && !head.oneof.synthetic ? head.oneof : null;
            if (!before && !after)
                return;
            let message;
            if (before && after) {
                if (before.name === after.name)
                    return;
                // buf's message has a stray "q" here ("...on message \"M\"q moved from oneof"); kept.
                message = `${fieldDescription(head)}q moved from oneof "${before.name}" to oneof "${after.name}".`;
            }
            else {
                message = `${fieldDescription(head)} moved from ${before ? 'inside' : 'outside'} to ${after ? 'inside' : 'outside'} a oneof.`;
            }
            ctx.emit(finding('FIELD_SAME_ONEOF', message, { file: head.file, span: head.span }, { file: base.file, span: base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_JSTYPE: {
        on: 'field',
        run(head, base, ctx) {
            if (!is64bitInteger(base) || !is64bitInteger(head))
                return;
            const before = jstypeOf(base);
            const after = jstypeOf(head);
            if (before === after)
                return;
            ctx.emit(finding('FIELD_SAME_JSTYPE', `${fieldDescription(head)} changed option "jstype" from "${before}" to "${after}".`, { file: head.file, span: optionEntry(head.options, 'jstype')?.span ?? head.span }, { file: base.file, span: optionEntry(base.options, 'jstype')?.span ?? base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_CPP_STRING_TYPE: {
        on: 'field',
        run(head, base, ctx) {
            if (inMapEntry(head) && inMapEntry(base))
                return;
            const isText = (f) => f.kind === 'string' || f.kind === 'bytes';
            if (!isText(base) || !isText(head))
                return;
            const plain = (f) => f.options.length === 0 && f.file.syntax !== 'editions';
            if (plain(base) && plain(head))
                return;
            const [beforeType, beforePiece] = cppStringTypeOf(base);
            const [afterType, afterPiece] = cppStringTypeOf(head);
            if (beforeType === afterType && beforePiece === afterPiece)
                return;
            if (beforePiece && afterType === 'STRING')
                return;
            ctx.emit(finding('FIELD_SAME_CPP_STRING_TYPE', `${fieldDescription(head)} changed C++ string type from "${beforePiece ? 'STRING_PIECE' : beforeType}" to "${afterPiece ? 'STRING_PIECE' : afterType}".`, { file: head.file, span: cppStringTypeEntry(head)?.span ?? head.span }, { file: base.file, span: cppStringTypeEntry(base)?.span ?? base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_CTYPE: {
        on: 'field',
        run(head, base, ctx) {
            const before = String(optionEntry(base.options, 'ctype')?.value.value ?? 'STRING');
            const after = String(optionEntry(head.options, 'ctype')?.value.value ?? 'STRING');
            if (before === after)
                return;
            ctx.emit(finding('FIELD_SAME_CTYPE', `${fieldDescription(head)} changed option "ctype" from "${before}" to "${after}".`, { file: head.file, span: optionEntry(head.options, 'ctype')?.span ?? head.span }, { file: base.file, span: optionEntry(base.options, 'ctype')?.span ?? base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_JAVA_UTF8_VALIDATION: {
        on: 'field',
        run(head, base, ctx) {
            if (base.kind !== 'string' || head.kind !== 'string')
                return;
            const before = javaUtf8ValidationOf(base);
            const after = javaUtf8ValidationOf(head);
            if (before === after)
                return;
            const where = (f) => optionEntry(f.file.options, 'java_string_check_utf8')?.span ??
                fieldFeatureEntry(f, '(pb.java).utf8_validation')?.span ??
                f.span;
            ctx.emit(finding('FIELD_SAME_JAVA_UTF8_VALIDATION', `${fieldDescription(head)} changed Java string UTF8 validation from "${before}" to "${after}".`, { file: head.file, span: where(head) }, { file: base.file, span: where(base) }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_UTF8_VALIDATION: {
        on: 'field',
        run(head, base, ctx) {
            if (base.kind !== 'string' || head.kind !== 'string')
                return;
            const before = utf8ValidationOf(base);
            const after = utf8ValidationOf(head);
            if (before === after)
                return;
            ctx.emit(finding('FIELD_SAME_UTF8_VALIDATION', `${fieldDescription(head)} changed UTF8 validation from ${before} to ${after}.`, { file: head.file, span: fieldFeatureEntry(head, 'utf8_validation')?.span ?? head.span }, { file: base.file, span: fieldFeatureEntry(base, 'utf8_validation')?.span ?? base.span }, fieldSymbol(head)));
        }
    },
    FIELD_SAME_DEFAULT: {
        on: 'field',
        run(head, base, ctx) {
            if (!canHaveDefault(base) || !canHaveDefault(head))
                return;
            // Without `default`, only an enum's default (its first value) can be non-zero.
            const noDefault = (f) => f.kind !== 'enum' && f.options.length === 0;
            if (noDefault(base) && noDefault(head))
                return;
            const before = defaultOf(base, ctx.base);
            const after = defaultOf(head, ctx.head);
            if (isZeroDefault(before) && isZeroDefault(after))
                return;
            if (defaultsEqual(before, after))
                return;
            ctx.emit(finding('FIELD_SAME_DEFAULT', `${fieldDescription(head)} changed default value from ${before.printable} to ${after.printable}.`, { file: head.file, span: optionEntry(head.options, 'default')?.span ?? head.span }, { file: base.file, span: optionEntry(base.options, 'default')?.span ?? base.span }, fieldSymbol(head)));
        }
    }
};

function indexTree(tree) {
    const index = {
        tree,
        files: new Map(),
        messages: new Map(),
        enums: new Map(),
        services: new Map(),
        extensions: new Map(),
        packages: new Map()
    };
    for (const f of tree.files) {
        index.files.set(f.path, f);
        const inPackage = index.packages.get(f.package);
        if (inPackage)
            inPackage.push(f);
        else
            index.packages.set(f.package, [f]);
        for (const m of allMessages(f))
            index.messages.set(m.fullName, m);
        for (const e of allEnums(f))
            index.enums.set(e.fullName, e);
        for (const s of f.services)
            index.services.set(s.fullName, s);
        for (const x of allExtensions(f)) {
            const extendee = x.extendee ?? '';
            let byNumber = index.extensions.get(extendee);
            if (!byNumber)
                index.extensions.set(extendee, (byNumber = new Map()));
            byNumber.set(x.number, x);
        }
    }
    return index;
}
/** Messages of a file by nested name (`Outer.Inner`), map entries and groups included, as buf counts them. */
function nestedMessages(file) {
    const out = new Map();
    for (const m of allMessages(file))
        out.set(m.nestedName, m);
    return out;
}
function nestedEnums(file) {
    const out = new Map();
    for (const e of allEnums(file))
        out.set(e.nestedName, e);
    return out;
}
function nestedExtensions(file) {
    const out = new Map();
    const pkg = file.package;
    for (const x of allExtensions(file)) {
        out.set(pkg && x.fullName.startsWith(pkg + '.') ? x.fullName.slice(pkg.length + 1) : x.fullName, x);
    }
    return out;
}

/** buf's location for something deleted from a file: the nearest enclosing message still there. */
function enclosingMessage(file, nestedName, messages = nestedMessages(file)) {
    const parts = nestedName.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
        const m = messages.get(parts.slice(0, i).join('.'));
        if (m)
            return m;
    }
    return null;
}
const qualify = (pkg, name) => (pkg ? `${pkg}.${name}` : name);
function deletedFromFile(rule, what, collect) {
    return {
        on: 'file',
        run(head, base, ctx) {
            const before = collect(base);
            const after = collect(head);
            const headMessages = nestedMessages(head);
            for (const [name, element] of before) {
                if (after.has(name))
                    continue;
                const parent = enclosingMessage(head, name, headMessages);
                ctx.emit(finding(rule, `Previously present ${what} "${name}" was deleted from file.`, { file: head, span: parent?.span ?? null }, { file: base, span: element.span }, qualify(base.package, name)));
            }
        }
    };
}
function sameFileOption(rule, option, value) {
    return {
        on: 'file',
        run(head, base, ctx) {
            const before = value(base);
            const after = value(head);
            if (before === after)
                return;
            ctx.emit(finding(rule, `File option "${option}" changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}.`, { file: head, span: optionEntry(head.options, option)?.span ?? null }, { file: base, span: optionEntry(base.options, option)?.span ?? null }, head.path));
        }
    };
}
const stringOption = (name) => (f) => {
    const o = optionEntry(f.options, name);
    return o ? String(o.value.value) : '';
};
const boolOption = (name, byDefault) => (f) => {
    const o = optionEntry(f.options, name);
    return String(o && o.value.kind === 'bool' ? o.value.value : byDefault);
};
const fileOption = (rule, name, value = stringOption(name)) => [
    rule,
    sameFileOption(rule, name, value)
];
function packageDeletions(rule, what, collect) {
    return {
        on: 'tree',
        run(ctx) {
            for (const [pkg, baseFiles] of ctx.base.packages) {
                const headFiles = ctx.head.packages.get(pkg);
                if (!headFiles)
                    continue;
                const after = new Set();
                for (const f of headFiles)
                    for (const name of collect(f).keys())
                        after.add(name);
                for (const baseFile of baseFiles) {
                    for (const [name, element] of collect(baseFile)) {
                        if (after.has(name))
                            continue;
                        const message = `Previously present ${what} "${name}" was deleted from package "${pkg}".`;
                        const headFile = ctx.head.files.get(baseFile.path) ?? null;
                        const parent = headFile ? enclosingMessage(headFile, name) : null;
                        ctx.emit(finding(rule, message, { file: headFile, span: parent?.span ?? null }, { file: baseFile, span: element.span }, qualify(pkg, name)));
                    }
                }
            }
        }
    };
}
const syntaxName = (f) => f.syntax;
const fileChecks = {
    FILE_NO_DELETE: {
        on: 'tree',
        run(ctx) {
            for (const [path, base] of ctx.base.files) {
                if (ctx.head.files.has(path))
                    continue;
                ctx.emit(finding('FILE_NO_DELETE', `Previously present file "${path}" was deleted.`, { file: null, span: null }, { file: base, span: null }, path));
            }
        }
    },
    PACKAGE_NO_DELETE: {
        on: 'tree',
        run(ctx) {
            for (const [pkg, files] of ctx.base.packages) {
                if (ctx.head.packages.has(pkg))
                    continue;
                const first = [...files].sort((a, b) => (a.path < b.path ? -1 : 1))[0] ?? null;
                ctx.emit(finding('PACKAGE_NO_DELETE', `Previously present package "${pkg}" was deleted.`, { file: null, span: null }, { file: first, span: null }, pkg));
            }
        }
    },
    MESSAGE_NO_DELETE: deletedFromFile('MESSAGE_NO_DELETE', 'message', nestedMessages),
    ENUM_NO_DELETE: deletedFromFile('ENUM_NO_DELETE', 'enum', nestedEnums),
    EXTENSION_NO_DELETE: deletedFromFile('EXTENSION_NO_DELETE', 'extension', nestedExtensions),
    SERVICE_NO_DELETE: {
        on: 'file',
        run(head, base, ctx) {
            const names = new Set(head.services.map((s) => s.name));
            for (const s of base.services) {
                if (names.has(s.name))
                    continue;
                ctx.emit(finding('SERVICE_NO_DELETE', `Previously present service "${s.name}" was deleted from file.`, { file: head, span: null }, { file: base, span: s.span }, s.fullName));
            }
        }
    },
    PACKAGE_MESSAGE_NO_DELETE: packageDeletions('PACKAGE_MESSAGE_NO_DELETE', 'message', nestedMessages),
    PACKAGE_ENUM_NO_DELETE: packageDeletions('PACKAGE_ENUM_NO_DELETE', 'enum', nestedEnums),
    PACKAGE_EXTENSION_NO_DELETE: packageDeletions('PACKAGE_EXTENSION_NO_DELETE', 'extension', nestedExtensions),
    PACKAGE_SERVICE_NO_DELETE: {
        on: 'tree',
        run(ctx) {
            for (const [pkg, baseFiles] of ctx.base.packages) {
                const headFiles = ctx.head.packages.get(pkg);
                if (!headFiles)
                    continue;
                const after = new Set(headFiles.flatMap((f) => f.services.map((s) => s.name)));
                for (const baseFile of baseFiles) {
                    for (const s of baseFile.services) {
                        if (after.has(s.name))
                            continue;
                        ctx.emit(finding('PACKAGE_SERVICE_NO_DELETE', `Previously present service "${s.name}" was deleted from package "${pkg}".`, { file: ctx.head.files.get(baseFile.path) ?? null, span: null }, { file: baseFile, span: s.span }, s.fullName));
                    }
                }
            }
        }
    },
    FILE_SAME_PACKAGE: {
        on: 'file',
        run(head, base, ctx) {
            if (head.package === base.package)
                return;
            ctx.emit(finding('FILE_SAME_PACKAGE', `File package changed from "${base.package}" to "${head.package}".`, { file: head, span: head.packageSpan }, { file: base, span: base.packageSpan }, head.path));
        }
    },
    FILE_SAME_SYNTAX: {
        on: 'file',
        run(head, base, ctx) {
            if (syntaxName(head) === syntaxName(base))
                return;
            ctx.emit(finding('FILE_SAME_SYNTAX', `File syntax changed from "${syntaxName(base)}" to "${syntaxName(head)}".`, { file: head, span: head.syntaxSpan }, { file: base, span: base.syntaxSpan }, head.path));
        }
    },
    ...Object.fromEntries([
        fileOption('FILE_SAME_GO_PACKAGE', 'go_package'),
        fileOption('FILE_SAME_JAVA_PACKAGE', 'java_package'),
        fileOption('FILE_SAME_JAVA_OUTER_CLASSNAME', 'java_outer_classname'),
        fileOption('FILE_SAME_JAVA_MULTIPLE_FILES', 'java_multiple_files', boolOption('java_multiple_files', false)),
        fileOption('FILE_SAME_JAVA_GENERIC_SERVICES', 'java_generic_services', boolOption('java_generic_services', false)),
        fileOption('FILE_SAME_CC_GENERIC_SERVICES', 'cc_generic_services', boolOption('cc_generic_services', false)),
        fileOption('FILE_SAME_PY_GENERIC_SERVICES', 'py_generic_services', boolOption('py_generic_services', false)),
        fileOption('FILE_SAME_CC_ENABLE_ARENAS', 'cc_enable_arenas', boolOption('cc_enable_arenas', true)),
        fileOption('FILE_SAME_CSHARP_NAMESPACE', 'csharp_namespace'),
        fileOption('FILE_SAME_OBJC_CLASS_PREFIX', 'objc_class_prefix'),
        fileOption('FILE_SAME_PHP_CLASS_PREFIX', 'php_class_prefix'),
        fileOption('FILE_SAME_PHP_NAMESPACE', 'php_namespace'),
        fileOption('FILE_SAME_PHP_METADATA_NAMESPACE', 'php_metadata_namespace'),
        fileOption('FILE_SAME_RUBY_PACKAGE', 'ruby_package'),
        fileOption('FILE_SAME_SWIFT_PREFIX', 'swift_prefix'),
        fileOption('FILE_SAME_OPTIMIZE_FOR', 'optimize_for', (f) => stringOption('optimize_for')(f) || 'SPEED'),
        fileOption('FILE_SAME_JAVA_STRING_CHECK_UTF8', 'java_string_check_utf8', boolOption('java_string_check_utf8', false)),
        fileOption('FILE_SAME_PHP_GENERIC_SERVICES', 'php_generic_services', boolOption('php_generic_services', false))
    ])
};

const operationOf = (m) => `${m.service.fullName}/${m.name}`;
function streaming(rule, side) {
    return {
        on: 'method',
        run(head, base, ctx) {
            const before = side === 'client' ? base.clientStreaming : base.serverStreaming;
            const after = side === 'client' ? head.clientStreaming : head.serverStreaming;
            if (before === after)
                return;
            const word = (s) => (s ? 'streaming' : 'unary');
            ctx.emit(finding(rule, `RPC "${head.name}" on service "${head.service.name}" changed from ${side} ${word(before)} to ${side} ${word(after)}.`, { file: head.service.file, span: head.span }, { file: base.service.file, span: base.span }, `${head.service.fullName}.${head.name}`, operationOf(head)));
        }
    };
}
function sameType(rule, side) {
    return {
        on: 'method',
        run(head, base, ctx) {
            const before = side === 'request' ? base.inputType : base.outputType;
            const after = side === 'request' ? head.inputType : head.outputType;
            if (before === after)
                return;
            ctx.emit(finding(rule, `RPC "${head.name}" on service "${head.service.name}" changed ${side} type from "${before.slice(1)}" to "${after.slice(1)}".`, { file: head.service.file, span: side === 'request' ? head.inputSpan : head.outputSpan }, { file: base.service.file, span: side === 'request' ? base.inputSpan : base.outputSpan }, `${head.service.fullName}.${head.name}`, operationOf(head)));
        }
    };
}
const idempotency = (m) => {
    const o = optionEntry(m.options, 'idempotency_level');
    return o ? String(o.value.value) : 'IDEMPOTENCY_UNKNOWN';
};
const serviceChecks = {
    RPC_NO_DELETE: {
        on: 'service',
        run(head, base, ctx) {
            const names = new Set(head.methods.map((m) => m.name));
            for (const m of base.methods) {
                if (names.has(m.name))
                    continue;
                ctx.emit(finding('RPC_NO_DELETE', `Previously present RPC "${m.name}" on service "${head.name}" was deleted.`, { file: head.file, span: head.span }, { file: base.file, span: m.span }, `${base.fullName}.${m.name}`, operationOf(m)));
            }
        }
    },
    RPC_SAME_CLIENT_STREAMING: streaming('RPC_SAME_CLIENT_STREAMING', 'client'),
    RPC_SAME_SERVER_STREAMING: streaming('RPC_SAME_SERVER_STREAMING', 'server'),
    RPC_SAME_REQUEST_TYPE: sameType('RPC_SAME_REQUEST_TYPE', 'request'),
    RPC_SAME_RESPONSE_TYPE: sameType('RPC_SAME_RESPONSE_TYPE', 'response'),
    RPC_SAME_IDEMPOTENCY_LEVEL: {
        on: 'method',
        run(head, base, ctx) {
            const before = idempotency(base);
            const after = idempotency(head);
            if (before === after)
                return;
            ctx.emit(finding('RPC_SAME_IDEMPOTENCY_LEVEL', `RPC "${head.name}" on service "${head.service.name}" changed option "idempotency_level" from "${before}" to "${after}".`, {
                file: head.service.file,
                span: optionEntry(head.options, 'idempotency_level')?.span ?? null
            }, {
                file: base.service.file,
                span: optionEntry(base.options, 'idempotency_level')?.span ?? null
            }, `${head.service.fullName}.${head.name}`, operationOf(head)));
        }
    }
};

/**
 * buf's breaking rules, as `buf config ls-breaking-rules --include-deprecated --format json` lists them
 * for each buf.yaml version (buf 1.74, the pinned devDependency; 1.75 lists the same). Categories and defaults differ by version, as in buf.
 */
const r = (categories, isDefault, deprecated = false, replacements = []) => ({
    categories,
    default: isDefault,
    deprecated,
    replacements
});
const bufRuleData = [
    {
        id: 'ENUM_NO_DELETE',
        purpose: 'Checks that enums are not deleted from a given file.',
        versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
    },
    {
        id: 'ENUM_SAME_JSON_FORMAT',
        purpose: 'Checks that enums have the same JSON format support.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
        }
    },
    {
        id: 'ENUM_SAME_TYPE',
        purpose: 'Checks that enums have the same type (open vs closed).',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'ENUM_VALUE_NO_DELETE',
        purpose: 'Checks that enum values are not deleted from a given enum.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED',
        purpose: 'Checks that enum values are not deleted from a given enum unless the name is reserved.',
        versions: {
            v1beta1: r(['WIRE_JSON'], false),
            v1: r(['WIRE_JSON'], false),
            v2: r(['CSR', 'WIRE_JSON'], false)
        }
    },
    {
        id: 'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED',
        purpose: 'Checks that enum values are not deleted from a given enum unless the number is reserved.',
        versions: {
            v1beta1: r(['WIRE_JSON', 'WIRE'], false),
            v1: r(['WIRE_JSON', 'WIRE'], false),
            v2: r(['CSR', 'WIRE_JSON', 'WIRE'], false)
        }
    },
    {
        id: 'ENUM_VALUE_SAME_NAME',
        purpose: 'Checks that enum values have the same name.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
        }
    },
    {
        id: 'EXTENSION_MESSAGE_NO_DELETE',
        purpose: 'Checks that extension ranges are not deleted from a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'EXTENSION_NO_DELETE',
        purpose: 'Checks that extensions are not deleted from a given file.',
        versions: { v2: r(['FILE'], true) }
    },
    {
        id: 'FIELD_NO_DELETE',
        purpose: 'Checks that fields are not deleted from a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED',
        purpose: 'Checks that fields are not deleted from a given message unless the name is reserved.',
        versions: {
            v1beta1: r(['WIRE_JSON'], false),
            v1: r(['WIRE_JSON'], false),
            v2: r(['CSR', 'WIRE_JSON'], false)
        }
    },
    {
        id: 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED',
        purpose: 'Checks that fields are not deleted from a given message unless the number is reserved.',
        versions: {
            v1beta1: r(['WIRE_JSON', 'WIRE'], false),
            v1: r(['WIRE_JSON', 'WIRE'], false),
            v2: r(['CSR', 'WIRE_JSON', 'WIRE'], false)
        }
    },
    {
        id: 'FIELD_SAME_CARDINALITY',
        purpose: 'Checks that fields have the same cardinalities in a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_SAME_CPP_STRING_TYPE',
        purpose: 'Checks that fields have the same C++ string type, based on ctype field option or (pb.cpp).string_type feature.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_SAME_CTYPE',
        purpose: 'Checks that fields have the same value for the ctype option.',
        versions: {
            v1beta1: r([], false, true, ['FIELD_SAME_CPP_STRING_TYPE']),
            v1: r([], false, true, ['FIELD_SAME_CPP_STRING_TYPE'])
        }
    },
    {
        id: 'FIELD_SAME_DEFAULT',
        purpose: 'Checks that fields have the same default value, if a default is specified.',
        versions: { v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true) }
    },
    {
        id: 'FIELD_SAME_JAVA_UTF8_VALIDATION',
        purpose: 'Checks that fields have the same Java string UTF8 validation, based on java_string_check_utf8 file option or (pb.java).utf8_validation feature.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_SAME_JSON_NAME',
        purpose: 'Checks that fields have the same value for the json_name option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
        }
    },
    {
        id: 'FIELD_SAME_JSTYPE',
        purpose: 'Checks that fields have the same value for the jstype option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_SAME_LABEL',
        purpose: 'Checks that fields have the same labels in a given message.',
        versions: {
            v1beta1: r([], false, true, [
                'FIELD_SAME_CARDINALITY',
                'FIELD_WIRE_COMPATIBLE_CARDINALITY',
                'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'
            ]),
            v1: r([], false, true, [
                'FIELD_SAME_CARDINALITY',
                'FIELD_WIRE_COMPATIBLE_CARDINALITY',
                'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'
            ])
        }
    },
    {
        id: 'FIELD_SAME_NAME',
        purpose: 'Checks that fields have the same names in a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
        }
    },
    {
        id: 'FIELD_SAME_ONEOF',
        purpose: 'Checks that fields have the same oneofs in a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'FIELD_SAME_TYPE',
        purpose: 'Checks that fields have the same types in a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_SAME_UTF8_VALIDATION',
        purpose: 'Checks that string fields have the same UTF8 validation mode.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FIELD_WIRE_COMPATIBLE_CARDINALITY',
        purpose: 'Checks that fields have wire-compatible cardinalities in a given message.',
        versions: { v1beta1: r(['WIRE'], false), v1: r(['WIRE'], false), v2: r(['WIRE'], false) }
    },
    {
        id: 'FIELD_WIRE_COMPATIBLE_TYPE',
        purpose: 'Checks that fields have wire-compatible types in a given message.',
        versions: { v1: r(['WIRE'], false), v2: r(['WIRE'], false) }
    },
    {
        id: 'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY',
        purpose: 'Checks that fields have wire and JSON compatible cardinalities in a given message.',
        versions: {
            v1beta1: r(['WIRE_JSON'], false),
            v1: r(['WIRE_JSON'], false),
            v2: r(['CSR', 'WIRE_JSON'], false)
        }
    },
    {
        id: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
        purpose: 'Checks that fields have wire and JSON compatible types in a given message.',
        versions: { v1: r(['WIRE_JSON'], false), v2: r(['CSR', 'WIRE_JSON'], false) }
    },
    {
        id: 'FILE_NO_DELETE',
        purpose: 'Checks that files are not deleted.',
        versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
    },
    {
        id: 'FILE_SAME_CC_ENABLE_ARENAS',
        purpose: 'Checks that files have the same value for the cc_enable_arenas option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_CC_GENERIC_SERVICES',
        purpose: 'Checks that files have the same value for the cc_generic_services option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_CSHARP_NAMESPACE',
        purpose: 'Checks that files have the same value for the csharp_namespace option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_GO_PACKAGE',
        purpose: 'Checks that files have the same value for the go_package option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_JAVA_GENERIC_SERVICES',
        purpose: 'Checks that files have the same value for the java_generic_services option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_JAVA_MULTIPLE_FILES',
        purpose: 'Checks that files have the same value for the java_multiple_files option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_JAVA_OUTER_CLASSNAME',
        purpose: 'Checks that files have the same value for the java_outer_classname option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_JAVA_PACKAGE',
        purpose: 'Checks that files have the same value for the java_package option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_JAVA_STRING_CHECK_UTF8',
        purpose: 'Checks that files have the same value for the java_string_check_utf8 option.',
        versions: {
            v1beta1: r([], false, true, ['FIELD_SAME_JAVA_UTF8_VALIDATION']),
            v1: r([], false, true, ['FIELD_SAME_JAVA_UTF8_VALIDATION'])
        }
    },
    {
        id: 'FILE_SAME_OBJC_CLASS_PREFIX',
        purpose: 'Checks that files have the same value for the objc_class_prefix option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_OPTIMIZE_FOR',
        purpose: 'Checks that files have the same value for the optimize_for option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_PACKAGE',
        purpose: 'Checks that files have the same package.',
        versions: {
            v1beta1: r(['FILE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'FILE_SAME_PHP_CLASS_PREFIX',
        purpose: 'Checks that files have the same value for the php_class_prefix option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_PHP_GENERIC_SERVICES',
        purpose: 'Checks that files have the same value for the php_generic_services option.',
        versions: { v1beta1: r([], false, true), v1: r([], false, true) }
    },
    {
        id: 'FILE_SAME_PHP_METADATA_NAMESPACE',
        purpose: 'Checks that files have the same value for the php_metadata_namespace option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_PHP_NAMESPACE',
        purpose: 'Checks that files have the same value for the php_namespace option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_PY_GENERIC_SERVICES',
        purpose: 'Checks that files have the same value for the py_generic_services option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_RUBY_PACKAGE',
        purpose: 'Checks that files have the same value for the ruby_package option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_SWIFT_PREFIX',
        purpose: 'Checks that files have the same value for the swift_prefix option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'FILE_SAME_SYNTAX',
        purpose: 'Checks that files have the same syntax.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'MESSAGE_NO_DELETE',
        purpose: 'Checks that messages are not deleted from a given file.',
        versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['CSR', 'FILE'], true) }
    },
    {
        id: 'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
        purpose: 'Checks that messages do not change the no_standard_descriptor_accessor option from false or unset to true.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'MESSAGE_SAME_JSON_FORMAT',
        purpose: 'Checks that messages have the same JSON format support.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'], true)
        }
    },
    {
        id: 'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
        purpose: 'Checks that messages have the same value for the message_set_wire_format option.',
        versions: { v1beta1: r([], false, true), v1: r([], false, true), v2: r([], false, true) }
    },
    {
        id: 'MESSAGE_SAME_REQUIRED_FIELDS',
        purpose: 'Checks that messages have no added or deleted required fields.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'ONEOF_NO_DELETE',
        purpose: 'Checks that oneofs are not deleted from a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'PACKAGE_ENUM_NO_DELETE',
        purpose: 'Checks that enums are not deleted from a given package.',
        versions: {
            v1beta1: r(['PACKAGE'], false),
            v1: r(['PACKAGE'], false),
            v2: r(['PACKAGE'], false)
        }
    },
    {
        id: 'PACKAGE_EXTENSION_NO_DELETE',
        purpose: 'Checks that extensions are not deleted from a given package.',
        versions: { v2: r(['PACKAGE'], false) }
    },
    {
        id: 'PACKAGE_MESSAGE_NO_DELETE',
        purpose: 'Checks that messages are not deleted from a given package.',
        versions: {
            v1beta1: r(['PACKAGE'], false),
            v1: r(['PACKAGE'], false),
            v2: r(['PACKAGE'], false)
        }
    },
    {
        id: 'PACKAGE_NO_DELETE',
        purpose: 'Checks that packages are not deleted.',
        versions: {
            v1beta1: r(['PACKAGE'], false),
            v1: r(['PACKAGE'], false),
            v2: r(['PACKAGE'], false)
        }
    },
    {
        id: 'PACKAGE_SERVICE_NO_DELETE',
        purpose: 'Checks that services are not deleted from a given package.',
        versions: {
            v1beta1: r(['PACKAGE'], false),
            v1: r(['PACKAGE'], false),
            v2: r(['PACKAGE'], false)
        }
    },
    {
        id: 'RESERVED_ENUM_NO_DELETE',
        purpose: 'Checks that reserved ranges and names are not deleted from a given enum.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RESERVED_MESSAGE_NO_DELETE',
        purpose: 'Checks that reserved ranges and names are not deleted from a given message.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RPC_NO_DELETE',
        purpose: 'Checks that rpcs are not deleted from a given service.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE'], true),
            v1: r(['FILE', 'PACKAGE'], true),
            v2: r(['FILE', 'PACKAGE'], true)
        }
    },
    {
        id: 'RPC_SAME_CLIENT_STREAMING',
        purpose: 'Checks that rpcs have the same client streaming value.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RPC_SAME_IDEMPOTENCY_LEVEL',
        purpose: 'Checks that rpcs have the same value for the idempotency_level option.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RPC_SAME_REQUEST_TYPE',
        purpose: 'Checks that rpcs are have the same request type.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RPC_SAME_RESPONSE_TYPE',
        purpose: 'Checks that rpcs are have the same response type.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'RPC_SAME_SERVER_STREAMING',
        purpose: 'Checks that rpcs have the same server streaming value.',
        versions: {
            v1beta1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v1: r(['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true),
            v2: r(['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'], true)
        }
    },
    {
        id: 'SERVICE_NO_DELETE',
        purpose: 'Checks that services are not deleted from a given file.',
        versions: { v1beta1: r(['FILE'], true), v1: r(['FILE'], true), v2: r(['FILE'], true) }
    }
];

/** Every buf breaking rule id mapped to its check. */
const checksById = {
    ...fileChecks,
    ...messageChecks,
    ...fieldChecks,
    ...enumChecks,
    ...serviceChecks
};
/**
 * The registry `rollback-guard rules --kind protobuf` lists: buf's ids, with the categories of the
 * newest buf.yaml version that has the rule (v2, else v1). Every buf breaking rule is breaking.
 */
const protobufRules = bufRuleData.map((rule) => {
    const info = rule.versions.v2 ?? rule.versions.v1 ?? rule.versions.v1beta1;
    const deprecated = info?.deprecated ? ' (deprecated in buf)' : '';
    return {
        id: rule.id,
        kind: 'protobuf',
        level: 'breaking',
        categories: info?.categories ?? [],
        reason: rule.purpose + deprecated
    };
});
/** Rules of a category for a buf.yaml version, or all default rules. */
function rulesOf(version, category) {
    return bufRuleData
        .filter((r) => {
        const info = r.versions[version];
        if (!info)
            return false;
        return category === null ? info.default : info.categories.includes(category);
    })
        .map((r) => r.id);
}
function ruleInfo(version, id) {
    return bufRuleData.find((r) => r.id === id)?.versions[version];
}
function categoriesOf(version) {
    const out = new Set();
    for (const r of bufRuleData)
        for (const c of r.versions[version]?.categories ?? [])
            out.add(c);
    return out;
}

const strings = (v, where, source) => {
    if (v === undefined || v === null)
        return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        throw new InputError(`${source}: ${where} must be a list of strings`);
    }
    return v;
};
function expand(version, ids, where, source) {
    const categories = categoriesOf(version);
    const out = [];
    for (const id of ids) {
        if (categories.has(id)) {
            out.push(...rulesOf(version, id));
            continue;
        }
        const info = ruleInfo(version, id);
        if (!info) {
            throw new InputError(`${source}: ${where} names "${id}", which is not a buf breaking rule or category for buf.yaml ${version}; run \`rollback-guard rules --kind protobuf\` for the list`);
        }
        // buf runs a deprecated rule's replacements in its place.
        if (info.deprecated && info.replacements.length > 0)
            out.push(...info.replacements);
        else
            out.push(id);
    }
    return out;
}
/**
 * Reads the breaking configuration as buf does: the head tree's buf.yaml (v1beta1, v1 or v2; v2
 * module-level `breaking` over the top-level one); no buf.yaml means buf's v1 defaults.
 */
function breakingConfigOf(bufConfig, source = 'buf.yaml') {
    const c = (bufConfig ?? null);
    let version = 'v1';
    if (c) {
        const v = c.version ?? 'v1beta1';
        if (v !== 'v1beta1' && v !== 'v1' && v !== 'v2') {
            throw new InputError(`${source}: version "${String(v)}" is not one buf knows; use v1 or v2`);
        }
        version = v;
    }
    let section = (c?.breaking ?? {});
    if (version === 'v2' && Array.isArray(c?.modules) && c.modules.length === 1) {
        const mod = c.modules[0];
        if (mod.breaking)
            section = mod.breaking;
    }
    if (typeof section !== 'object' || Array.isArray(section)) {
        throw new InputError(`${source}: breaking must be a mapping`);
    }
    const useIds = strings(section.use, 'breaking.use', source);
    const use = expand(version, useIds.length > 0 ? useIds : ['FILE'], 'breaking.use', source);
    const except = new Set(expand(version, strings(section.except, 'breaking.except', source), 'breaking.except', source));
    const rules = new Set(use.filter((id) => !except.has(id) && checksById[id]));
    // Paths are relative to the buf.yaml's directory, which is the loaded tree's root.
    const prefix = cleanPath;
    const ignore = strings(section.ignore, 'breaking.ignore', source).map(prefix);
    const ignoreOnly = new Map();
    const only = (section.ignore_only ?? {});
    if (typeof only !== 'object' || Array.isArray(only)) {
        throw new InputError(`${source}: breaking.ignore_only must map rule ids to lists of paths`);
    }
    for (const [key, paths] of Object.entries(only)) {
        for (const id of expand(version, [key], 'breaking.ignore_only', source)) {
            const list = ignoreOnly.get(id) ?? [];
            list.push(...strings(paths, `breaking.ignore_only.${key}`, source).map(prefix));
            ignoreOnly.set(id, list);
        }
    }
    return {
        version,
        rules,
        ignore,
        ignoreOnly,
        ignoreUnstablePackages: section.ignore_unstable_packages === true
    };
}
/**
 * The modules of a workspace with more than one (buf.yaml v2 `modules[]`, or a buf.work.yaml read
 * as such), each with its own `breaking` section, else the top-level one (buf applies the
 * module's section instead of the top-level one, not on top of it); null for a single module.
 */
function moduleBreakingConfigs(bufConfig, source = 'buf.yaml') {
    const c = (bufConfig ?? null);
    if (!c || c.version !== 'v2' || !Array.isArray(c.modules) || c.modules.length < 2)
        return null;
    return c.modules.map((m) => {
        const path = typeof m.path === 'string' ? cleanPath(m.path) || '.' : '.';
        const where = typeof m.source === 'string' ? m.source : `${source} (module ${path})`;
        return {
            path,
            config: breakingConfigOf({ version: m.version ?? 'v2', breaking: m.breaking ?? c.breaking ?? {} }, where)
        };
    });
}
/** buf's unstable packages: the last component is a version with alpha, beta or test (`v1beta1`, `v2test`). */
function isUnstablePackage(pkg) {
    const last = pkg.split('.').pop() ?? '';
    return /^v\d+(p\d+)?(alpha|beta)\d*$/.test(last) || /^v\d+test\w*$/.test(last);
}
const isUnder = (path, dir) => dir === '' || dir === '.' || path === dir || path.startsWith(dir + '/');

/** Runs the enabled checks over every pair of same-named elements: one walk, each rule per pair. */
function findBreakingChanges(base, head, config) {
    const findings = [];
    const ctx = {
        base: indexTree(base),
        head: indexTree(head),
        emit: (f) => findings.push(f)
    };
    const byKind = new Map();
    for (const id of config.rules) {
        const check = checksById[id];
        if (!check)
            continue;
        const list = byKind.get(check.on) ?? [];
        list.push(check.run);
        byKind.set(check.on, list);
    }
    const runs = (on) => (byKind.get(on) ?? []);
    for (const run of runs('tree'))
        run(ctx);
    const fileRuns = runs('file');
    if (fileRuns.length > 0) {
        for (const [path, b] of ctx.base.files) {
            const h = ctx.head.files.get(path);
            if (h && h !== b)
                for (const run of fileRuns)
                    run(h, b, ctx);
        }
    }
    const messageRuns = runs('message');
    const fieldRuns = runs('field');
    // An element shared by both trees (its file is unchanged and links the same) cannot differ
    // from itself; only an enum field's implicit default (the enum's first value, which may live
    // in a changed file) still needs a look.
    const sameDefault = config.rules.has('FIELD_SAME_DEFAULT')
        ? checksById.FIELD_SAME_DEFAULT?.run
        : undefined;
    const checkShared = (fields) => {
        if (!sameDefault)
            return;
        for (const f of fields)
            if (f.kind === 'enum')
                sameDefault(f, f, ctx);
    };
    if (messageRuns.length > 0 || fieldRuns.length > 0) {
        for (const [name, b] of ctx.base.messages) {
            const h = ctx.head.messages.get(name);
            if (!h)
                continue;
            if (h === b) {
                checkShared(b.fields);
                continue;
            }
            for (const run of messageRuns)
                run(h, b, ctx);
            if (fieldRuns.length === 0)
                continue;
            // Most messages are small: a scan beats building a map per message.
            const headFields = h.fields.length > 16 ? numbersOf(h.fields) : null;
            for (const bf of b.fields) {
                const hf = headFields
                    ? headFields.get(bf.number)
                    : h.fields.find((f) => f.number === bf.number);
                if (hf)
                    for (const run of fieldRuns)
                        run(hf, bf, ctx);
            }
        }
        if (fieldRuns.length > 0) {
            for (const [extendee, baseByNumber] of ctx.base.extensions) {
                const headByNumber = ctx.head.extensions.get(extendee);
                if (!headByNumber)
                    continue;
                for (const [n, bf] of baseByNumber) {
                    const hf = headByNumber.get(n);
                    if (hf === bf)
                        checkShared([bf]);
                    else if (hf)
                        for (const run of fieldRuns)
                            run(hf, bf, ctx);
                }
            }
        }
    }
    const enumRuns = runs('enum');
    const valueRuns = runs('enumValue');
    if (enumRuns.length > 0 || valueRuns.length > 0) {
        for (const [name, b] of ctx.base.enums) {
            const h = ctx.head.enums.get(name);
            if (!h || h === b)
                continue;
            for (const run of enumRuns)
                run(h, b, ctx);
            if (valueRuns.length === 0)
                continue;
            const headValues = valuesByNumber(h);
            for (const [n, baseNames] of valuesByNumber(b)) {
                const headNames = headValues.get(n);
                if (headNames)
                    for (const run of valueRuns)
                        run(headNames, baseNames, h, b, ctx);
            }
        }
    }
    const serviceRuns = runs('service');
    const methodRuns = runs('method');
    if (serviceRuns.length > 0 || methodRuns.length > 0) {
        for (const [name, b] of ctx.base.services) {
            const h = ctx.head.services.get(name);
            if (!h || h === b)
                continue;
            for (const run of serviceRuns)
                run(h, b, ctx);
            const headMethods = new Map(h.methods.map((m) => [m.name, m]));
            for (const bm of b.methods) {
                const hm = headMethods.get(bm.name);
                if (hm)
                    for (const run of methodRuns)
                        run(hm, bm, ctx);
            }
        }
    }
    return findings;
}
/**
 * What buf compares for one module of a workspace: the module's files and, as buf builds the
 * module's image with them, the workspace files they import (transitively), under the module's
 * configuration. One tree's files are indexed once, for all its modules.
 */
function moduleViewsOf(tree) {
    const byPath = new Map(tree.files.map((f) => [f.path, f]));
    return (modulePath) => {
        const chosen = new Set(tree.files.filter((f) => isUnder(f.displayPath, modulePath)));
        const queue = [...chosen];
        while (queue.length > 0) {
            const f = queue.pop();
            for (const i of f.imports) {
                const dep = byPath.get(i.path);
                if (dep && !chosen.has(dep)) {
                    chosen.add(dep);
                    queue.push(dep);
                }
            }
        }
        return { ...tree, files: tree.files.filter((f) => chosen.has(f)) };
    };
}
function ignoreReason(f, config) {
    const paths = [f.file?.displayPath, f.baseFile?.displayPath].filter((p) => !!p);
    for (const dir of config.ignore) {
        if (paths.some((p) => isUnder(p, dir)))
            return `buf.yaml breaking.ignore: ${dir}`;
    }
    for (const dir of config.ignoreOnly.get(f.rule) ?? []) {
        if (paths.some((p) => isUnder(p, dir)))
            return `buf.yaml breaking.ignore_only.${f.rule}: ${dir}`;
    }
    if (config.ignoreUnstablePackages) {
        const pkg = [f.file?.package, f.baseFile?.package].find((p) => p !== undefined && isUnstablePackage(p));
        if (pkg !== undefined)
            return `buf.yaml breaking.ignore_unstable_packages: ${pkg}`;
    }
    return undefined;
}
const compareChanges = (a, b) => (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.id.localeCompare(b.id) ||
    a.message.localeCompare(b.message);
/**
 * Breaking changes from `base` to `head` as buf reports them, as the shared Change model.
 * `file` is the head file (relative to the tree root), or the base file for an element whose file
 * is gone (null when the change has no place in the head and its base file is still there); `line` follows buf (the head element, its enclosing element for a deletion, else 1).
 * `config` is the head's breaking configuration (one, or one per module of a workspace); read
 * from the head's buf.yaml when not given.
 */
function diffProtoTrees(base, head, config) {
    const headPaths = new Set(head.files.map((f) => f.displayPath));
    const resolvedConfig = config ?? moduleBreakingConfigs(head.bufConfig) ?? breakingConfigOf(head.bufConfig);
    const runs = [];
    const seen = new Set();
    if (Array.isArray(resolvedConfig)) {
        // A workspace of several modules: each module's files against the same module's files in the
        // base, with that module's breaking configuration (package rules look within the module).
        const baseView = moduleViewsOf(base);
        const headView = moduleViewsOf(head);
        for (const mod of resolvedConfig) {
            for (const f of findBreakingChanges(baseView(mod.path), headView(mod.path), mod.config)) {
                const key = `${f.rule} ${f.file?.displayPath} ${f.span?.line} ${f.baseFile?.displayPath} ${f.message}`;
                if (seen.has(key))
                    continue;
                seen.add(key);
                runs.push([f, mod.config]);
            }
        }
    }
    else {
        for (const f of findBreakingChanges(base, head, resolvedConfig))
            runs.push([f, resolvedConfig]);
    }
    return runs
        .map(([f, resolved]) => {
        const reason = ignoreReason(f, resolved);
        const change = {
            kind: 'protobuf',
            id: f.rule,
            level: 'breaking',
            message: f.message,
            operation: f.operation,
            symbol: f.symbol,
            // buf names no file for what has no place in the head (a deleted package): the base file
            // is named only when it is gone from the head, so that a path never points at a head
            // file that does not hold the change.
            file: f.file?.displayPath ??
                (f.baseFile && !headPaths.has(f.baseFile.displayPath) ? f.baseFile.displayPath : null),
            line: f.file ? (f.span?.line ?? 1) : (f.baseSpan?.line ?? 1),
            ignored: reason !== undefined,
            fingerprint: fingerprintOf({
                kind: 'protobuf',
                id: f.rule,
                operation: f.operation,
                symbol: f.symbol,
                subject: f.message
            }),
            baseFile: f.baseFile?.displayPath ?? null,
            baseLine: f.baseSpan?.line ?? null
        };
        if (reason)
            change.ignoreReason = reason;
        // the file is gone from the head: its annotation has no place in the PR diff
        if (!f.file)
            change.anchor = null;
        return change;
    })
        .sort(compareChanges);
}

const toPosix = (p) => p.split(sep$1).join('/');
/** Rebase a path relative to a loaded tree onto the repository root the report uses. */
function rebase(treeDir, root, path) {
    if (!path)
        return null;
    return toPosix(relative(root, join(treeDir, path)));
}
/**
 * protobuf breaking changes with buf's rules: the head directory's buf.yaml (`breaking:` use,
 * except, ignore, ignore_only, ignore_unstable_packages) selects rules as buf does; FILE by default.
 */
const protobufEngine = {
    kind: 'protobuf',
    rules: protobufRules,
    async diff(basePath, headPath, options) {
        const [base, head] = loadProtoTreePair(basePath, headPath);
        options.log?.(`protobuf: ${base.files.length} files in ${basePath}, ${head.files.length} in ${headPath}`);
        // Read here so that a mistake names the file; the diff uses what is read.
        const source = join(headPath, 'buf.yaml');
        const config = moduleBreakingConfigs(head.bufConfig, source) ?? breakingConfigOf(head.bufConfig, source);
        if (lenientOf(head.bufConfig) || lenientOf(base.bufConfig)) {
            options.log?.(`protobuf: warning: the buf.yaml declares deps (buf.lock); rollback-guard does not fetch them, so imports from them are not checked and their types are compared by name only`);
        }
        const headFiles = new Set(head.files.map((f) => f.displayPath));
        return diffProtoTrees(base, head, config).map((c) => ({
            ...c,
            // A finding points at the head file, or at the base file for something whose file is gone.
            file: c.file && headFiles.has(c.file)
                ? rebase(headPath, options.headRoot, c.file)
                : rebase(basePath, options.baseRoot, c.file),
            baseFile: rebase(basePath, options.baseRoot, c.baseFile)
        }));
    }
};

/**
 * The pure engines per contract kind. The Go engine runs the Go toolchain, so it lives in
 * src/platform/go and the commands add it (see commandEngines in src/commands/contract-diff.ts).
 */
const contractEngines = {
    openapi: openApiEngine,
    protobuf: protobufEngine,
    gomod: goModEngine
};
function engineFor(kind, engines = contractEngines) {
    const engine = engines[kind];
    if (!engine) {
        throw new InputError(`contracts of kind '${kind}' cannot be compared by this version of rollback-guard; use one of ${Object.keys(engines).join(', ') || '(none)'}.`);
    }
    return engine;
}
function parseContractKind(value, source = '--kind') {
    if (contractKinds.includes(value))
        return value;
    throw new InputError(`${source} must be one of ${contractKinds.join(', ')}, got '${value}'.`);
}

/**
 * Applies overrides, then ignore entries, to the engines' changes. An entry past its `expires` day
 * no longer applies; the notes say so (and which entries matched nothing), so stale entries get
 * cleaned up instead of silently hiding new breaks.
 */
function applyPolicy(changes, policy, now) {
    const notes = [];
    const today = now.toISOString().slice(0, 10);
    const active = policy.ignore.map((entry) => ({
        entry,
        expired: entry.expires !== undefined && entry.expires < today,
        matched: 0
    }));
    const out = changes.map((original) => {
        const change = { ...original };
        const level = policy.overrides[change.id];
        if (level && level !== change.level) {
            change.originalLevel = change.level;
            change.level = level;
        }
        for (const candidate of active) {
            if (!matchesIgnore(candidate.entry, change))
                continue;
            candidate.matched += 1;
            if (candidate.expired || change.ignored)
                continue;
            change.ignored = true;
            change.ignoreReason = candidate.entry.reason;
        }
        return change;
    });
    for (const { entry, expired, matched } of active) {
        const label = describeIgnore(entry);
        if (expired && matched > 0) {
            notes.push({
                level: 'warning',
                message: `ignore entry ${label} expired on ${entry.expires}; its ${matched} change${matched === 1 ? '' : 's'} count${matched === 1 ? 's' : ''} again. Fix the change or renew the entry with a new \`expires\`.`
            });
        }
        else if (expired) {
            notes.push({
                level: 'notice',
                message: `ignore entry ${label} expired on ${entry.expires} and matches nothing now; remove it.`
            });
        }
        else if (matched === 0) {
            notes.push({
                level: 'notice',
                message: `ignore entry ${label} matched no change; remove it if it is no longer needed.`
            });
        }
    }
    return { changes: out, notes };
}
function describeIgnore(entry) {
    const parts = ['id', 'operation', 'path', 'symbol', 'fingerprint', 'contract']
        .filter((key) => entry[key] !== undefined)
        .map((key) => `${key} ${entry[key]}`);
    return `(${parts.join(', ')}${entry.line ? `; line ${entry.line}` : ''})`;
}
/** Every field the entry sets must match; fields it leaves out match anything. */
function matchesIgnore(entry, change) {
    if (entry.id !== undefined && entry.id !== change.id)
        return false;
    if (entry.fingerprint !== undefined && entry.fingerprint !== change.fingerprint)
        return false;
    if (entry.contract !== undefined && entry.contract !== change.contract)
        return false;
    if (entry.symbol !== undefined && !(change.symbol && globMatch(entry.symbol, change.symbol, '.')))
        return false;
    // a change reaching many operations is ignored only when the entry covers every one of them
    const operations = change.operations ?? (change.operation ? [change.operation] : []);
    if (entry.operation !== undefined) {
        const pattern = normalizeOperation(entry.operation);
        if (operations.length === 0 ||
            !operations.every((op) => globMatch(pattern, normalizeOperation(op), '/')))
            return false;
    }
    if (entry.path !== undefined) {
        const pattern = normalizePath(entry.path);
        if (operations.length === 0 ||
            !operations.every((op) => globMatch(pattern, normalizePath(pathOfOperation(op)), '/')))
            return false;
    }
    return true;
}
function pathOfOperation(operation) {
    const space = operation.indexOf(' ');
    return space === -1 ? operation : operation.slice(space + 1);
}
/** Method case does not matter; path parameter names do not either (`{petId}` = `{id}`). */
function normalizeOperation(operation) {
    const space = operation.indexOf(' ');
    if (space === -1)
        return normalizePath(operation);
    return `${operation.slice(0, space).toUpperCase()} ${normalizePath(operation.slice(space + 1))}`;
}
function normalizePath(path) {
    return path.replace(/\{[^}]*\}/g, '{}');
}
/** `*` matches within one segment (between separators), `**` across segments. */
function globMatch(pattern, text, separator) {
    if (!pattern.includes('*'))
        return pattern === text;
    const sep = separator.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === '*' && pattern[i + 1] === '*') {
            source += '.*';
            i++;
        }
        else if (char === '*')
            source += `[^${sep}]*`;
        else
            source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    return new RegExp(`^${source}$`).test(text);
}

/** Assembles the report from the engines' changes: policy, order, counts, semver and verdict. */
function assembleReport(parts) {
    const policy = applyPolicy(parts.changes, parts.config, parts.now);
    const changes = sortChanges(policy.changes, parts.contracts.map((c) => c.name));
    const summary = summarize(changes);
    const semver = semverOf(parts.baseVersion, summary, parts.declaredVersion, changes);
    return {
        schemaVersion: 1,
        base: parts.base,
        head: parts.head,
        summary,
        semver,
        changes,
        failOn: parts.failOn,
        verdict: verdictOf(summary, parts.failOn, semver, parts.config.version.enforce),
        contracts: parts.contracts,
        notes: [...parts.notes, ...policy.notes]
    };
}
/** Rule ids the contract check itself reports, beside the engines' rules. */
const checkRuleIds = ['contract-added', 'contract-removed'];
/**
 * Overrides and ignore entries naming a rule id no engine has: most likely a typo, which would
 * otherwise silently do nothing. Notices, not errors, so configs survive renamed rules.
 */
function unknownRuleNotes(config, engines) {
    const known = new Set([
        ...checkRuleIds,
        ...engines.flatMap((engine) => engine.rules.map((rule) => rule.id))
    ]);
    const notes = [];
    for (const id of Object.keys(config.overrides)) {
        if (!known.has(id))
            notes.push({
                level: 'warning',
                message: `override '${id}' names no rule of the configured contract kinds, so it changes nothing; check the id (\`rollback-guard rules\` lists them).`
            });
    }
    for (const entry of config.ignore) {
        if (entry.id !== undefined && !known.has(entry.id)) {
            notes.push({
                level: 'warning',
                message: `ignore entry${entry.line ? ` on line ${entry.line}` : ''} names the rule '${entry.id}', which no configured contract kind has; check the id (\`rollback-guard rules\` lists them).`
            });
        }
    }
    return notes;
}
/** The version the head declares: package.json's "version", or the first line of a plain file. */
async function readDeclaredVersion(root, files) {
    for (const file of files) {
        let text;
        try {
            text = await readFile(join(root, file), 'utf8');
        }
        catch {
            continue;
        }
        if (file.endsWith('.json')) {
            try {
                const version = JSON.parse(text).version;
                if (typeof version === 'string' && version.trim() !== '')
                    return version.trim();
            }
            catch {
                continue;
            }
        }
        else {
            const line = text.split('\n')[0]?.trim();
            if (line)
                return line;
        }
    }
    return null;
}

let collect;
/**
 * Runs a full garbage collection when the heap is large. Parsing a multi-megabyte YAML description
 * leaves a parse tree of a few hundred MB behind; V8 keeps it until it needs the room, so the second
 * document of a pair was parsed on top of the first one's garbage (peak RSS 620 MB for two 5 MB
 * files, 370 MB with a collection in between). Node exposes `gc` only behind a flag, which can be set
 * at run time for new contexts. A no-op when that is not possible or the heap is small.
 */
function reclaimMemory(minHeapBytes = 128 * 1024 * 1024) {
    if (getHeapStatistics().used_heap_size < minHeapBytes)
        return;
    if (collect === undefined) {
        try {
            setFlagsFromString('--expose-gc');
            collect = runInNewContext('gc');
        }
        catch {
            collect = null;
        }
    }
    collect?.();
}

/** At least this share of the exported names must be shared for a removal + addition to be a move. */
const minSimilarity = 0.5;
/**
 * Pairs removed packages with added ones of the same package name whose exported API is largely
 * the same (clientv3 → client/v3), best matches first; each package is in at most one move.
 */
function findPackageMoves(removed, added) {
    const candidates = [];
    for (const from of removed) {
        for (const to of added) {
            if (from.name !== to.name)
                continue;
            const similarity = apiSimilarity(from, to);
            if (similarity >= minSimilarity)
                candidates.push({ from, to, similarity });
        }
    }
    candidates.sort((a, b) => b.similarity - a.similarity || a.from.path.localeCompare(b.from.path));
    const used = new Set();
    const moves = [];
    for (const c of candidates) {
        if (used.has(c.from) || used.has(c.to))
            continue;
        used.add(c.from);
        used.add(c.to);
        moves.push(c);
    }
    return moves;
}
function apiSimilarity(a, b) {
    const names = (p) => new Set(p.objects.map((o) => `${o.kind} ${o.name}`));
    const x = names(a);
    const y = names(b);
    if (x.size === 0 && y.size === 0)
        return 1;
    let shared = 0;
    for (const n of x)
        if (y.has(n))
            shared++;
    return shared / Math.max(x.size, y.size);
}

/**
 * The kinds of change apidiff reports, as ids. Incompatible ones are breaking: code that
 * compiled against the old API may not compile against the new one.
 */
const goRules = [
    {
        id: 'object-removed',
        kind: 'go',
        level: 'breaking',
        reason: 'code referring to the exported const, var, func or type no longer compiles'
    },
    {
        id: 'object-added',
        kind: 'go',
        level: 'info',
        reason: 'a new exported name breaks no existing code'
    },
    {
        id: 'object-kind-changed',
        kind: 'go',
        level: 'breaking',
        reason: 'a const, var, func or type became another kind of object; uses of it no longer compile'
    },
    {
        id: 'func-became-var',
        kind: 'go',
        level: 'info',
        reason: 'a function variable can still be called like the function'
    },
    {
        id: 'type-changed',
        kind: 'go',
        level: 'breaking',
        reason: 'a changed type or signature breaks callers, implementers and assignments'
    },
    {
        id: 'type-parameters-changed',
        kind: 'go',
        level: 'warning',
        reason: "a generic function's type parameters or constraints changed: tightening breaks callers, loosening does not (not an apidiff finding)"
    },
    {
        id: 'numeric-type-widened',
        kind: 'go',
        level: 'info',
        reason: 'the new numeric type holds every value of the old one'
    },
    {
        id: 'const-value-changed',
        kind: 'go',
        level: 'breaking',
        reason: 'code compiled against the old value (array sizes, switch cases, wire values) changes meaning'
    },
    {
        id: 'field-removed',
        kind: 'go',
        level: 'breaking',
        reason: 'struct literals and selections using the field no longer compile'
    },
    {
        id: 'field-added',
        kind: 'go',
        level: 'info',
        reason: 'keyed struct literals and selections keep compiling'
    },
    {
        id: 'method-removed',
        kind: 'go',
        level: 'breaking',
        reason: 'calls of the method, and interface satisfaction through it, no longer compile'
    },
    {
        id: 'method-added',
        kind: 'go',
        level: 'info',
        reason: 'a new method on a type (or on an interface only this package can implement) is safe'
    },
    {
        id: 'interface-method-added',
        kind: 'go',
        level: 'breaking',
        reason: 'types outside the package that implemented the interface no longer do'
    },
    {
        id: 'interface-unexported-method-added',
        kind: 'go',
        level: 'breaking',
        reason: 'the interface can no longer be implemented outside its package'
    },
    {
        id: 'struct-no-longer-comparable',
        kind: 'go',
        level: 'breaking',
        reason: '== on values and use as map keys no longer compile'
    },
    {
        id: 'no-longer-implements',
        kind: 'go',
        level: 'breaking',
        reason: "assignments of the type to the package's interface no longer compile"
    },
    {
        id: 'chan-direction-changed',
        kind: 'go',
        level: 'breaking',
        reason: 'sends or receives on the channel type no longer compile'
    },
    {
        id: 'chan-direction-removed',
        kind: 'go',
        level: 'info',
        reason: 'a bidirectional channel allows every operation the directional one did'
    },
    {
        id: 'package-removed',
        kind: 'go',
        level: 'breaking',
        reason: 'imports of the package no longer resolve'
    },
    {
        id: 'package-added',
        kind: 'go',
        level: 'info',
        reason: 'a new package breaks no existing import'
    },
    {
        id: 'package-unreadable',
        kind: 'go',
        level: 'warning',
        reason: 'a package that could not be read (e.g. every file excluded by build constraints here) was not compared; a person should look'
    },
    {
        id: 'package-moved',
        kind: 'go',
        level: 'breaking',
        reason: 'a package that moved to another import path breaks every import of the old path; its API is compared across the move'
    },
    {
        id: 'module-major-version-changed',
        kind: 'go',
        level: 'info',
        reason: 'a new /vN module path is a new module for Go: importers opt in, so its incompatible changes are legitimate'
    }
];
function goRule(id) {
    const rule = goRules.find((r) => r.id === id);
    if (!rule)
        throw new Error(`unknown Go rule ${id}`);
    return rule;
}

/** The Go exported-API engine over an injected dumper (the real one builds and runs go/apidump). */
function createGoEngine(dump) {
    return {
        kind: 'go',
        rules: goRules,
        async diff(basePath, headPath, options) {
            const baseDir = path.resolve(options.baseRoot, basePath);
            const headDir = path.resolve(options.headRoot, headPath);
            const [base, head] = await Promise.all([
                dump(baseDir, { log: options.log, label: basePath }),
                dump(headDir, { log: options.log, label: headPath })
            ]);
            return diffApiDumps(base, head, {
                baseDir: path.relative(options.baseRoot, baseDir),
                headDir: path.relative(options.headRoot, headDir)
            });
        }
    };
}
/**
 * Compares two module dumps: packages are matched by their folder inside the dumped directory,
 * so a /vN module path change (or a base side materialized without the go.mod above it) still
 * compares like with like. A /vN change is reported once, and makes the incompatible changes it
 * comes with expected (info instead of breaking).
 */
function diffApiDumps(base, head, where = { baseDir: '', headDir: '' }) {
    const changes = [];
    const major = majorVersionChange(base.module, head.module);
    if (major) {
        changes.push(change$1('module-major-version-changed', {
            message: `module path changed from ${base.module} to ${head.module}: a new major version, so incompatible changes are allowed`,
            symbol: null,
            subject: head.module,
            file: joinFile(where.headDir, goModOf(head)),
            line: null
        }));
    }
    const basePkgs = new Map(base.packages.map((p) => [p.dir, p]));
    const headPkgs = new Map(head.packages.map((p) => [p.dir, p]));
    const baseUnread = new Map(base.unreadable.map((p) => [p.dir, p]));
    const headUnread = new Map(head.unreadable.map((p) => [p.dir, p]));
    for (const [side, unread, dir] of [
        ['head', headUnread, where.headDir],
        ['base', baseUnread, where.baseDir]
    ]) {
        for (const u of unread.values()) {
            if (side === 'base' && headUnread.has(u.dir))
                continue;
            changes.push(change$1('package-unreadable', {
                message: `package ${u.path}: could not be read in the ${side}, so its API was not compared: ${u.reason}`,
                symbol: null,
                subject: u.dir,
                file: joinFile(dir, u.dir),
                line: null
            }));
        }
    }
    // Findings in packages below the compared folder name their package first.
    const label = (rel, pkg) => (rel === '.' ? '' : `${pkg.path}: `);
    const removed = [];
    for (const [rel, oldPkg] of [...basePkgs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const newPkg = headPkgs.get(rel);
        if (!newPkg && headUnread.has(rel))
            continue;
        if (!newPkg) {
            removed.push(oldPkg);
            continue;
        }
        // The same folder under another import path (a module path change that is not /vN).
        if (oldPkg.path !== newPkg.path && !major && base.goMod && head.goMod) {
            changes.push(moveChange(oldPkg, newPkg, where));
        }
        for (const m of diffPackage(oldPkg, newPkg)) {
            changes.push(fromMessage(m, rel, label(rel, newPkg), where, major));
        }
    }
    const added = [...headPkgs]
        .filter(([rel]) => !basePkgs.has(rel) && !baseUnread.has(rel))
        .map(([, p]) => p);
    const moves = findPackageMoves(removed, added);
    for (const { from, to } of moves) {
        changes.push(moveChange(from, to, where, major));
        for (const m of diffPackage(from, to)) {
            changes.push(fromMessage(m, to.dir, `${to.path}: `, where, major));
        }
    }
    const movedPkgs = new Set(moves.flatMap((m) => [m.from, m.to]));
    for (const oldPkg of removed) {
        if (movedPkgs.has(oldPkg))
            continue;
        changes.push(change$1('package-removed', {
            message: `package ${oldPkg.path}: removed`,
            symbol: null,
            subject: oldPkg.dir,
            file: joinFile(where.baseDir, oldPkg.dir),
            line: null,
            major
        }));
    }
    for (const newPkg of added) {
        if (movedPkgs.has(newPkg))
            continue;
        changes.push(change$1('package-added', {
            message: `package ${newPkg.path}: added`,
            symbol: null,
            subject: newPkg.dir,
            file: joinFile(where.headDir, newPkg.dir),
            line: null
        }));
    }
    return changes;
}
/** One finding for a package that moved; its API differences are reported across the move. */
function moveChange(from, to, where, major = null) {
    return change$1('package-moved', {
        message: `package ${from.path}: moved to ${to.path} (importers must change their import paths)`,
        symbol: null,
        subject: `${from.dir}\u0000${to.dir}`,
        file: joinFile(where.headDir, to.dir),
        line: null,
        major
    });
}
function fromMessage(m, rel, label, where, major) {
    const dir = m.position.side === 'old' ? where.baseDir : where.headDir;
    const c = change$1(m.id, {
        message: `${label}${messageOf(m)}`,
        symbol: m.symbol,
        subject: m.detail ? `${rel}\u0000${m.detail}` : rel,
        file: m.position.file ? joinFile(dir, m.position.file) : null,
        line: m.position.line ?? null,
        major
    });
    // a removal's annotation goes on the same file in the head, file-level (its line is the base's)
    if (m.position.side === 'old' && m.position.file)
        c.anchor = { file: joinFile(where.headDir, m.position.file), line: null };
    if (m.basePosition?.file) {
        c.baseFile = joinFile(where.baseDir, m.basePosition.file);
        c.baseLine = m.basePosition.line ?? null;
    }
    return c;
}
function change$1(id, c) {
    const rule = goRule(id);
    const allowed = rule.level === 'breaking' && c.major;
    return {
        kind: 'go',
        id,
        level: allowed ? 'info' : rule.level,
        message: allowed ? `${c.message} (allowed by the new major version ${c.major})` : c.message,
        operation: null,
        symbol: c.symbol,
        file: c.file,
        line: c.line,
        ignored: false,
        fingerprint: fingerprintOf({ kind: 'go', id, symbol: c.symbol, subject: c.subject })
    };
}
/** The go.mod of a dump, relative to the dumped directory (which may be below the module root). */
function goModOf(dump) {
    const up = dump.moduleRoot === '.' || dump.moduleRoot === ''
        ? []
        : dump.moduleRoot.split('/').map(() => '..');
    return path.posix.join(...up, 'go.mod');
}
function joinFile(dir, file) {
    return path.posix.join(dir.split(path.sep).join('/'), file);
}
/** `/vN` major suffix of a module path (1 when there is none). */
function moduleMajor(modulePath) {
    const m = /^(.*?)\/v(\d+)$/.exec(modulePath);
    if (m && Number(m[2]) >= 2)
        return { prefix: m[1], major: Number(m[2]) };
    const gopkg = /^(gopkg\.in\/.*)\.v(\d+)$/.exec(modulePath);
    if (gopkg)
        return { prefix: gopkg[1], major: Number(gopkg[2]) };
    return { prefix: modulePath, major: 1 };
}
/** `vN` when head's module path is base's with a higher major suffix, else null. */
function majorVersionChange(baseModule, headModule) {
    const b = moduleMajor(baseModule);
    const h = moduleMajor(headModule);
    return b.prefix === h.prefix && h.major > b.major ? `v${h.major}` : null;
}

/** Checks the dumper's output enough to fail with a clear message instead of deep inside the diff. */
function parseApiDump(json, source) {
    let value;
    try {
        value = JSON.parse(json);
    }
    catch (error) {
        throw new InputError(`${source}: the Go API dump is not JSON (${error.message}); rebuild the dumper.`);
    }
    const dump = value;
    if (typeof dump !== 'object' ||
        dump === null ||
        dump.schemaVersion !== 1 ||
        !Array.isArray(dump.packages)) {
        throw new InputError(`${source}: not a Go API dump of schema version 1; the dumper and rollback-guard versions differ.`);
    }
    for (const pkg of dump.packages) {
        // The dumper leaves empty lists out.
        pkg.objects ??= [];
        pkg.named ??= {};
        pkg.types ??= [];
        for (const n of pkg.types) {
            if (n.k === 'struct')
                n.fields ??= [];
            if (n.k === 'interface')
                n.methods ??= [];
        }
        for (const named of Object.values(pkg.named)) {
            if (!named)
                continue;
            named.methods ??= [];
            named.ptrMethods ??= [];
        }
    }
    dump.warnings ??= [];
    dump.unreadable ??= [];
    return dump;
}

/**
 * The environment every go command and the dumper run with: never switch or download a
 * toolchain because of a go.mod nearby, never consult a workspace, no cgo, and none of the
 * user's GOFLAGS (the standard library's export data is built with `go list -export` on Go 1.20+).
 */
function goEnv(env, extra = {}) {
    return {
        ...env,
        GOTOOLCHAIN: 'local',
        GOWORK: 'off',
        GOFLAGS: '',
        GO111MODULE: 'on',
        CGO_ENABLED: '0',
        ...extra
    };
}
/**
 * Runs a program with an argument array (never a shell) and collects its output; `signal` stops
 * it (SIGTERM), which ends in a non-zero code.
 */
function run(file, args, options) {
    return new Promise((resolve, reject) => {
        execFile(file, args, {
            cwd: options.cwd,
            env: options.env,
            maxBuffer: 512 * 1024 * 1024,
            encoding: 'utf8',
            signal: options.signal
        }, (error, stdout, stderr) => {
            if (error && error.code === 'ENOENT') {
                reject(error);
                return;
            }
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ stdout, stderr, code });
        });
    });
}
/** Looks for `go` (on PATH, or the given command) and asks it for its version. */
async function findGoToolchain(options = {}) {
    const go = options.go ?? 'go';
    const env = goEnv(options.env ?? process.env);
    try {
        const result = await run(go, ['env', 'GOVERSION', 'GOROOT', 'GOMODCACHE'], {
            cwd: os.tmpdir(),
            env
        });
        const [version = '', goroot = '', gomodcache = ''] = result.stdout.trim().split('\n');
        if (result.code !== 0 || !/^go\d/.test(version)) {
            return {
                found: false,
                reason: `'${go} env GOVERSION' failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`
            };
        }
        return {
            found: true,
            toolchain: { go, version, goroot: goroot.trim(), gomodcache: gomodcache.trim() }
        };
    }
    catch {
        return { found: false, reason: `'${go}' was not found on PATH` };
    }
}

/** Finds go/apidump by walking up from this module (src/platform/go, dist/, or dist/chunks/). */
function findDumperSource(from = path.dirname(fileURLToPath(import.meta.url))) {
    for (let dir = from;; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'go', 'apidump');
        if (existsSync(path.join(candidate, 'main.go')))
            return candidate;
        if (path.dirname(dir) === dir) {
            throw new Error(`go/apidump (the Go API dumper) is missing from the package installed at ${from}`);
        }
    }
}
function defaultCacheDir(env = process.env) {
    if (env.RUNNER_TEMP)
        return path.join(env.RUNNER_TEMP, 'rollback-guard');
    const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.tmpdir(), '.cache');
    return path.join(base, 'rollback-guard');
}
/** Hash of the dumper's source files: a changed dumper is rebuilt, an unchanged one reused. */
async function sourceHash(sourceDir) {
    const names = (await readdir(sourceDir)).filter((n) => n.endsWith('.go') || n === 'go.mod').sort();
    const hash = createHash('sha256');
    for (const name of names) {
        hash
            .update(name)
            .update('\0')
            .update(await readFile(path.join(sourceDir, name)))
            .update('\0');
    }
    return hash.digest('hex').slice(0, 16);
}
/**
 * Builds the dumper with the Go on PATH once per source hash and Go version, into the cache.
 * Concurrent builds are safe: each builds under a unique name and renames into place.
 */
async function buildDumper(toolchain, options = {}, log) {
    const env = options.env ?? process.env;
    const sourceDir = options.sourceDir ?? findDumperSource();
    const cacheDir = options.cacheDir ?? defaultCacheDir(env);
    const exe = process.platform === 'win32' ? '.exe' : '';
    const binary = path.join(cacheDir, `apidump-${await sourceHash(sourceDir)}-${toolchain.version}${exe}`);
    if (existsSync(binary))
        return binary;
    await mkdir(cacheDir, { recursive: true });
    log?.(`Building the Go API dumper with ${toolchain.version} (once per Go version; kept in ${cacheDir})...`);
    const partial = `${binary}.${process.pid}.${Date.now()}.tmp`;
    const extra = {};
    if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME)
        extra.GOCACHE = path.join(cacheDir, 'go-build');
    // Go 1.23 type-checks generic aliases only with this experiment (on by default from 1.24).
    if (/^go1\.23(\D|$)/.test(toolchain.version))
        extra.GOEXPERIMENT = 'aliastypeparams';
    const result = await run(toolchain.go, ['build', '-o', partial, '.'], {
        cwd: sourceDir,
        env: goEnv(env, extra)
    });
    if (result.code !== 0) {
        await rm(partial, { force: true });
        throw new InputError(`Building the Go API dumper with ${toolchain.version} failed: ${result.stderr.trim()}; Go 1.21 or newer is needed (set up Go, e.g. actions/setup-go).`);
    }
    await rename(partial, binary);
    return binary;
}
/** Runs a built dumper; the standard library is read from the toolchain's GOROOT. */
function runDumper(binary, toolchain, args, env = process.env, signal) {
    // The dumper keeps where the standard library's export data is beside its binary.
    const extra = { APIDUMP_CACHE: env.APIDUMP_CACHE || path.dirname(binary) };
    if (toolchain.goroot)
        extra.GOROOT = toolchain.goroot;
    if (toolchain.gomodcache && !env.GOMODCACHE)
        extra.GOMODCACHE = toolchain.gomodcache;
    return run(binary, args, { cwd: os.tmpdir(), env: goEnv(env, extra), signal });
}
/**
 * Finds Go and builds the dumper on the first call, once (the first caller's `log` tells of it);
 * a failure (GoToolchainMissingError without Go) is tried again on the next call.
 */
function lazyDumperBinary(options = {}) {
    const env = options.env ?? process.env;
    let setup;
    const build = async (log) => {
        const lookup = await findGoToolchain({ go: options.go, env });
        if (!lookup.found)
            throw new GoToolchainMissingError(lookup.reason);
        log?.(`Go API dumper: using ${lookup.toolchain.version}`);
        return {
            binary: await buildDumper(lookup.toolchain, options, log),
            toolchain: lookup.toolchain
        };
    };
    return (log) => {
        setup ??= build(log);
        setup.catch(() => {
            setup = undefined;
        });
        return setup;
    };
}
/** The real dumper: finds Go, builds go/apidump once, runs it on a directory. */
function createGoApiDumper(options = {}) {
    const env = options.env ?? process.env;
    const ensure = lazyDumperBinary(options);
    return async (dir, { log, label = dir }) => {
        const { binary: exe, toolchain } = await ensure(log);
        const absolute = path.resolve(dir);
        const started = Date.now();
        const result = await runDumper(exe, toolchain, [absolute], env);
        if (result.code !== 0) {
            const detail = result.stderr.trim();
            if (/does not type-check|:\d+:\d+: /.test(detail))
                throw new GoSourceError(label, detail);
            throw new InputError(`${label}: the Go API could not be read: ${detail}`);
        }
        const dump = parseApiDump(result.stdout, label);
        log?.(`Go API of ${label}: ${dump.packages.length} package(s) in ${Date.now() - started} ms`);
        for (const warning of dump.warnings)
            log?.(`${label}: ${warning}`);
        return dump;
    };
}

/**
 * The environment of `go mod download`: the user's GOPROXY, GOFLAGS, GOPRIVATE, GONOSUMDB,
 * GOMODCACHE and so on are kept (they say where modules come from); only a toolchain switch and
 * a workspace are ruled out, and `-mod=` flags, which mean nothing outside a module.
 */
function downloadEnv(env) {
    const goflags = (env.GOFLAGS ?? '')
        .split(/\s+/)
        .filter((f) => f !== '' && !/^--?mod=/.test(f))
        .join(' ');
    return { ...env, GOTOOLCHAIN: 'local', GOWORK: 'off', GO111MODULE: 'on', GOFLAGS: goflags };
}
/** `go mod download -json path@version`: the module's source directory in the module cache. */
async function downloadModule(toolchain, modulePath, version, env = process.env, signal) {
    const result = await run(toolchain.go, ['mod', 'download', '-json', `${modulePath}@${version}`], {
        cwd: os.tmpdir(),
        env: downloadEnv(env),
        signal
    });
    let parsed;
    try {
        parsed = JSON.parse(result.stdout);
    }
    catch {
        parsed = null;
    }
    if (parsed?.Dir && !parsed.Error && result.code === 0)
        return { ok: true, dir: parsed.Dir };
    const reason = (parsed?.Error ?? result.stderr.trim()) || `go mod download exited ${result.code}`;
    return { ok: false, reason: oneLine(reason) };
}
const notesFile = /^(changelog|changes|history|news|release[-_]?notes|releases)(\.(md|markdown|txt|rst))?$/i;
/** The release notes a module ships at its root (CHANGELOG.md and the like), if any. */
async function readReleaseNotes(dir) {
    let names;
    try {
        names = (await readdir(dir)).filter((n) => notesFile.test(n)).sort();
    }
    catch {
        return undefined;
    }
    for (const name of names) {
        const file = path.join(dir, name);
        const info = await stat(file);
        if (!info.isFile() || info.size > 2 * 1024 * 1024)
            continue;
        return { file: name, text: await readFile(file, 'utf8') };
    }
    return undefined;
}
/** `go list -m -json -retracted path@version`: the rationales of retractions covering it. */
async function moduleRetractions(toolchain, modulePath, version, env = process.env, signal) {
    const result = await run(toolchain.go, ['list', '-m', '-json', '-retracted', `${modulePath}@${version}`], { cwd: os.tmpdir(), env: downloadEnv(env), signal });
    try {
        const parsed = JSON.parse(result.stdout);
        if (result.code === 0 && !parsed.Error)
            return { ok: true, rationales: parsed.Retracted ?? [] };
        return { ok: false, reason: oneLine(parsed.Error?.Err ?? result.stderr) };
    }
    catch {
        return { ok: false, reason: oneLine(result.stderr) || `go list exited ${result.code}` };
    }
}
function oneLine(text) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    return lines.length > 3 ? `${lines.slice(0, 3).join(' ')} …` : lines.join(' ');
}
/**
 * The real dependency-impact port: downloads through the go command, dumps each module@version
 * once (kept on disk beside the dumper: a version in the module cache never changes), and lists
 * the uses of dependencies with `apidump -uses`.
 */
function createDependencyImpactPort(options = {}) {
    const env = options.env ?? process.env;
    const dumper = lazyDumperBinary(options);
    const ensure = (log) => dumper(log).catch((error) => {
        // A Go too old to build the dumper is no usable toolchain: the impact is a warning.
        if (error instanceof InputError && !(error instanceof GoToolchainMissingError))
            throw new GoToolchainMissingError(error.message);
        throw error;
    });
    // The dumps without release notes, and the module's directory to read them from when asked.
    const memo = new Map();
    const cacheRoot = path.join(options.cacheDir ?? defaultCacheDir(env), 'dependency-apis');
    const dumpDir = async (binary, toolchain, dir, modulePath, label, signal) => {
        const result = await runDumper(binary, toolchain, ['-path', modulePath, dir], env, signal);
        if (result.code !== 0) {
            return { ok: false, reason: `its API could not be read: ${oneLine(result.stderr)}` };
        }
        return { ok: true, dump: parseApiDump(result.stdout, label) };
    };
    const dumpOnce = async (source, log, signal) => {
        const { binary, toolchain } = await ensure(log);
        if (source.kind === 'directory') {
            const result = await dumpDir(binary, toolchain, source.dir, source.path, source.dir, signal);
            return { result, dir: source.dir };
        }
        const label = `${source.path}@${source.version}`;
        const key = createHash('sha256')
            .update(`${path.basename(binary)}\0${label}`)
            .digest('hex')
            .slice(0, 24);
        const cached = path.join(cacheRoot, `${key}.json`);
        const downloaded = await downloadModule(toolchain, source.path, source.version, env, signal);
        if (!downloaded.ok)
            return { result: { ok: false, reason: downloaded.reason } };
        const dir = downloaded.dir;
        try {
            return {
                result: { ok: true, dump: parseApiDump(await readFile(cached, 'utf8'), label) },
                dir
            };
        }
        catch {
            // Not cached yet (or unreadable): dump it.
        }
        const started = Date.now();
        const dumped = await dumpDir(binary, toolchain, downloaded.dir, source.path, label, signal);
        if (dumped.ok) {
            log?.(`Go API of ${label}: ${dumped.dump.packages.length} package(s) in ${Date.now() - started} ms`);
            await mkdir(cacheRoot, { recursive: true });
            const partial = `${cached}.${process.pid}.tmp`;
            await writeFile(partial, JSON.stringify(dumped.dump));
            await rename(partial, cached);
        }
        return { result: dumped, dir };
    };
    return {
        async dump(source, log, signal, notes) {
            const key = source.kind === 'download' ? `${source.path}@${source.version}` : `dir:${source.dir}`;
            let dumped = memo.get(key);
            if (!dumped) {
                dumped = dumpOnce(source, log, signal);
                memo.set(key, dumped);
                // Only a dump is kept: a failure (offline, stopped by the budget) is tried again next run.
                const forget = () => memo.delete(key);
                dumped.then((d) => {
                    if (!d.result.ok || signal?.aborted)
                        forget();
                }, forget);
            }
            const { result, dir } = await dumped;
            // Release notes only for the version asked for with them (the target of an upgrade).
            if (!notes || !result.ok || dir === undefined)
                return result;
            return { ...result, notes: await readReleaseNotes(dir) };
        },
        async retractions(modulePath, version, signal) {
            const { toolchain } = await ensure();
            return moduleRetractions(toolchain, modulePath, version, env, signal);
        },
        async uses(moduleDir, log, signal) {
            const { binary, toolchain } = await ensure(log);
            const started = Date.now();
            const result = await runDumper(binary, toolchain, ['-uses', path.resolve(moduleDir)], env, signal);
            if (result.code !== 0) {
                throw new InputError(`${moduleDir}: the uses of dependencies could not be listed: ${oneLine(result.stderr)}`);
            }
            const parsed = JSON.parse(result.stdout);
            const uses = {
                uses: parsed.uses ?? [],
                warnings: parsed.warnings ?? [],
                errors: parsed.errors ?? []
            };
            log?.(`Uses of dependencies in ${moduleDir}: ${uses.uses.length} in ${Date.now() - started} ms`);
            return uses;
        }
    };
}

/**
 * The Go exported-API engine with the real dumper. `diff` throws GoToolchainMissingError when
 * there is no Go on PATH, so the contract-check job can skip the Go check with a warning.
 */
const goEngine = createGoEngine(createGoApiDumper());
function createRealGoEngine(options = {}) {
    return createGoEngine(createGoApiDumper(options));
}
/** The go.mod engine with dependency impact (`dependency-impact: direct|all`) through the Go toolchain. */
const goModImpactEngine = createGoModEngine(createDependencyImpactPort());
function createRealGoModEngine(options = {}) {
    return createGoModEngine(createDependencyImpactPort(options));
}

/** Released migrations are immutable: compares the two directories version by version. */
function compareHistory(base, head) {
    const released = new Map(base.migrations.map((m) => [m.version, m]));
    const current = new Map(head.migrations.map((m) => [m.version, m]));
    const newest = base.migrations[base.migrations.length - 1]?.version ?? null;
    const baseFindings = [];
    const headFindings = [];
    for (const m of base.migrations) {
        const now = current.get(m.version);
        if (!now) {
            baseFindings.push({
                id: 'migration-released-deleted',
                message: `released migration ${m.version} (${m.up.file}) was deleted; databases keep its changes and can no longer roll it back`,
                file: m.up.file,
                line: null,
                symbol: m.version
            });
        }
        else if (now.checksum !== m.checksum) {
            const which = now.up.sql !== m.up.sql ? 'up' : 'down';
            headFindings.push({
                id: 'migration-released-edited',
                message: `released migration ${m.version} (${now.up.file}) was edited (its ${which}); databases that already ran it never see the change`,
                file: which === 'up' ? now.up.file : (now.down?.file ?? now.up.file),
                line: null,
                symbol: m.version
            });
        }
    }
    const fresh = head.migrations.filter((m) => !released.has(m.version));
    for (const m of fresh) {
        if (newest !== null && compareVersions$1(m.version, newest) < 0) {
            headFindings.push({
                id: 'migration-out-of-order',
                message: `new migration ${m.version} sorts before released migration ${newest}; databases already at ${newest} skip or refuse it`,
                file: m.up.file,
                line: null,
                symbol: m.version
            });
        }
    }
    return { fresh, baseFindings, headFindings };
}

/** A statement the database refused, with its SQLSTATE when the driver gives one. */
class RehearsalStatementError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'RehearsalStatementError';
    }
}
const userSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
/** One query per kind of object; each row is the object's key and a text that changes when it does. */
const catalogQueries = {
    relation: `SELECT n.nspname || '.' || c.relname AS key,
      CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
        WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
        ELSE c.relkind::text END AS def
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${userSchemas}`,
    column: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS key,
      format_type(a.atttypid, a.atttypmod)
        || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
        || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
        || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'
             WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END
        || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS def
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND ${userSchemas}`,
    // NOT NULL constraints (Postgres 18 lists them here) are covered by the columns.
    constraint: `SELECT n.nspname || '.' || c.relname || '.' || con.conname AS key,
      pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype <> 'n' AND ${userSchemas}`,
    index: `SELECT n.nspname || '.' || c.relname AS key, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${userSchemas}`,
    enum: `SELECT n.nspname || '.' || t.typname AS key,
      string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS def
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${userSchemas} GROUP BY 1`,
    sequence: `SELECT n.nspname || '.' || c.relname AS key,
      format_type(s.seqtypid, NULL) || ' increment ' || s.seqincrement || ' min ' || s.seqmin
        || ' max ' || s.seqmax || ' start ' || s.seqstart || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END AS def
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${userSchemas}`,
    view: `SELECT n.nspname || '.' || c.relname AS key, pg_get_viewdef(c.oid) AS def
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${userSchemas}`,
    function: `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS key,
      pg_get_function_result(p.oid) || ' ' || md5(COALESCE(p.prosrc, '')) AS def
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${userSchemas}`,
    trigger: `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS key, pg_get_triggerdef(t.oid) AS def
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${userSchemas}`,
    schema: `SELECT n.nspname AS key, 'schema' AS def FROM pg_namespace n WHERE ${userSchemas}`,
    extension: `SELECT e.extname AS key, e.extversion AS def FROM pg_extension e`
};
async function snapshotSchema(db) {
    const snapshot = new Map();
    for (const [kind, sql] of Object.entries(catalogQueries)) {
        for (const row of await db.query(sql)) {
            snapshot.set(`${kind} ${String(row.key)}`, String(row.def ?? ''));
        }
    }
    return snapshot;
}
/** What differs between the schema before an up and after its down. */
function compareSnapshots(before, after) {
    const out = [];
    for (const [key, def] of before) {
        const now = after.get(key);
        if (now !== def)
            out.push({ object: readable(key), before: def, after: now ?? null });
    }
    for (const [key, def] of after) {
        if (!before.has(key))
            out.push({ object: readable(key), before: null, after: def });
    }
    // A missing table explains its missing columns, constraints and indexes: report it alone.
    const gone = out.filter((d) => d.object.startsWith('table ') && (d.before === null || d.after === null));
    return out.filter((d) => d.object.startsWith('table ') ||
        !gone.some((t) => d.object.split(' ')[1]?.startsWith(`${t.object.slice(6)}.`)));
}
function readable(key) {
    const [kind, ...rest] = key.split(' ');
    const name = rest.join(' ').replace(/^public\./, '');
    return `${kind === 'relation' ? 'table' : kind} ${name}`;
}
function describeDifference(d) {
    if (d.after === null)
        return `${d.object} (${d.before}) is missing after the down`;
    if (d.before === null)
        return `${d.object} (${d.after}) is left behind by the down`;
    return `${d.object} was \`${d.before}\` and is \`${d.after}\` after the down`;
}

/** Errors that mean "this database cannot do that" (a missing extension), not "the migration is wrong". */
const unsupportedText = /extension .* is not available|could not open extension control file|could not access file/i;
/**
 * Applies the base migrations, then for each new one: snapshot, up, down, compare, up again.
 * Once a migration could not be run, later ones are reported as not rehearsed, never passed.
 */
async function rehearse(db, base, fresh, log) {
    const findings = [];
    const rehearsed = [];
    const started = Date.now();
    let blocked = null;
    for (const m of base) {
        if (!m.up) {
            blocked = `released migration ${m.migration.version} does not parse`;
            break;
        }
        const failure = await runScript(db, m.up);
        if (failure) {
            blocked = `released migration ${m.migration.version} fails on ${db.label} (${m.migration.up.file}:${failure.statement.line}: ${failure.error.message})`;
            break;
        }
    }
    const applied = Date.now();
    log?.(`migrations: ${base.length} released migration(s) applied on ${db.label} in ${applied - started} ms`);
    for (const m of fresh) {
        const { migration } = m;
        const notRehearsed = (reason, file = migration.up.file, line = null) => findings.push({
            id: 'migration-not-rehearsed',
            message: `migration ${migration.version} not rehearsed: ${reason}`,
            file,
            line,
            symbol: migration.version
        });
        if (blocked) {
            notRehearsed(blocked);
            continue;
        }
        if (!m.up) {
            notRehearsed('its up does not parse');
            blocked = `migration ${migration.version} before it could not be applied`;
            continue;
        }
        const before = await snapshotSchema(db);
        const upFailure = await runScript(db, m.up);
        if (upFailure) {
            const { statement, error } = upFailure;
            if (isUnsupported(error))
                notRehearsed(`${db.label} cannot run it (${error.message})`, migration.up.file, statement.line);
            else
                findings.push(failed('migration-up-fails', migration, migration.up.file, statement, error, 'the up'));
            blocked = `migration ${migration.version} before it could not be applied`;
            continue;
        }
        if (!m.down || !migration.down) {
            // migration-missing-down reports it; the schema stays as the up left it.
            continue;
        }
        const downFailure = await runScript(db, m.down);
        if (downFailure) {
            const { statement, error } = downFailure;
            if (isUnsupported(error))
                notRehearsed(`${db.label} cannot run its down (${error.message})`, migration.down.file, statement.line);
            else
                findings.push(failed('migration-down-fails', migration, migration.down.file, statement, error, 'the down'));
            blocked = `the down of migration ${migration.version} before it could not be applied`;
            continue;
        }
        const after = await snapshotSchema(db);
        const downLine = m.down[0]?.line ?? migration.down.lineOffset + 1;
        for (const difference of compareSnapshots(before, after)) {
            findings.push({
                id: 'migration-down-not-restoring',
                message: `the down of migration ${migration.version} does not restore the schema: ${describeDifference(difference)}`,
                file: migration.down.file,
                line: downLine,
                symbol: difference.object
            });
        }
        const again = await runScript(db, m.up);
        if (again) {
            findings.push(failed('migration-reapply-fails', migration, migration.up.file, again.statement, again.error, 'the up, applied again after its down,'));
            blocked = `migration ${migration.version} before it could not be re-applied`;
            continue;
        }
        rehearsed.push(migration.version);
    }
    return {
        findings,
        rehearsed,
        timings: { applyBaseMs: applied - started, rehearseMs: Date.now() - applied }
    };
}
function failed(id, migration, file, statement, error, what) {
    return {
        id,
        message: `${what} of migration ${migration.version} fails: ${error.message}`,
        file,
        line: statement.line,
        symbol: migration.version
    };
}
function isUnsupported(error) {
    return unsupportedText.test(error.message);
}
async function runScript(db, statements) {
    for (const statement of statements) {
        try {
            await db.run(statement.sql);
        }
        catch (error) {
            if (!(error instanceof RehearsalStatementError))
                throw error;
            // A failed statement inside an explicit BEGIN leaves the transaction aborted.
            await db.run('ROLLBACK').catch(() => undefined);
            return { statement, error };
        }
    }
    return null;
}

const rehearsalModes = ['new', 'all', 'none'];
/** The `migrations` contract kind: static rules, history rules and a rehearsal on a database. */
function createMigrationsEngine(openDatabase) {
    return {
        kind: 'migrations',
        rules: migrationRules,
        async diff(basePath, headPath, options) {
            const settings = (options.settings ?? {});
            const baseDir = path.resolve(options.baseRoot, basePath);
            const headDir = path.resolve(options.headRoot, headPath);
            const headSet = readMigrationSet(await readSqlFiles(headDir), headPath, settings.tool);
            const baseFiles = await readSqlFiles(baseDir);
            const baseSet = baseFiles.length === 0
                ? { migrations: []}
                : readMigrationSet(baseFiles, basePath, settings.tool ?? headSet.tool);
            const mode = rehearsalMode(settings.rehearse);
            const history = compareHistory(baseSet, headSet);
            const findings = [...history.headFindings];
            const parsed = await Promise.all(history.fresh.map(parseMigration));
            for (const m of parsed)
                findings.push(...lintMigration(m, headSet));
            if (mode === 'none') {
                for (const m of parsed)
                    findings.push(notRehearsed(m.migration, 'rehearsal is turned off (rehearse: none)'));
            }
            else {
                const applied = mode === 'all' ? [] : await Promise.all(baseSet.migrations.map(parseMigration));
                const rehearsing = mode === 'all' ? await Promise.all(headSet.migrations.map(parseMigration)) : parsed;
                const databaseUrl = typeof settings.databaseUrl === 'string' && settings.databaseUrl !== ''
                    ? settings.databaseUrl
                    : null;
                const db = await openDatabase({ databaseUrl, log: options.log });
                try {
                    const result = await rehearse(db, applied, rehearsing, options.log);
                    options.log?.(`migrations: rehearsed ${result.rehearsed.length} of ${rehearsing.length} migration(s) on ${db.label} in ${result.timings.rehearseMs} ms`);
                    findings.push(...result.findings);
                }
                finally {
                    await db.close();
                }
            }
            const toChange = (root, dir) => (f) => change(f, root, dir);
            return [
                ...history.baseFindings.map(toChange(options.baseRoot, baseDir)),
                ...findings.map(toChange(options.headRoot, headDir))
            ];
        }
    };
}
async function parseMigration(migration) {
    const errors = [];
    const parseOne = async (script) => {
        if (!script)
            return null;
        const parsed = await parseScript(script);
        if (parsed.ok)
            return parsed.statements;
        errors.push({
            id: 'syntax-error',
            message: `${script.file} does not parse: ${parsed.message}`,
            file: script.file,
            line: parsed.line,
            symbol: migration.version
        });
        return null;
    };
    return {
        migration,
        up: await parseOne(migration.up),
        down: await parseOne(migration.down),
        errors
    };
}
function lintMigration(m, set) {
    const { migration } = m;
    const out = [...m.errors];
    if (m.up)
        out.push(...lintUp(migration, m.up, set.tool));
    const emptyDown = m.down !== null && m.down.length === 0;
    if (!migration.down || emptyDown) {
        out.push({
            id: 'migration-missing-down',
            message: `migration ${migration.version} (${migration.up.file}) has ${emptyDown ? 'an empty down' : 'no down'}, so it cannot be rolled back with ${set.tool}`,
            file: migration.down?.file ?? migration.up.file,
            line: migration.down ? migration.down.lineOffset : null,
            symbol: migration.version
        });
    }
    else if (m.up && m.down) {
        out.push(...lintDown(migration, m.down, upEffects(m.up)));
    }
    return out;
}
function notRehearsed(migration, reason) {
    return {
        id: 'migration-not-rehearsed',
        message: `migration ${migration.version} not rehearsed: ${reason}`,
        file: migration.up.file,
        line: null,
        symbol: migration.version
    };
}
function rehearsalMode(value) {
    if (value === undefined || value === null)
        return 'new';
    if (rehearsalModes.includes(value))
        return value;
    throw new InputError(`migrations: rehearse must be one of ${rehearsalModes.join(', ')}, got '${String(value)}'.`);
}
function change(finding, root, dir) {
    const rule = migrationRule(finding.id);
    const level = finding.level ?? rule.level;
    const file = path.relative(root, path.join(dir, finding.file)).split(path.sep).join('/');
    const advice = level === 'breaking' && rule.alternative ? ` Safer: ${rule.alternative}.` : '';
    return {
        kind: 'migrations',
        id: finding.id,
        level,
        message: `${finding.message}.${advice}`,
        operation: null,
        symbol: finding.symbol,
        file,
        line: finding.line,
        ignored: false,
        fingerprint: fingerprintOf({
            kind: 'migrations',
            id: finding.id,
            symbol: finding.symbol,
            subject: file
        })
    };
}

/** An empty in-memory Postgres (PGlite, WASM, in process): no server, no network. */
async function openPglite() {
    // Loaded on first use: its WASM files sit beside its code, so bundles keep it external.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    const version = (await db.query('SHOW server_version')).rows[0]?.server_version ??
        '?';
    return {
        label: `PGlite (Postgres ${version})`,
        async run(sql) {
            try {
                await db.exec(sql);
            }
            catch (error) {
                throw statementError(error);
            }
        },
        async query(sql) {
            try {
                return (await db.query(sql)).rows;
            }
            catch (error) {
                throw statementError(error);
            }
        },
        close: () => db.close()
    };
}
function statementError(error) {
    const code = error.code;
    return new RehearsalStatementError(error instanceof Error ? error.message : String(error), typeof code === 'string' ? code : null);
}

const connectTimeoutMs = 10_000;
const statementDeadlineMs = 10 * 60_000;
/**
 * A real Postgres server: the rehearsal runs in a scratch database created for it (so the
 * server's own databases are never touched) and dropped afterwards. The user needs CREATEDB.
 */
async function openPostgres(databaseUrl, log) {
    const url = parseUrl(databaseUrl);
    const where = `Postgres at ${url.host}`;
    const admin = await connect(url.toString(), where);
    const name = `rollback_guard_rehearsal_${randomBytes(6).toString('hex')}`;
    try {
        await admin.query(`CREATE DATABASE ${name}`);
    }
    catch (error) {
        await admin.end().catch(() => undefined);
        throw new ServiceError(`${where}: cannot create a scratch database for the rehearsal (${error.message}); give the user CREATEDB or rehearse on the embedded PGlite.`);
    }
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    let client;
    try {
        client = await connect(scratch.toString(), where);
    }
    catch (error) {
        await dropScratch(admin, name, log);
        throw error;
    }
    const version = (await client.query('SHOW server_version')).rows[0]?.server_version ?? '?';
    return {
        label: `${where} (Postgres ${String(version)})`,
        async run(sql) {
            try {
                await client.query(sql);
            }
            catch (error) {
                throw statementError(error);
            }
        },
        async query(sql) {
            try {
                return (await client.query(sql)).rows;
            }
            catch (error) {
                throw statementError(error);
            }
        },
        async close() {
            await client.end().catch(() => undefined);
            await dropScratch(admin, name, log);
        }
    };
}
async function dropScratch(admin, name, log) {
    try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    }
    catch (error) {
        log?.(`migrations: could not drop the scratch database ${name}: ${error.message}`);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
function parseUrl(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError('--database-url must be a URL like postgres://user:password@host:5432/postgres.');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        throw new InputError(`--database-url must start with postgres://, got ${url.protocol}//...; use a Postgres connection URL.`);
    }
    return url;
}
async function connect(connectionString, where) {
    const { default: driver } = await import('pg');
    const client = new driver.Client({
        connectionString,
        connectionTimeoutMillis: connectTimeoutMs,
        // A deadline per statement: a rehearsal never hangs a CI job (a migration may still lower it).
        query_timeout: statementDeadlineMs,
        application_name: 'rollback-guard rehearsal'
    });
    try {
        await client.connect();
    }
    catch (error) {
        await client.end().catch(() => undefined);
        // The message never repeats the URL, so a password in it stays out of logs.
        throw new ServiceError(`${where}: cannot connect (${error.message}).`);
    }
    // A dropped connection surfaces on the next query; an unhandled 'error' event would crash.
    client.on('error', () => undefined);
    return client;
}

/** PGlite by default, a real server when the contract or the command names one. */
const openRehearsalDatabase = ({ databaseUrl, log }) => databaseUrl ? openPostgres(databaseUrl, log) : openPglite();
const migrationsEngine = createMigrationsEngine(openRehearsalDatabase);

/**
 * Every engine the jobs use: the pure ones, plus those that need the outside world (Go's toolchain
 * and module downloads, Postgres for migration rehearsals, the garbage collector between loads).
 */
const commandEngines = {
    ...contractEngines,
    openapi: createOpenApiEngine({ afterLoad: () => reclaimMemory() }),
    go: goEngine,
    gomod: goModImpactEngine,
    migrations: migrationsEngine
};

export { emptyConfig as $, protobufRules as A, reclaimMemory as B, createGitHubClient as C, toGitHubError as D, isForbidden as E, httpStatusOf as F, GoSourceError as G, fitBody as H, gitHubMessageOf as I, defaultTruncationNote as J, maxBodyLength as K, failOnValues as L, parseSemver as M, summarize as N, requiredBump as O, levelRank as P, formatSemver as Q, compareSemver as R, defaultConfigFile as S, engineFor as T, unknownRuleNotes as U, upgradesRequirements as V, contractEngines as W, readDeclaredVersion as X, assembleReport as Y, isInside as Z, parseContractKind as _, GoToolchainMissingError as a, gitHubErrorDetails as a0, breakingConfigOf as b, commandEngines as c, configSchema as d, createGoEngine as e, createRealGoEngine as f, createRealGoModEngine as g, diffApiDumps as h, diffGoMod as i, diffOpenApi as j, diffProtoTrees as k, findGoToolchain as l, fingerprintOf as m, goEngine as n, goModEngine as o, goModRules as p, goRules as q, loadContractConfig as r, loadOpenApi as s, loadProtoTree as t, loadProtoTreePair as u, openApiEngine as v, openApiRules as w, parseGoMod as x, parseProto as y, protobufEngine as z };

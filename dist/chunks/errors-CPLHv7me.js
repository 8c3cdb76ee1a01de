var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

/** Exit codes shared by the CLI and the actions (INTERFACES.md). */
const ExitCode = {
    ok: 0,
    found: 1,
    usage: 2,
    service: 3
};
/** An error the user can fix: a bad flag, an unreadable or invalid file. Exit code 2. */
class InputError extends Error {
    exitCode = ExitCode.usage;
    constructor(message, options) {
        super(message, options);
        this.name = 'InputError';
    }
}
/** An outside service failed after retries (Prometheus down, GitHub 5xx). Exit code 3. */
class ServiceError extends Error {
    exitCode = ExitCode.service;
    constructor(message, options) {
        super(message, options);
        this.name = 'ServiceError';
    }
}
/** A job that a later release will provide. Exit code 2: the user asked for something unavailable. */
class NotAvailableError extends InputError {
    constructor(what) {
        super(`${what} is not available yet in this version of rollback-guard; see the README for what is.`);
        this.name = 'NotAvailableError';
    }
}
function exitCodeOf(error) {
    if (error instanceof InputError || error instanceof ServiceError)
        return error.exitCode;
    return ExitCode.usage;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

export { ExitCode as E, InputError as I, NotAvailableError as N, ServiceError as S, commonjsGlobal as c, exitCodeOf as e, getDefaultExportFromCjs as g, messageOf as m };

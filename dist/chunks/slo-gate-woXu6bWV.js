import { I as InputError, o as openStore } from './revert-auth-D1fpjJ97.js';
import { s as showManifest, g as markManifest } from './manifest-D1692HQ7.js';
import { B as runSloCheck, m as manifestVerdictOf, u as renderSlo, C as withProviders } from './slo-check-DpFR_jau.js';
import { relative, isAbsolute } from 'node:path';

/**
 * The SLO gate: find the release's manifest first (a wrong service or store fails now, not after
 * the schedule), measure the objectives, then mark the manifest good (pass) or bad (fail) with the
 * evidence. Inconclusive marks nothing.
 */
async function runSloGate(options) {
    const { target: where, decidedAt, onMeasured, ...checkOptions } = options;
    const target = where
        ? await showManifest(where.store, where.service, where.env, where.ref).catch((error) => {
            throw error instanceof InputError
                ? new InputError(`${error.message.replace(/\.$/, '')}; ${where.hint}`)
                : error;
        })
        : null;
    if (where && target) {
        options.ports?.log?.info(`the verdict goes on manifest ${target.id} of ${where.service}/${where.env}`);
    }
    const check = await runSloCheck(checkOptions);
    await onMeasured?.(check);
    const status = manifestVerdictOf(check.verdict);
    let marked = null;
    if (where && target && status) {
        // the evidence as its JSON document says it (times as text), the same as its file
        const evidence = JSON.parse(renderSlo(check.evidence, 'json'));
        marked = await markManifest(where.store, where.service, where.env, target.id, status, evidence, decidedAt());
    }
    return { check, target, marked, status };
}

/**
 * The SLO gate job, for the action and the CLI alike: opens the store the settings name (with
 * `open`, so errors name inputs or flags), then runs the gate.
 */
async function runSloGateJob(settings, log, hooks = {}) {
    const open = hooks.open ?? ((root, store) => openStore(root, store, log.info));
    const { record } = settings;
    const store = record ? await open(settings.root, record.store) : null;
    return runSloGate(withProviders({
        policyPath: settings.policyPath,
        deployedAt: settings.deployedAt,
        format: settings.format,
        env: settings.env,
        ports: settings.now ? { log, clock: { now: settings.now } } : { log },
        target: record && store
            ? {
                store,
                service: record.service,
                env: record.env,
                ref: record.manifestRef,
                hint: settings.missingManifestHint
            }
            : null,
        decidedAt: settings.now ?? (() => new Date()),
        ...(hooks.onMeasured ? { onMeasured: hooks.onMeasured } : {})
    }));
}
/** The policy as the evidence and errors show it: relative to the working folder when inside it. */
function shownPath(path, cwd = process.cwd()) {
    const inside = relative(cwd, path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

export { runSloGate as a, runSloGateJob as r, shownPath as s };

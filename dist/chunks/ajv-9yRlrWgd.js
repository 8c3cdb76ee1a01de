import { r as requireAjv } from './rules-lyPmDMke.js';

var ajvExports = /*@__PURE__*/ requireAjv();

export { ajvExports as a };

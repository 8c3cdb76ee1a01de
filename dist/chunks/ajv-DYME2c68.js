import { r as requireAjv } from './rules-CiHcWoYq.js';

var ajvExports = /*@__PURE__*/ requireAjv();

export { ajvExports as a };

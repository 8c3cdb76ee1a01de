import { r as requireAjv } from './ajv--SMmDqeS.js';

var ajvExports = /*@__PURE__*/ requireAjv();

export { ajvExports as a };

export { devicesGenerator, generateDevices } from './generator.js';
export { DIALECTS } from './dialects.js';
export type { Dialect, DialectContext, DialectView } from './dialect.js';
export type { DeviceRecord } from './record.js';

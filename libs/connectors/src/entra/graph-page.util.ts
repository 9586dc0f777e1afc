import { isJsonObject } from '../core/readers/json-value.util.js';

/**
 * Microsoft Graph answers a collection as one page, `{ "@odata.context": …, "value": [ … ], "@odata.nextLink"? }`:
 * its records are in `value`. A single object without `value` is one record.
 */
export function unwrapGraphPage(value: unknown): unknown[] | null {
  if (!isJsonObject(value) || !Array.isArray(value['value'])) return null;
  return value['value'];
}

/** Rules shared by both document stores, so a document valid in one is valid in the other. */

const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Collection names become file names (file store) and key suffixes (Redis): keep them plain. */
export function assertCollectionName(collection: string): void {
  if (!COLLECTION_NAME.test(collection)) {
    throw new TypeError(
      `Invalid document collection ${JSON.stringify(collection)}: use up to 100 letters, digits, '.', '_' or '-'`,
    );
  }
}

export function encodeDocument(value: unknown): string {
  const text: unknown = JSON.stringify(value);
  if (typeof text !== 'string')
    throw new TypeError('A document must be a JSON value (got undefined or a function)');
  return text;
}

/** The caller names the type it stored; documents are not validated on the way out. */
export function decodeDocument<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Code-unit order: the same in every locale and in both stores. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

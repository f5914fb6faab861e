import { loadReferenceData, type ReferenceData } from '../reference-data';

/** The domain's shipped reference data, read once for tests. */
let cached: ReferenceData | undefined;

export function referenceData(): ReferenceData {
  cached ??= loadReferenceData();
  return cached;
}

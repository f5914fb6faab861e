import type { Band, CorrectableField, HandoverState, ReleaseOutcome } from '@handover/domain';
import { type ApiResult, apiRequest, type Fetch } from '../../shared/api-client/api-client';

/** GET /api/v1/handovers/:id: a handover with ISO stamps, every release request and correction. */
export interface HandoverView {
  handoverId: string;
  siteCode: string;
  ambulanceTrustCode: string;
  callsign: string;
  category: number | null;
  state: HandoverState;
  preAlerted: boolean;
  expectedAt: string | null;
  arrivedAt: string | null;
  crewHandedOverAt: string | null;
  edHandedOverAt: string | null;
  /** The reported handover time: the crew's stamp when present, else the ED's. */
  handedOverAt: string | null;
  clearedAt: string | null;
  clockSeconds: number | null;
  band: Band | null;
  disputed: boolean;
  cancelled: { reason: string; at: string | null; by: string } | null;
  releaseRequests: {
    requestedAt: string | null;
    requestedBy: string;
    respondedAt: string | null;
    respondedBy: string | null;
    outcome: ReleaseOutcome | null;
    reason: string | null;
  }[];
  corrections: {
    field: CorrectableField;
    oldValue: string | number | null;
    newValue: string | number;
    reason: string;
    at: string | null;
    recordedAt: string | null;
    by: string;
  }[];
}

export function fetchHandover(
  token: string,
  handoverId: string,
  fetchImpl?: Fetch,
): Promise<ApiResult<HandoverView>> {
  return apiRequest<HandoverView>(
    `/api/v1/handovers/${encodeURIComponent(handoverId)}`,
    { token },
    fetchImpl,
  );
}

import type { AcuteTrust, AmbulanceTrust, Region, Site } from '@handover/domain';
import { type ApiResult, apiRequest, type Fetch } from './api-client';

/** The body of GET /api/v1/organisations (ODS reference data). */
export interface OrganisationsBody {
  attribution: string;
  regions: Region[];
  ambulanceTrusts: AmbulanceTrust[];
  acuteTrusts: AcuteTrust[];
  sites: Site[];
}

export function fetchOrganisations(token: string, fetchImpl?: Fetch): Promise<ApiResult<OrganisationsBody>> {
  return apiRequest<OrganisationsBody>('/api/v1/organisations', { token }, fetchImpl);
}

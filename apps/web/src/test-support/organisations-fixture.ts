import { buildDirectory } from '../stores/organisations-store';

/** A small slice of the ODS reference data, in ODS capitals as the server sends it. */
export const directoryFixture = buildDirectory({
  attribution: 'test',
  regions: [{ code: 'Y60', name: 'Midlands' }],
  ambulanceTrusts: [
    {
      code: 'RYA',
      name: 'WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST',
      regionCode: 'Y60',
    },
    { code: 'RX9', name: 'EAST MIDLANDS AMBULANCE SERVICE NHS TRUST', regionCode: 'Y60' },
  ],
  acuteTrusts: [
    {
      code: 'RRK',
      name: 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST',
      regionCode: 'Y60',
      type1AttendancesMar2026: null,
    },
  ],
  sites: [
    {
      code: 'RRK15',
      name: 'Queen Elizabeth Hospital Birmingham',
      trustCode: 'RRK',
      regionCode: 'Y60',
      postcode: 'B15 2WB',
      lat: 52.45,
      lon: -1.94,
    },
    {
      code: 'RRK97',
      name: 'HEARTLANDS HOSPITAL',
      trustCode: 'RRK',
      regionCode: 'Y60',
      postcode: 'B9 5SS',
      lat: 52.48,
      lon: -1.83,
    },
  ],
});

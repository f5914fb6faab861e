import { isRegionCode } from '../../shared/lib/ods-codes';
import { BadAddress } from '../../shared/ui/bad-address';
import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { NationalScreen } from './national-screen';

/** Route /region/:regionCode: one NHS England region, its trusts and sites. */
export default function RegionPage({ params }: { params: Readonly<Record<string, string>> }) {
  const code = (params.regionCode ?? '').toUpperCase();
  if (!isRegionCode(code)) {
    return (
      <BadAddress
        message={`"${params.regionCode ?? ''}" is not a region code. NHS England's regions have codes Y56 to Y63, like Y60 for the Midlands.`}
      />
    );
  }
  return (
    <LiveScreenGate scope={{ kind: 'region', code }} screenName="the region view">
      <NationalScreen key={code} level="region" code={code} />
    </LiveScreenGate>
  );
}

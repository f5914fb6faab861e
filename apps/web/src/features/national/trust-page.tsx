import { isTrustCode } from '../../shared/lib/ods-codes';
import { BadAddress } from '../../shared/ui/bad-address';
import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { NationalScreen } from './national-screen';

/** Route /trust/:trustCode (?site=CODE): an acute trust's sites and the handovers at one of them. */
export default function TrustPage({ params }: { params: Readonly<Record<string, string>> }) {
  const code = (params.trustCode ?? '').toUpperCase();
  if (!isTrustCode(code)) {
    return (
      <BadAddress
        message={`"${params.trustCode ?? ''}" is not an acute trust code. Trust codes have 3 letters or numbers, like RRK.`}
      />
    );
  }
  return (
    <LiveScreenGate scope={{ kind: 'acute_trust', code }} screenName="the trust view">
      <NationalScreen key={code} level="trust" code={code} />
    </LiveScreenGate>
  );
}

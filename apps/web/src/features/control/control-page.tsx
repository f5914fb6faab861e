import { isTrustCode } from '../../shared/lib/ods-codes';
import { BadAddress } from '../../shared/ui/bad-address';
import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { ControlScreen } from './control-screen';

/** Route /control/:ambulanceTrustCode: an ambulance control room's view of its crews at hospitals. */
export default function ControlPage({ params }: { params: Readonly<Record<string, string>> }) {
  const code = (params.ambulanceTrustCode ?? '').toUpperCase();
  if (!isTrustCode(code)) {
    return (
      <BadAddress
        message={`"${params.ambulanceTrustCode ?? ''}" is not an ambulance trust code. Codes have 3 letters or numbers, like RYA.`}
      />
    );
  }
  return (
    <LiveScreenGate scope={{ kind: 'ambulance_trust', code }} screenName="the control room screen">
      <ControlScreen ambulanceTrustCode={code} />
    </LiveScreenGate>
  );
}

import { isSiteCode } from '../../shared/lib/ods-codes';
import { BadAddress } from '../../shared/ui/bad-address';
import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { EntryScreen } from './entry-screen';
import { UnsentNote } from './unsent-note';

/** Route /entry/:siteCode: the ED's tablet for recording arrivals, handovers and clears. */
export default function EntryPage({ params }: { params: Readonly<Record<string, string>> }) {
  const siteCode = (params.siteCode ?? '').toUpperCase();
  if (!isSiteCode(siteCode)) {
    return (
      <BadAddress
        message={`"${params.siteCode ?? ''}" is not a site code. Site codes have 5 letters or numbers, like RRK15.`}
      />
    );
  }
  return (
    <LiveScreenGate
      scope={{ kind: 'sites', codes: [siteCode] }}
      screenName="the entry page"
      waitForSnapshot={false}
      refusalNote={<UnsentNote />}
    >
      <EntryScreen siteCode={siteCode} />
    </LiveScreenGate>
  );
}

import { isSiteCode } from '../../shared/lib/ods-codes';
import { BadAddress } from '../../shared/ui/bad-address';
import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { BoardScreen } from './board-screen';

/** Route /board/:siteCode: the ED wall display for one site. */
export default function BoardPage({ params }: { params: Readonly<Record<string, string>> }) {
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
      screenName="the ED wall display"
      bannerSize="wall"
    >
      <BoardScreen siteCode={siteCode} />
    </LiveScreenGate>
  );
}

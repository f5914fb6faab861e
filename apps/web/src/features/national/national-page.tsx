import { LiveScreenGate } from '../../shared/ui/live-screen-gate';
import { NationalScreen } from './national-screen';

/** Route /national: NHS England's live view of every ED. */
export default function NationalPage() {
  return (
    <LiveScreenGate scope={{ kind: 'england' }} screenName="the national view">
      <NationalScreen level="england" code="ENG" />
    </LiveScreenGate>
  );
}

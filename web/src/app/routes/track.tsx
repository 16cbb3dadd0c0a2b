import { useParams } from 'react-router';
import { TrackView } from '@/features/checkout/components/track-view';

export function TrackRoute() {
  const { token = '' } = useParams();
  return <TrackView key={token} token={token} />;
}

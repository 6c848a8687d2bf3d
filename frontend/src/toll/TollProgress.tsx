import { useEffect, useState } from 'react';
import { onTollProgress } from './payToll';

/** "Checking your browser" while the toll at the door is being paid; nothing otherwise. */
export function TollProgress() {
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => onTollProgress(setProgress), []);
  if (progress === null) return null;
  return (
    <p className="toll" role="status" aria-live="polite">
      Checking your browser before you join the queue… {Math.round(progress * 100)}%
      <progress max={1} value={progress} />
    </p>
  );
}

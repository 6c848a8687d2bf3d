export function ProgressBar(props: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent} % of the line ahead of you has been served`}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

import { formatChange, formatStamp } from './actions';
import type { AuditEntry } from './types';

/** The performance's audit log, newest first: when, who, what, before → after. */
export function AuditLog(props: { entries: AuditEntry[] }) {
  if (props.entries.length === 0) return <p className="muted">No operator action yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table audit" data-testid="audit-log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
              <td>
                <time dateTime={e.at}>{formatStamp(e.at)}</time>
              </td>
              <td>{e.operator}</td>
              <td>{e.action}</td>
              <td>
                {formatChange(e.before, e.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

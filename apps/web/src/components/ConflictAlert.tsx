/**
 * A stale save (409 `stale_version`): what the other person changed, and a button that loads their version so the
 * editor can decide. `message` and `reloadLabel` come from the feature's catalog; nothing shows while `message` is empty.
 */
export function ConflictAlert({ message, reloadLabel, onReload }: { message: string; reloadLabel: string; onReload: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="error-panel">
      <p>{message}</p>
      <button type="button" className="button" onClick={onReload}>
        {reloadLabel}
      </button>
    </div>
  );
}

import './people.css';

/**
 * "Assigned to me (3)": a toggle button (aria-pressed) that keeps only what my display name owns. The
 * count is of everything assigned to me, so it says what pressing it will show.
 */
export function MineToggle({ pressed, count, onChange, what = 'items' }: { pressed: boolean; count: number; onChange(next: boolean): void; what?: string }) {
  return (
    <button
      type="button"
      className="secondary small mine-toggle"
      aria-pressed={pressed}
      title={pressed ? 'Show everything again' : `Show only the ${what} whose owner is you`}
      onClick={() => onChange(!pressed)}
    >
      Assigned to me
      <span className="mine-count">
        {count}
      </span>
    </button>
  );
}

// Says what could not be saved to disk (settings, waiting reports), so a full or read-only disk is never silent.

/** A warning banner with the engine's sentence; shown on every page of the popover. */
export function StorageNotice({ problem }: { problem: string }) {
  return (
    <p className="banner bad" role="alert" data-testid="storage-notice">
      <span aria-hidden="true">⚠ </span>
      {problem}
    </p>
  );
}

// The error line under a settings field; present but empty when there is nothing to say, so nothing jumps.

/** Announced error text for one field. */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return (
    <p id={id} className={error ? 'field-error shown' : 'field-error'} role={error ? 'alert' : undefined}>
      {error ? (
        <>
          <span aria-hidden="true">⚠ </span>
          {error}
        </>
      ) : null}
    </p>
  );
}

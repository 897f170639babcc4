// Previous / next links around "Page 2 of 5", for a list paged by the database; nothing for one page.
import { ButtonLink } from "./primitives";

export function Pagination({
  page,
  pages,
  hrefOf,
  labels,
  className = "",
}: {
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  labels: { page: string; previous: string; next: string };
  className?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.page} className={`flex items-center justify-between gap-2 ${className}`}>
      {page > 1 ? (
        <ButtonLink href={hrefOf(page - 1)} variant="secondary" rel="prev">
          {labels.previous}
        </ButtonLink>
      ) : (
        <span />
      )}
      <span>{labels.page}</span>
      {page < pages ? (
        <ButtonLink href={hrefOf(page + 1)} variant="secondary" rel="next">
          {labels.next}
        </ButtonLink>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** A page number from the address, or undefined when it is not one the lists accept (1 to 10,000). */
export function pageFromParam(value: string | undefined): number | undefined {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : undefined;
}

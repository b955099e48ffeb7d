/**
 * Splits a list across slides at item boundaries, never inside an item, by an estimate of the
 * lines each item takes. Deterministic, so the same facts always split the same way.
 */
export function paginate<T>(items: readonly T[], weight: (item: T) => number, budget: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let used = 0;
  for (const item of items) {
    const w = weight(item);
    if (page.length > 0 && used + w > budget) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += w;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Estimated rendered lines of `text` in a column `width` characters wide. */
export function lines(text: string, width: number): number {
  return Math.max(1, Math.ceil(text.length / width));
}

/** "Timeline" or "Timeline (2/3)". */
export function pageTitle(title: string, index: number, count: number): string {
  return count > 1 ? `${title} (${index + 1}/${count})` : title;
}

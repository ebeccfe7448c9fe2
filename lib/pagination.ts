/** One page of a list: the page actually shown (clamped to the last), how many pages, and the rows to skip and take. */
export type PageWindow = { page: number; pages: number; skip: number; take: number };

export function pageWindow(total: number, requested: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pages);
  return { page, pages, skip: (page - 1) * size, take: size };
}

// A support network's portfolio: how its table can be sorted and paged.
export const PORTFOLIO_SORTS = ["title", "commune", "stage", "lastActivity", "identifier"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export const PORTFOLIO_PAGE_SIZE = 50;
